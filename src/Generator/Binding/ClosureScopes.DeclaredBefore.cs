using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Generator.Binding;

/// <summary>
/// A variable of a ref struct type that an <c>out</c> argument of an expression statement kept in a block of its own declares, read after the
/// statement (<c>_ = Made(out ReadOnlySpan&lt;int&gt; values) &amp;&amp; (slot = x =&gt; x.A + copy) is null;</c> then <c>values.Length</c>): no field can keep
/// it, so it is declared before the block without a value, <c>ReadOnlySpan&lt;int&gt; values;</c>, and the argument assigns it, <c>out values</c>
/// (see Lowering/StatementRewriter.VisitExpressionStatement); <c>scoped</c> when the call's value may be narrower than the caller's context, as C# infers it.
/// </summary>
internal sealed partial class ClosureScopes
{
    /// <summary>The variables declared before the block that keeps the environments of their statement (see the class summary).</summary>
    public HashSet<ILocalSymbol> DeclaredBeforeStatement { get; } = new(SymbolEqualityComparer.Default);

    private static bool CanBeDeclaredBefore(ILocalSymbol local, SyntaxNode designation) =>
        local is { Type.IsRefLikeType: true, IsRef: false } && local.Type.CanBeNamed() &&
        designation.Parent is DeclarationExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax } } argument } &&
        argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword);

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
