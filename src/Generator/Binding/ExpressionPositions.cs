using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// Where in an expression a suspending call sits, in words, for COR0007: the generator does not
/// split (spill) expressions yet, so the message says which position the user has to take it out of.
/// </summary>
internal static class ExpressionPositions
{
    public static string Describe(InvocationExpressionSyntax call)
    {
        SyntaxNode node = call;
        while (node.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax or CheckedExpressionSyntax or PostfixUnaryExpressionSyntax { OperatorToken.Text: "!" })
        {
            node = node.Parent;
        }
        var parent = node.Parent;
        return parent switch
        {
            ArgumentSyntax { Parent: BracketedArgumentListSyntax } => "an index",
            ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax invocation } => $"an argument of '{Callee(invocation.Expression)}'",
            ArgumentSyntax { Parent.Parent: BaseObjectCreationExpressionSyntax } => "an argument of a 'new' expression",
            ArgumentSyntax { Parent: TupleExpressionSyntax } => "a tuple",
            ArgumentSyntax => "an argument",
            BinaryExpressionSyntax binary => $"an operand of '{binary.OperatorToken.Text}'",
            AssignmentExpressionSyntax { OperatorToken.Text: "=" } assignment when assignment.Right == node => $"an assignment to '{assignment.Left}'",
            AssignmentExpressionSyntax assignment when assignment.Right == node => $"the compound assignment '{assignment.OperatorToken.Text}'",
            AssignmentExpressionSyntax => "the target of an assignment",
            PrefixUnaryExpressionSyntax unary => $"an operand of '{unary.OperatorToken.Text}'",
            ConditionalExpressionSyntax => "a conditional expression '?:'",
            MemberAccessExpressionSyntax => "the receiver of a member access",
            ConditionalAccessExpressionSyntax => "a conditional access '?.'",
            ElementAccessExpressionSyntax => "the receiver of an element access",
            InterpolationSyntax => "an interpolated string",
            InitializerExpressionSyntax => "an initializer",
            ArrayRankSpecifierSyntax => "an array size",
            IsPatternExpressionSyntax or SwitchExpressionSyntax or SwitchExpressionArmSyntax => "a pattern match",
            ThrowExpressionSyntax or ThrowStatementSyntax => "a throw",
            IfStatementSyntax => "the condition of an if statement",
            WhileStatementSyntax => "the condition of a while loop",
            DoStatementSyntax => "the condition of a do loop",
            ForStatementSyntax => "the header of a for loop",
            SwitchStatementSyntax => "the value of a switch statement",
            CommonForEachStatementSyntax => "the collection of a foreach loop",
            UsingStatementSyntax => "the resource of a using statement",
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: UsingStatementSyntax or LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 } } } => "the resource of a using declaration",
            _ => "this expression",
        };
    }

    private static string Callee(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => expression.ToString(),
    };
}
