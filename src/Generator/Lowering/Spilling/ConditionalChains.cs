using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// The parts of a <c>?.</c> chain: in <c>a?.B?.C.Wait(1)</c>, <c>.B</c> is read from <c>a</c> and <c>.C</c> from
/// <c>a?.B</c>. A part starts with a binding (<c>.M</c>, <c>[i]</c>) that has no receiver of its own: the receiver is
/// that of the conditional access that owns it (see <see cref="RewriteScope.OpenChains"/> for how a spilled part is written).
/// </summary>
internal static class ConditionalChains
{
    /// <summary>The <c>.M</c> or <c>[i]</c> that <paramref name="expression"/> starts with, if it is a part of a chain (it cannot stand alone).</summary>
    public static ExpressionSyntax? RootBinding(ExpressionSyntax expression) => expression switch
    {
        MemberBindingExpressionSyntax or ElementBindingExpressionSyntax => expression,
        InvocationExpressionSyntax call => RootBinding(call.Expression),
        MemberAccessExpressionSyntax access => RootBinding(access.Expression),
        ElementAccessExpressionSyntax element => RootBinding(element.Expression),
        PostfixUnaryExpressionSyntax postfix => RootBinding(postfix.Operand),
        ConditionalAccessExpressionSyntax inner => RootBinding(inner.Expression), // `.B?.C`: the chain inside starts with `.B`
        _ => null,
    };

    /// <summary>The conditional access whose receiver <paramref name="binding"/> (a <c>.M</c> or <c>[i]</c>) reads: the nearest one it is after the <c>?</c> of.</summary>
    public static ConditionalAccessExpressionSyntax? OwnerOf(SyntaxNode binding)
    {
        for (var node = binding; node.Parent is { } parent; node = parent)
        {
            if (parent is ConditionalAccessExpressionSyntax access && access.WhenNotNull == node)
            {
                return access;
            }
        }
        return null;
    }

    /// <summary>
    /// The whole chain up to the end of <paramref name="part"/>, for a comment or a message: <c>gates?[0].Wait(1)</c>,
    /// <c>a?.B?.C.Wait(1)</c>, not only the <c>[0].Wait(1)</c> written after the last <c>?</c>.
    /// </summary>
    public static string Text(ExpressionSyntax part) => Start(part) is { } start ? Between(start, part.Span.End) : part.ToString();

    /// <summary>The name a suspension is called by, from the start of its chain: <c>gates?[0].Wait</c>, <c>a?.B?.Run</c>.</summary>
    public static string Name(InvocationExpressionSyntax call) => Start(call) is { } start ? Between(start, call.ArgumentList.SpanStart) : call.Expression.ToString();

    private static string Between(SyntaxNode start, int end) =>
        start.SyntaxTree.GetText().ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start.SpanStart, end));

    /// <summary>The outermost conditional access <paramref name="part"/> belongs to, null when it is no part of a chain.</summary>
    public static ConditionalAccessExpressionSyntax? Start(ExpressionSyntax part)
    {
        ConditionalAccessExpressionSyntax? start = null;
        while (RootBinding(part) is { } binding && OwnerOf(binding) is { } owner)
        {
            start = owner;
            part = owner.Expression;
        }
        return start;
    }
}
