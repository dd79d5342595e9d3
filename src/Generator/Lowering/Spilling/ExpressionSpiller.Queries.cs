using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// A query whose <c>join</c> collection suspends after other clauses (<c>from x in a where P(x) join y in F() on ...</c>).
/// C# allows an <c>await</c> there (and, in a query, only there and in the first <c>from</c>'s collection,
/// CS1995) and runs <c>a.Where(x =&gt; P(x))</c> before <c>F()</c>, then <c>.Join(...)</c> on that.
/// </summary>
internal sealed partial class ExpressionSpiller
{
    /// <summary>
    /// Whether <paramref name="query"/> has a <c>join</c> whose collection suspends after another clause, a <c>join</c>
    /// included (<c>from a in A join b in B on ... join c in F() on ...</c> calls <c>A.Join(B, ...)</c> before <c>F()</c>),
    /// or right after a <c>from</c> with a type (<c>from T a in A</c> calls <c>A.Cast&lt;T&gt;()</c> before it).
    /// </summary>
    private bool IsJoinAfterClauses(QueryExpressionSyntax query) =>
        SuspendingJoin(query) is var index && (index > 0 || (index == 0 && query.FromClause.Type is not null));

    private int SuspendingJoin(QueryExpressionSyntax query)
    {
        var clauses = query.Body.Clauses;
        for (var i = 0; i < clauses.Count; i++)
        {
            if (clauses[i] is JoinClauseSyntax join && Suspends(join.InExpression))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// The query up to that <c>join</c> (<c>from x in a where P(x) select x</c>, which C# makes the same calls
    /// for: <c>a.Where(x =&gt; P(x))</c>) is evaluated into a temporary first, then the join's collection is
    /// spilled; the rewritten query reads <c>from x in</c> the temporary, without the clauses already run.
    /// When that part adds range variables (<c>let</c>, <c>from</c>, <c>join</c>), its elements are C#'s anonymous
    /// transparent identifiers: see <see cref="KeepRangeVariables"/>.
    /// </summary>
    private void SpillJoinAfterClauses(QueryExpressionSyntax query)
    {
        var index = SuspendingJoin(query);
        var join = (JoinClauseSyntax)query.Body.Clauses[index];
        var before = query.Body.Clauses.Take(index).ToList();
        var from = query.FromClause;
        var after = query.Body.Clauses.Skip(index + 1).Cast<SyntaxNode>().Append(query.Body.SelectOrGroup);
        if (after.Any(Suspends) || (query.Body.Continuation is { } continuation && Suspends(continuation)))
        {
            Refuse(join, "the collection of a 'join' of a query in which a later collection suspends too " +
                         "(split the query in two at the later one, the first part in a local)");
            return;
        }
        var sequence = Model.GetQueryClauseInfo(join).OperationInfo.Symbol is IMethodSymbol joinMethod
            ? joinMethod.ReducedFrom is not null ? joinMethod.ReceiverType : joinMethod.ContainingType
            : null;
        var adds = before.FindLastIndex(static c => c is not (WhereClauseSyntax or OrderByClauseSyntax));
        if (sequence is null || sequence.TypeKind is TypeKind.Error || (adds < 0 && sequence.ContainsAnonymousType()) || ReadsClosureLocal(query))
        {
            Refuse(join, "the collection of a 'join' after other clauses, on a query whose elements have no type a field can hold or that reads a variable captured in a loop " +
                         "(split the query in two, the first part in a local)");
            return;
        }
        if (adds >= 0 && !IsEnumerable(sequence))
        {
            Refuse(join, $"the collection of a 'join' after a 'let', another 'from' or 'join', on a query of type '{sequence.ToDisplayString()}': " +
                         "its elements are of an anonymous type, kept across a suspension only in an IEnumerable<T> (LINQ to objects) " +
                         "(split the query in two, the first part in a local)");
            return;
        }
        Spill(from.Expression);
        if (Failed)
        {
            return;
        }
        // `from T x in e` is `from x in (e).Cast<T>()`.
        var source = from.Type is null
            ? Spelled(from.Expression)
            : new CallExpression(Spelled(from.Expression), $"Cast<{SymbolText.Type(Model.GetTypeInfo(from.Type).Type!)}>", new ListExpression(EquatableArray<CodeExpression>.Empty));
        var stem = Names.GeneratedNames.SpilledOperand(NameOf(from.Expression), _lowerer.NextState);
        var comment = $"the query {Quote(query)} (line {BodyLowerer.LineOf(query)}) up to its '{join.JoinKeyword.Text} {join.Identifier.Text}', run before {NextSuspension(join)} suspends, as C# does";
        string kept;
        if (adds < 0)
        {
            kept = _lowerer.NewTemporary(stem, SymbolText.Type(sequence), comment, true);
            Add(new AssignStatement(kept, new QueryPrefixExpression(from.Identifier.Text, source, before.Select(c => Rewrite(c)).ToEquatableArray()), BodyLowerer.LineOf(query)));
            _scope.KeptQueryFroms[from] = from.Identifier.Text;
        }
        else if (KeepRangeVariables(query, join, before, adds, source, stem, comment, (INamedTypeSymbol)sequence) is { } element)
        {
            kept = element.Kept;
            _scope.KeptQueryFroms[from] = element.Name;
        }
        else
        {
            return;
        }
        _scope.Spilled[from.Expression] = kept;
        _scope.DroppedQueryClauses.UnionWith(before);
        Spill(join.InExpression);
    }

    /// <summary>
    /// The part before the <c>join</c> adds range variables, so C# gives its elements an anonymous type (a transparent
    /// identifier, nested once per clause that adds one). It is run with the same calls, ending in a <c>select</c> of
    /// all range variables, <c>new { a = a, x = ... }</c>, that takes the place of the call of its last clause that adds
    /// one: a <c>let</c> becomes that select; a <c>from</c> or <c>join</c> absorbs it into its own call (C# does so
    /// for a <c>select</c> right after one), and so a <c>let</c> right after one of those is a select of its own, after
    /// the continuation <c>into</c> the element. The <c>where</c>/<c>orderby</c> after that clause are continued
    /// <c>into</c> the element too: <c>from a in A select new { a = a, x = ... } into before_c where before_c.x &gt; 0
    /// select before_c</c> (C#: <c>A.Select(a =&gt; new { a, x = ... }).Where(...)</c>). The temporary, an
    /// <c>IEnumerable</c> of that flat anonymous type, is an <c>object</c> read back through its shape; the rest of the
    /// query reads <c>from before_c in</c> it, each range variable as <c>before_c.x</c>. Null (refused) when a range
    /// variable's type cannot be spelled.
    /// </summary>
    private (string Kept, string Name)? KeepRangeVariables(
        QueryExpressionSyntax query, JoinClauseSyntax join, List<QueryClauseSyntax> before, int adds, CodeExpression source, string stem, string comment, INamedTypeSymbol sequence)
    {
        var variables = RangeVariables(query.FromClause, before.Take(adds + 1));
        var members = new List<(string Name, ITypeSymbol Type)>();
        string? reason = null;
        if (!Flatten(sequence.TypeArguments[0], members) || !members.Select(static m => m.Name).SequenceEqual(variables.Select(static v => v.Name)) ||
            AnonymousShape.OfSequence(members, out reason) is not { } shape)
        {
            Refuse(join, "the collection of a 'join' after a 'let', another 'from' or 'join', whose range variables cannot be kept" +
                         (reason is null ? "" : $" because {reason}") + " (split the query in two, the first part in a local)");
            return null;
        }
        var taken = new HashSet<string>(query.DescendantTokens().Where(static t => t.IsKind(SyntaxKind.IdentifierToken)).Select(static t => t.ValueText));
        taken.UnionWith(_scope.MemberNames);
        var element = Names.GeneratedNames.Unique(Names.GeneratedNames.KeptQueryElement(join.Identifier.ValueText), taken);
        var let = before[adds] as LetClauseSyntax;
        var afterAdder = let is not null && adds > 0 && before[adds - 1] is not (WhereClauseSyntax or OrderByClauseSyntax or LetClauseSyntax);
        // Rewritten before the range variables read as members: this part declares them.
        var clauses = before.Take(let is null ? adds + 1 : adds).Select(c => Rewrite(c)).ToEquatableArray();
        var projection = afterAdder ? Projection(variables.Take(variables.Count - 1), null, null) : Projection(variables, let, null);
        foreach (var variable in variables)
        {
            _scope.KeptRangeVariables[variable.Symbol] = element;
        }
        var continuations = new List<QueryContinuation>();
        if (afterAdder)
        {
            continuations.Add(new QueryContinuation(element, EquatableArray<CodeExpression>.Empty, Projection(variables, let, element)));
        }
        if (adds + 1 < before.Count)
        {
            continuations.Add(new QueryContinuation(element, before.Skip(adds + 1).Select(c => Rewrite(c)).ToEquatableArray(), null));
        }
        var kept = _lowerer.NewTemporary(stem, "object?", comment + AnonymousShape.FieldComment, false);
        _scope.SpilledShapes[kept] = shape;
        Add(new AssignStatement(
            kept,
            new QueryPrefixExpression(query.FromClause.Identifier.Text, source, clauses, projection, continuations.ToEquatableArray()),
            BodyLowerer.LineOf(query)));
        return (kept, element);
    }

    /// <summary>
    /// <c>new { a = a, x = ... }</c>: each range variable by name (read from <paramref name="element"/>, when not null),
    /// the last one the value of <paramref name="let"/>, when not null.
    /// </summary>
    private AnonymousShapeExpression Projection(IEnumerable<(string Name, ISymbol Symbol)> variables, LetClauseSyntax? let, string? element)
    {
        var list = variables.ToList();
        return new AnonymousShapeExpression(list.Select((v, i) => new ShapeMember(
            SymbolText.Identifier(v.Name),
            let is not null && i == list.Count - 1 ? Rewrite(let.Expression)
            : element is null ? new TextExpression(SymbolText.Identifier(v.Name))
            : new MemberExpression(new TextExpression(element), SymbolText.Identifier(v.Name)))).ToEquatableArray());
    }

    /// <summary>The range variables in scope after <paramref name="clauses"/>, in order (a <c>join ... into g</c> adds <c>g</c>, not the joined one).</summary>
    private List<(string Name, ISymbol Symbol)> RangeVariables(FromClauseSyntax from, IEnumerable<QueryClauseSyntax> clauses)
    {
        var declared = new List<ISymbol?> { Model.GetDeclaredSymbol(from) };
        foreach (var clause in clauses)
        {
            declared.Add(clause switch
            {
                JoinClauseSyntax { Into: { } into } => Model.GetDeclaredSymbol(into),
                WhereClauseSyntax or OrderByClauseSyntax => null,
                _ => Model.GetDeclaredSymbol(clause),
            });
        }
        return declared.OfType<ISymbol>().Select(static s => (s.Name, s)).ToList();
    }

    /// <summary>
    /// The members of C#'s transparent identifier <paramref name="type"/>, the nested ones (named <c>&lt;&gt;h__TransparentIdentifier0</c>)
    /// flattened: the range variables with their types, in order.
    /// </summary>
    private static bool Flatten(ITypeSymbol type, List<(string Name, ITypeSymbol Type)> members)
    {
        if (type is not INamedTypeSymbol { IsAnonymousType: true })
        {
            return false;
        }
        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
        {
            if (!SyntaxFacts.IsValidIdentifier(property.Name))
            {
                if (!Flatten(property.Type, members))
                {
                    return false;
                }
            }
            else
            {
                members.Add((property.Name, property.Type));
            }
        }
        return true;
    }

    private static bool IsEnumerable(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeArguments.Length: 1 } named && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;

    /// <summary>Whether the query reads a local kept in a closure environment (the rewriter makes a query through it, not a part of one).</summary>
    private bool ReadsClosureLocal(QueryExpressionSyntax query) =>
        _scope.ClosureOf.Count > 0 &&
        query.DescendantNodes().OfType<IdentifierNameSyntax>().Any(i => Model.GetSymbolInfo(i).Symbol is { } symbol && _scope.ClosureOf.ContainsKey(symbol));
}
