using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// Where in an expression a suspending call sits, in words, for COR0007: a position that spilling
/// (Lowering/Spilling) does not split yet, so the message says which position the user has to take it out of.
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

    /// <summary>Where <paramref name="call"/> stands in the part of <paramref name="host"/> that is not spilled.</summary>
    public static string DescribeUnspilled(InvocationExpressionSyntax call, SyntaxNode host) => host switch
    {
        SwitchStatementSyntax => "a case guard ('when')",
        TryStatementSyntax => "a catch filter ('when'), where C# refuses an await too",
        _ => Describe(call),
    };

    /// <summary>
    /// The construct the spiller does not split, in words: <paramref name="construct"/> holds the
    /// suspension <paramref name="call"/>; when it is not one of the constructs named here, where the call stands.
    /// </summary>
    public static string DescribeConstruct(SyntaxNode construct, InvocationExpressionSyntax call) => construct switch
    {
        ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: not MemberBindingExpressionSyntax } chained } when chained == call =>
            "a conditional access '?.' whose value has no type a field can hold (test the receiver with an if and use the chain inside it)",
        ConditionalAccessExpressionSyntax or InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax } => "a conditional access '?.'",
        BaseObjectCreationExpressionSyntax { Initializer: not null } => "a nested object or collection initializer",
        AssignmentExpressionSyntax { Left: TupleExpressionSyntax or DeclarationExpressionSyntax } => "a deconstruction",
        AssignmentExpressionSyntax assignment when !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) =>
            $"the compound assignment '{assignment.OperatorToken.Text}'" + (assignment.Parent is ExpressionStatementSyntax ? "" : " used as a value"),
        SwitchExpressionSyntax when call.Ancestors().Any(static a => a is WhenClauseSyntax) => "the 'when' clause of a switch expression's arm",
        SwitchExpressionSyntax => "a switch expression whose value has no type a field can hold",
        IsPatternExpressionSyntax => "a pattern",
        RefExpressionSyntax or ConditionalExpressionSyntax { WhenTrue: RefExpressionSyntax } => "a ref expression",
        BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.LogicalOrExpression) =>
            $"an operand of '{binary.OperatorToken.Text}' that is not a bool",
        ConditionalExpressionSyntax => "a conditional expression '?:' whose condition is not a bool",
        AnonymousObjectCreationExpressionSyntax => "an anonymous object",
        QueryExpressionSyntax => "a query expression",
        WithExpressionSyntax => "a 'with' expression",
        _ => Describe(call),
    };

    private static string Callee(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => expression.ToString(),
    };
}
