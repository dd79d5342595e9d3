using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Generator.Binding;

/// <summary>
/// A variable of a ref struct type that an <c>out</c> argument or a pattern of a statement kept in a block of its own declares (an expression statement, an
/// <c>if</c> condition, a declaration's value), read after the statement (<c>_ = Made(out ReadOnlySpan&lt;int&gt; values) &amp;&amp; (slot = x =&gt; x.A + copy) is null;</c>
/// then <c>values.Length</c>): no field can keep it, so it is declared before the block without a value, <c>ReadOnlySpan&lt;int&gt; values;</c>, and the argument
/// assigns it, <c>out values</c>, or the pattern's match, <c>Spanned(copy) is var values__1 &amp;&amp; (values = values__1) is var _</c> (see
/// Lowering/StatementRewriter.VisitExpressionStatement); <c>scoped</c> when the call's value or the value tested may be narrower than the caller's context, as C# infers it.
/// </summary>
internal sealed partial class ClosureScopes
{
    /// <summary>The variables declared before the block that keeps the environments of their statement (see the class summary).</summary>
    public HashSet<ILocalSymbol> DeclaredBeforeStatement { get; } = new(SymbolEqualityComparer.Default);

    private static bool CanBeDeclaredBefore(ILocalSymbol local, SyntaxNode designation) =>
        local is { Type.IsRefLikeType: true, IsRef: false } && local.Type.CanBeNamed() &&
        (designation.Parent is DeclarationExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax } } argument } &&
         argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword) ||
         PatternOf((SingleVariableDesignationSyntax)designation) is not null);

    /// <summary>
    /// The <c>is</c> expression whose pattern declares <paramref name="designation"/> (<c>Spanned(copy) is var span</c>, <c>is { Length: &gt; 1 } span</c>,
    /// <c>is not ... span</c>, <c>is { Length: var count } span</c>): matched into a temporary, then stored in the variable declared before the block, its
    /// other variables that code after it reads stored in their fields or declared before too (see Lowering/StatementRewriter.VisitIsPatternExpression);
    /// null for any other designation.
    /// </summary>
    public static IsPatternExpressionSyntax? PatternOf(SingleVariableDesignationSyntax designation) =>
        designation.Parent is DeclarationPatternSyntax or VarPatternSyntax or RecursivePatternSyntax
            ? designation.Ancestors().TakeWhile(static a => a is PatternSyntax or SubpatternSyntax or PropertyPatternClauseSyntax or PositionalPatternClauseSyntax or IsPatternExpressionSyntax)
                .OfType<IsPatternExpressionSyntax>().FirstOrDefault()
            : null;

    /// <summary>Whether the variable <paramref name="designation"/> declares in a pattern (see <see cref="PatternOf"/>) may be narrower than the caller's context: C# gives it the context of the value tested.</summary>
    public static bool PatternMayBeNarrow(SemanticModel model, SingleVariableDesignationSyntax designation) =>
        PatternOf(designation) is { } test && MayBeNarrow(model, test.Expression);

    /// <summary>
    /// Whether the variable <paramref name="declaration"/> declares in an <c>out</c> argument may be narrower than the caller's context: C# gives it the
    /// narrowest context of the call's other arguments and receiver (an <c>out</c> argument adds none: the parameter is <c>scoped</c>).
    /// </summary>
    public static bool DeclaredMayBeNarrow(SemanticModel model, DeclarationExpressionSyntax declaration) =>
        declaration.Parent?.Parent?.Parent is InvocationExpressionSyntax call &&
        (call.Expression is MemberAccessExpressionSyntax { Expression: var receiver } && MayBeNarrow(model, receiver) ||
         call.ArgumentList.Arguments.Any(a => !a.RefKindKeyword.IsKind(SyntaxKind.OutKeyword) && (MayBeNarrow(model, a.Expression) ||
             a.RefKindKeyword.RawKind != 0 || model.GetOperation(a) is IArgumentOperation { Parameter.RefKind: not RefKind.None })));
}
