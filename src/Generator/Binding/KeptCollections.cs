using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// The collection expressions of a span type in the value of a ref struct local (or the value a ref local refers into) that is
/// assigned in a block of its own keeping the closure environments (see ClosureScopes.IsKeptRefStructDeclaration,
/// <c>var span = Filled([1, 2], rows, x =&gt; x.A + item);</c>). C# makes such a collection for the block it is written in
/// (its safe-context), so one written in that block could not be assigned to the local declared outside it (CS9203): each is
/// kept in a local of its own declared beside the local, before the block, <c>Span&lt;int&gt; span_collection1 = [1, 2];</c>,
/// which C# gives the same scope. It is evaluated before the block then: that is C#'s order only when what C# evaluates before
/// it in the value evaluates nothing (a constant, a lambda, a method's name, a local that nothing in the value writes and no
/// closure captures, another such collection) or is an argument kept in a local of its own before it the same way
/// (<c>var span_argument1 = Rows();</c>, see <see cref="CanBeKeptBefore"/>), when it is evaluated whenever the value is (an argument, an
/// element, a receiver: not a branch of a <c>?:</c>, an operand of <c>&amp;&amp;</c> or <c>??</c>, a lambda's; otherwise the argument around
/// it is kept whole), and when a lambda in it is made where it is (see <see cref="IsMadeWhereItIs"/>).
/// </summary>
internal static class KeptCollections
{
    /// <summary>
    /// Those collections of <paramref name="value"/> in C#'s order (none when it has none), or null when one cannot be kept that way.
    /// A collection chosen by a <c>?:</c> of a span type (<c>copy &gt; 0 ? [1] : [2]</c>) is kept with it: the whole <c>?:</c> in the
    /// local, which C# gives the same scope (it makes the collection it chooses for the block it is in), evaluated where C# evaluates it.
    /// </summary>
    public static IReadOnlyList<ExpressionSyntax>? Of(SemanticModel model, ExpressionSyntax value)
    {
        var collections = value.DescendantNodesAndSelf(n => !SuspensionFinder.IsFunction(n) && !(n is CollectionExpressionSyntax && IsOfASpanType(model, n)))
            .OfType<CollectionExpressionSyntax>()
            .Where(c => IsOfASpanType(model, c))
            .Select(c => ChosenWith(model, c, value))
            .Distinct()
            .ToList();
        if (collections.Count == 0)
        {
            return collections;
        }
        if (collections.Any(c => c.DescendantNodes(static n => !SuspensionFinder.IsFunction(n)).Any(n => n is QueryExpressionSyntax || SuspensionFinder.IsFunction(n) && !IsMadeWhereItIs(model, n, c))))
        {
            return null; // made before the block, a lambda in it would not read the environments through its locals
        }
        HashSet<ISymbol>? captured = null;
        var written = model.AnalyzeDataFlow(value) is { Succeeded: true } flow ? flow.WrittenInside : System.Collections.Immutable.ImmutableArray<ISymbol>.Empty;
        var kept = new List<ExpressionSyntax>();
        foreach (var collection in collections)
        {
            // One not evaluated each time the value is (`Filled(Has(copy > 0 && Sum([1]) > 0), ...)`, an operand of `&&`): the argument around it
            // is kept whole, where C# evaluates it.
            if (HolderOf(collection, value) is not { } holder || holder != collection && !CanBeKeptBefore(model, (ArgumentSyntax)holder.Parent!))
            {
                return null;
            }
            if (holder != collection)
            {
                kept.Add(holder);
            }
            for (SyntaxNode node = holder; node != value; node = node.Parent!)
            {
                foreach (var before in EvaluatedBefore(node).Where(e => !EvaluatesNothing(model, e, collections, written, ref captured, value)))
                {
                    // `Filled(Rows(), [1], ...)`: an argument that evaluates something is kept before the collection too, in C#'s order; so is
                    // a receiver of a reference type (`FillerOf(id).Fill([1], ...)`: the object it evaluates to is the same).
                    if (before is ArgumentSyntax argument && CanBeKeptBefore(model, argument))
                    {
                        kept.Add(argument.Expression);
                    }
                    else if (before is MemberAccessExpressionSyntax { Expression: var receiver and not (ThisExpressionSyntax or BaseExpressionSyntax) } member &&
                        member.IsKind(SyntaxKind.SimpleMemberAccessExpression) && model.GetSymbolInfo(member).Symbol is IMethodSymbol &&
                        model.GetSymbolInfo(receiver).Symbol is not (ITypeSymbol or INamespaceSymbol) && model.GetTypeInfo(receiver).Type is { IsReferenceType: true } &&
                        CanBeKeptBefore(model, receiver))
                    {
                        kept.Add(receiver);
                    }
                    else
                    {
                        return null;
                    }
                }
            }
        }
        // A collection (or an argument) in such an argument is made with it (the argument's local is declared beside the local too).
        return collections.Concat(kept).Distinct().Where(c => !kept.Any(k => k != c && k.Span.Contains(c.Span))).OrderBy(static e => e.SpanStart).ToList();
    }

