using System.Collections.Generic;
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
/// <remarks>
/// One instance per body: every answer is remembered, and a block's statements are answered in
/// order, so a body of n statements costs O(n) in all, not O(n) per question (a 5,000-statement
/// body asked once per statement would otherwise walk back to its start each time).
/// </remarks>
internal sealed class SyntacticReachability
{
    private readonly Dictionary<StatementSyntax, bool> _start = new();
    private readonly Dictionary<ExpressionSyntax, bool> _notConstant = new();
    private readonly Dictionary<BlockSyntax, Dictionary<StatementSyntax, int>> _indexes = new();

    /// <summary>True when the end of <paramref name="statement"/> is certainly reachable; false when syntax cannot tell.</summary>
    public bool EndCertainlyReachable(StatementSyntax statement) => statement switch
    {
        // A plain statement ends where it starts (C# does not follow [DoesNotReturn]).
        ExpressionStatementSyntax or LocalDeclarationStatementSyntax { IsConst: false } or EmptyStatementSyntax => StartCertainlyReachable(statement),
        BlockSyntax block => block.Statements.Count == 0 ? StartCertainlyReachable(block) : EndCertainlyReachable(block.Statements[block.Statements.Count - 1]),
        IfStatementSyntax ifStatement when CannotBeConstant(ifStatement.Condition) =>
            ifStatement.Else is null ? StartCertainlyReachable(ifStatement) : EndCertainlyReachable(ifStatement.Statement) || EndCertainlyReachable(ifStatement.Else.Statement),
        // A loop whose condition can be false ends when it is false (a break only adds a way).
        WhileStatementSyntax loop when CannotBeConstant(loop.Condition) => StartCertainlyReachable(loop),
        ForStatementSyntax { Condition: { } condition } loop when CannotBeConstant(condition) => StartCertainlyReachable(loop),
        _ => false,
    };

    private bool StartCertainlyReachable(StatementSyntax statement)
    {
        if (_start.TryGetValue(statement, out var known))
        {
            return known;
        }
        if (statement.Parent is BlockSyntax siblings && IndexIn(siblings, statement) is > 0 and var index)
        {
            // Answer the earlier statements first, from the nearest one already answered, so that
            // no question walks back through the whole block (nor recurses once per statement).
            var from = index - 1;
            while (from > 0 && !_start.ContainsKey(siblings.Statements[from]))
            {
                from--;
            }
            for (var i = from; i < index; i++)
            {
                _start[siblings.Statements[i]] = StartCertainlyReachable(siblings.Statements[i]);
            }
        }
        var answer = statement.Parent switch
        {
            BlockSyntax block when IndexIn(block, statement) is > 0 and var position => EndCertainlyReachable(block.Statements[position - 1]),
            BlockSyntax { Parent: BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax } => true, // the first statement of the coroutine's body
            BlockSyntax block => StartCertainlyReachable(block),
            IfStatementSyntax ifStatement => CannotBeConstant(ifStatement.Condition) && StartCertainlyReachable(ifStatement),
            ElseClauseSyntax { Parent: IfStatementSyntax ifStatement } => CannotBeConstant(ifStatement.Condition) && StartCertainlyReachable(ifStatement),
            WhileStatementSyntax loop => CannotBeConstant(loop.Condition) && StartCertainlyReachable(loop),
            ForStatementSyntax { Condition: { } condition } loop => CannotBeConstant(condition) && StartCertainlyReachable(loop),
            _ => false,
        };
        _start[statement] = answer;
        return answer;
    }

    private bool CannotBeConstant(ExpressionSyntax condition)
    {
        if (!_notConstant.TryGetValue(condition, out var answer))
        {
            _notConstant[condition] = answer = ConstantConditions.CannotBeConstant(condition);
        }
        return answer;
    }

    // SyntaxList.IndexOf is a linear search: a block's positions are found once.
    private int IndexIn(BlockSyntax block, StatementSyntax statement)
    {
        if (!_indexes.TryGetValue(block, out var indexes))
        {
            indexes = new Dictionary<StatementSyntax, int>();
            for (var i = 0; i < block.Statements.Count; i++)
            {
                indexes[block.Statements[i]] = i;
            }
            _indexes[block] = indexes;
        }
        return indexes.TryGetValue(statement, out var index) ? index : -1;
    }
}
