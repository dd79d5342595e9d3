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
    /// included: <c>from a in A join b in B on ... join c in F() on ...</c> calls <c>A.Join(B, ...)</c> before <c>F()</c>.
    /// </summary>
    private bool IsJoinAfterClauses(QueryExpressionSyntax query) => SuspendingJoin(query) > 0;

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
    /// Only <c>where</c> and <c>orderby</c> before it: they keep the one range variable, whose sequence has a type a field can hold.
    /// </summary>
    private void SpillJoinAfterClauses(QueryExpressionSyntax query)
    {
        var index = SuspendingJoin(query);
        var join = (JoinClauseSyntax)query.Body.Clauses[index];
        var before = query.Body.Clauses.Take(index).ToList();
        var from = query.FromClause;
        if (before.Any(static c => c is not (WhereClauseSyntax or OrderByClauseSyntax)) || from.Type is not null)
        {
            Refuse(join, "the collection of a 'join' after a 'let', another 'from' or 'join', or after a 'from' with a type " +
                         "(the query before it has no type a field can hold; split the query in two, the first part in a local)");
            return;
        }
        var sequence = Model.GetQueryClauseInfo(join).OperationInfo.Symbol is IMethodSymbol joinMethod
            ? joinMethod.ReducedFrom is not null ? joinMethod.ReceiverType : joinMethod.ContainingType
            : null;
        if (sequence is null || sequence.TypeKind is TypeKind.Error || sequence.ContainsAnonymousType() || ReadsClosureLocal(query))
        {
            Refuse(join, "the collection of a 'join' after other clauses, on a query whose elements have no type a field can hold or that reads a variable captured in a loop " +
                         "(split the query in two, the first part in a local)");
            return;
        }
        Spill(from.Expression);
        if (Failed)
        {
            return;
        }
        var line = BodyLowerer.LineOf(query);
        var kept = _lowerer.NewTemporary(
            Names.GeneratedNames.SpilledOperand(NameOf(from.Expression), _lowerer.NextState),
            SymbolText.Type(sequence),
            $"the query {Quote(query)} (line {line}) up to its '{join.JoinKeyword.Text} {join.Identifier.Text}', run before {NextSuspension(join)} suspends, as C# does",
            true);
        Add(new AssignStatement(
            kept,
            new QueryPrefixExpression(from.Identifier.Text, Spelled(from.Expression), before.Select(c => Rewrite(c)).ToEquatableArray()),
            line));
        _scope.Spilled[from.Expression] = kept;
        _scope.DroppedQueryClauses.UnionWith(before);
        Spill(join.InExpression);
    }

    /// <summary>Whether the query reads a local kept in a closure environment (the rewriter makes a query through it, not a part of one).</summary>
    private bool ReadsClosureLocal(QueryExpressionSyntax query) =>
        _scope.ClosureOf.Count > 0 &&
        query.DescendantNodes().OfType<IdentifierNameSyntax>().Any(i => Model.GetSymbolInfo(i).Symbol is { } symbol && _scope.ClosureOf.ContainsKey(symbol));
}