    /// <summary>
    /// What keeps <paramref name="collection"/> before the block: itself when it is evaluated each time <paramref name="value"/> is; otherwise the
    /// argument around where it is not (an operand of <c>&amp;&amp;</c> or <c>??</c>, ...), which is; null when there is none.
    /// </summary>
    private static ExpressionSyntax? HolderOf(ExpressionSyntax collection, ExpressionSyntax value)
    {
        ExpressionSyntax holder = collection;
        for (SyntaxNode node = collection; node != value; node = node.Parent!)
        {
            if (!IsEvaluatedWithItsParent(node))
            {
                if (node.Ancestors().TakeWhile(a => a != value).OfType<ArgumentSyntax>().FirstOrDefault() is not { } argument)
                {
                    return null;
                }
                holder = argument.Expression;
                node = argument;
            }
        }
        return holder;
    }

    /// <summary>
    /// Whether <paramref name="function"/> in a collection (or an argument) kept before the block is made where it is, not through the block's locals:
    /// it can be made through the environments on its own, or with a call in that collection whose value is not a ref struct (<c>[Apply(x =&gt; x.A + item)]</c>,
    /// <c>Array.ConvertAll(rows, x =&gt; x.A + item)</c>, see ClosureScopes.MadeWithItsCall), which is then made through them as a whole.
    /// </summary>
    private static bool IsMadeWhereItIs(SemanticModel model, SyntaxNode function, ExpressionSyntax collection) =>
        function is AnonymousFunctionExpressionSyntax lambda &&
        (ClosureScopes.CanBeMade(model, lambda, out _) ||
            ClosureScopes.MadeWithItsCall(model, lambda, out var around) is { } made && !around && collection.Span.Contains(made.Span));

