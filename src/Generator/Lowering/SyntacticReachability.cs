using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// C#'s reachability rules on syntax alone, for the common case, before asking the model
/// (<c>AnalyzeControlFlow</c> binds the whole body and runs the flow analysis over it for each
/// statement; issue 16). Only "certainly reachable" is answered: a statement after a plain one, the
/// body of an <c>if</c>, <c>while</c> or <c>for</c> whose condition is not a constant, and so on,
/// back to the start of the method's body; anything else (a jump, a <c>try</c>, a label, a constant
/// condition) is left to the model.
/// </summary>
internal static class SyntacticReachability
{
    /// <summary>True when the end of <paramref name="statement"/> is certainly reachable; false when syntax cannot tell.</summary>
    public static bool EndCertainlyReachable(StatementSyntax statement) => statement switch
    {
        // A plain statement ends where it starts (C# does not follow [DoesNotReturn]).
        ExpressionStatementSyntax or LocalDeclarationStatementSyntax { IsConst: false } or EmptyStatementSyntax => StartCertainlyReachable(statement),
        BlockSyntax block => block.Statements.Count == 0 ? StartCertainlyReachable(block) : EndCertainlyReachable(block.Statements[block.Statements.Count - 1]),
        IfStatementSyntax ifStatement when ConstantConditions.CannotBeConstant(ifStatement.Condition) =>
            ifStatement.Else is null ? StartCertainlyReachable(ifStatement) : EndCertainlyReachable(ifStatement.Statement) || EndCertainlyReachable(ifStatement.Else.Statement),
        // A loop whose condition can be false ends when it is false (a break only adds a way).
        WhileStatementSyntax loop when ConstantConditions.CannotBeConstant(loop.Condition) => StartCertainlyReachable(loop),
        ForStatementSyntax { Condition: { } condition } loop when ConstantConditions.CannotBeConstant(condition) => StartCertainlyReachable(loop),
        _ => false,
    };

    private static bool StartCertainlyReachable(StatementSyntax statement) => statement.Parent switch
    {
        BlockSyntax block when block.Statements.IndexOf(statement) is > 0 and var index => EndCertainlyReachable(block.Statements[index - 1]),
        BlockSyntax { Parent: BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax } => true, // the first statement of the coroutine's body
        BlockSyntax block => StartCertainlyReachable(block),
        IfStatementSyntax ifStatement => ConstantConditions.CannotBeConstant(ifStatement.Condition) && StartCertainlyReachable(ifStatement),
        ElseClauseSyntax { Parent: IfStatementSyntax ifStatement } => ConstantConditions.CannotBeConstant(ifStatement.Condition) && StartCertainlyReachable(ifStatement),
        WhileStatementSyntax loop => ConstantConditions.CannotBeConstant(loop.Condition) && StartCertainlyReachable(loop),
        ForStatementSyntax { Condition: { } condition } loop => ConstantConditions.CannotBeConstant(condition) && StartCertainlyReachable(loop),
        _ => false,
    };
}