    /// <summary>
    /// Whether <paramref name="argument"/>, evaluated before a kept collection (or before the value a ref local refers into, see
    /// ClosureScopes.KeptByReference), can be kept in a local of its own declared before the block that keeps the environments, in C#'s
    /// order: passed by value or by reference (not <c>out</c>: it may assign what it refers to), with a type that local can be given (<see cref="KeptType"/>; not an interpolated string handler's), with no lambda
    /// but one made where it is (see <see cref="IsMadeWhereItIs"/>: another would not read the environments through the block's locals) and no
    /// variable declared in it (its local would not be the user's).
    /// </summary>
    public static bool CanBeKeptBefore(SemanticModel model, ArgumentSyntax argument) =>
        !argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword) && CanBeKeptBefore(model, argument.Expression);

    /// <summary>
    /// Whether <paramref name="part"/> (see <see cref="CanBeKeptBefore(SemanticModel, ArgumentSyntax)"/>) is an argument passed by reference:
    /// kept in a ref local, <c>ref var span_argument1 = ref row[Count()];</c> (<c>ref readonly</c> for <c>in</c>), given on by reference.
    /// </summary>
    public static bool IsKeptByReference(ExpressionSyntax part) => part.Parent is ArgumentSyntax argument && argument.RefKindKeyword.RawKind != 0;

    private static bool CanBeKeptBefore(SemanticModel model, ExpressionSyntax part) =>
        !part.DescendantNodesAndSelf(static n => !SuspensionFinder.IsFunction(n)).Any(n => SuspensionFinder.IsFunction(n) && !IsMadeWhereItIs(model, n, part) ||
            n is QueryExpressionSyntax or DeclarationExpressionSyntax or DeclarationPatternSyntax or VarPatternSyntax or RecursivePatternSyntax { Designation: not null } or ListPatternSyntax { Designation: not null }) &&
        model.GetTypeInfo(part) is var info && (info.ConvertedType ?? info.Type) is { } target &&
        (SymbolEqualityComparer.Default.Equals(info.Type, target) || target.CanBeNamed() &&
            // An interpolated string handler may be made from the call's other arguments: only with the call.
            !(part is InterpolatedStringExpressionSyntax && target.SpecialType != SpecialType.System_String));

    /// <summary>
    /// The type of the local an argument kept before the block is declared with: the one it is converted to (also for one without a type of its own,
    /// <c>c ? [1] : [2]</c>), or null for <c>var</c> (its own type, converted to nothing else).
    /// </summary>
    public static ITypeSymbol? KeptType(SemanticModel model, ExpressionSyntax argument) =>
        model.GetTypeInfo(argument) is { ConvertedType: { } converted } info && !SymbolEqualityComparer.Default.Equals(info.Type, converted) ? converted : null;

    private static bool IsOfASpanType(SemanticModel model, SyntaxNode collection) => model.GetTypeInfo(collection).ConvertedType is { IsRefLikeType: true };

    // The outermost `?:` of a span type (in `value`) that chooses `collection`, through parentheses; the collection itself when none does.
    private static ExpressionSyntax ChosenWith(SemanticModel model, CollectionExpressionSyntax collection, ExpressionSyntax value)
    {
        ExpressionSyntax chosen = collection;
        for (ExpressionSyntax node = collection; node != value && node.Parent is ExpressionSyntax parent;)
        {
            if (parent is ParenthesizedExpressionSyntax)
            {
                node = parent;
                continue;
            }
            if (parent is not ConditionalExpressionSyntax conditional || conditional.Condition == node || !IsOfASpanType(model, conditional))
            {
                break;
            }
            node = chosen = conditional;
        }
        return chosen;
    }

    // Evaluated each time its parent is, in the order its parent lists its parts.
    private static bool IsEvaluatedWithItsParent(SyntaxNode node) => node.Parent is
        ArgumentSyntax or ArgumentListSyntax or BracketedArgumentListSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or
        ParenthesizedExpressionSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax or CollectionExpressionSyntax or
        ExpressionElementSyntax or SpreadElementSyntax or RefExpressionSyntax ||
        node.Parent is MemberAccessExpressionSyntax member && member.Expression == node;

    /// <summary>The parts of <paramref name="node"/>'s parent that C# evaluates before it.</summary>
    private static IEnumerable<SyntaxNode> EvaluatedBefore(SyntaxNode node) => node.Parent switch
    {
        ArgumentListSyntax or BracketedArgumentListSyntax or CollectionExpressionSyntax => node.Parent.ChildNodes().TakeWhile(c => c != node),
        InvocationExpressionSyntax call when call.ArgumentList == node => new[] { call.Expression },
        ElementAccessExpressionSyntax element when element.ArgumentList == node => new[] { element.Expression },
        _ => Enumerable.Empty<SyntaxNode>(),
    };

    /// <summary>
    /// Whether <paramref name="part"/> of <paramref name="value"/> can be evaluated after what follows it there without anything seeing it
    /// (a constant, a variable that nothing in the value writes and no closure captures, ...: see ClosureScopes.KeptByReference).
    /// </summary>
    public static bool EvaluatesNothing(SemanticModel model, SyntaxNode part, ExpressionSyntax value)
    {
        HashSet<ISymbol>? captured = null;
        var written = model.AnalyzeDataFlow(value) is { Succeeded: true } flow ? flow.WrittenInside : System.Collections.Immutable.ImmutableArray<ISymbol>.Empty;
        return EvaluatesNothing(model, part, new List<ExpressionSyntax>(), written, ref captured, value);
    }

    /// <summary>Whether evaluating <paramref name="part"/> before the collection after it can be seen by nothing it evaluates.</summary>
    private static bool EvaluatesNothing(SemanticModel model, SyntaxNode part, List<ExpressionSyntax> collections, System.Collections.Immutable.ImmutableArray<ISymbol> written, ref HashSet<ISymbol>? captured, ExpressionSyntax value)
    {
        foreach (var node in part.DescendantNodesAndSelf(n => !SuspensionFinder.IsFunction(n) && !(n is ExpressionSyntax c && collections.Contains(c))))
        {
            switch (node)
            {
                case AnonymousFunctionExpressionSyntax or LiteralExpressionSyntax or DefaultExpressionSyntax or TypeOfExpressionSyntax or PredefinedTypeSyntax or TypeArgumentListSyntax or ArgumentSyntax { RefKindKeyword.RawKind: 0 }:
                case ExpressionSyntax collection when collections.Contains(collection):
                case TypeSyntax when model.GetSymbolInfo(node).Symbol is ITypeSymbol or INamespaceSymbol:
                    continue;
                case SimpleNameSyntax name when model.GetSymbolInfo(name).Symbol is IMethodSymbol or ITypeSymbol or INamespaceSymbol || model.GetSymbolInfo(name).CandidateSymbols.All(static s => s is IMethodSymbol) && model.GetSymbolInfo(name).CandidateSymbols.Length > 0:
                    continue;
                case SimpleNameSyntax name when model.GetSymbolInfo(name).Symbol is ILocalSymbol { RefKind: RefKind.None } or IParameterSymbol { RefKind: RefKind.None }:
                    // A variable read before the collection: nothing the value evaluates may change it (no closure can).
                    var variable = model.GetSymbolInfo(name).Symbol!;
                    captured ??= CapturedInItsBody(model, value);
                    if (written.Contains(variable, SymbolEqualityComparer.Default) || captured.Contains(variable))
                    {
                        return false;
                    }
                    continue;
                case MemberAccessExpressionSyntax member when member.IsKind(SyntaxKind.SimpleMemberAccessExpression) && model.GetSymbolInfo(member).Symbol is IMethodSymbol or ITypeSymbol:
                    continue;
                default:
                    if (model.GetConstantValue(node).HasValue)
                    {
                        continue;
                    }
                    return false;
            }
        }
        return true;
    }

    private static HashSet<ISymbol> CapturedInItsBody(SemanticModel model, ExpressionSyntax value)
    {
        var body = value.Ancestors().FirstOrDefault(static a => a is BlockSyntax { Parent: BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax });
        return new HashSet<ISymbol>(body is not null && model.AnalyzeDataFlow(body) is { Succeeded: true } flow ? flow.Captured : Enumerable.Empty<ISymbol>(), SymbolEqualityComparer.Default);
    }
}
