using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;
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
    /// right after a <c>from</c> with a type (<c>from T a in A</c> calls <c>A.Cast&lt;T&gt;()</c> before it), or after
    /// an <c>into</c> (the query before it is called first).
    /// </summary>
    private bool IsJoinAfterClauses(QueryExpressionSyntax query)
    {
        if (SuspendingJoins(query.Body) is { Count: > 0 } joins && (joins[joins.Count - 1] > 0 || query.FromClause.Type is not null))
        {
            return true;
        }
        for (var continuation = query.Body.Continuation; continuation is not null; continuation = continuation.Body.Continuation)
        {
            if (SuspendingJoins(continuation.Body).Count > 0)
            {
                return true;
            }
        }
        return false;
    }

    private List<int> SuspendingJoins(QueryBodySyntax body)
    {
        var clauses = body.Clauses;
        var joins = new List<int>();
        for (var i = 0; i < clauses.Count; i++)
        {
            if (clauses[i] is JoinClauseSyntax join && Suspends(join.InExpression))
            {
                joins.Add(i);
            }
        }
        return joins;
    }

    /// <summary>
    /// The part of a query kept so far, read as <c>from RangeVariable in Source</c>, and the range variables declared
    /// in it, read as <c>Element.x</c> (by name when <see cref="Element"/> is null: the first <c>from</c>'s own).
    /// </summary>
    private sealed record KeptQueryPart(string RangeVariable, CodeExpression Source, string? Element, List<(string Name, ISymbol Symbol)> Variables);

    /// <summary>
    /// The query up to each <c>join</c> whose collection suspends (<c>from x in a where P(x) select x</c>, which C#
    /// makes the same calls for: <c>a.Where(x =&gt; P(x))</c>) is evaluated into a temporary first, then the join's
    /// collection is spilled; the query up to the next such <c>join</c> reads <c>from x in</c> that temporary, and the
    /// rewritten query reads the last one, without the clauses already run. When a part adds range variables
    /// (<c>let</c>, <c>from</c>, <c>join</c>), its elements are C#'s anonymous transparent identifiers: see
    /// <see cref="KeepRangeVariables"/>. A query continued by <c>into</c> is C#'s <c>from v in (query before the into) ...</c>
    /// (spec 12.20.3.2), once per <c>into</c>: the query before each <c>into</c> that comes before the last suspending
    /// <c>join</c>, from what is kept so far, is the collection of the next part (its <c>join</c>s kept the same way).
    /// </summary>
    private void SpillJoinAfterClauses(QueryExpressionSyntax query)
    {
        var outer = _queryClosures;
        _queryClosures = _scope.ClosureOf.Count > 0 ? new List<ClosureNames>() : null;
        try
        {
            KeepPartsBeforeJoins(query);
        }
        finally
        {
            _queryClosures = outer;
        }
    }

    private void KeepPartsBeforeJoins(QueryExpressionSyntax query)
    {
        var from = query.FromClause;
        var bodies = new List<QueryBodySyntax>();
        for (var body = query.Body; body is not null; body = body.Continuation?.Body)
        {
            bodies.Add(body);
        }
        var last = bodies.FindLastIndex(b => SuspendingJoins(b).Count > 0);
        var joins = SuspendingJoins(query.Body);
        if (joins.Count > 0 && joins[0] == 0 && from.Type is null)
        {
            // `from a in A join b in F() on ... join c in G() on ...`: A, then F(), then the call of A.Join, as C# does.
            SpillOperands(new List<Operand> { new(from.Expression), new(((JoinClauseSyntax)query.Body.Clauses[0]).InExpression) });
            joins.RemoveAt(0);
        }
        else
        {
            Spill(from.Expression);
        }
        if (Failed)
        {
            return;
        }
        var taken = new HashSet<string>(query.DescendantTokens().Where(static t => t.IsKind(SyntaxKind.IdentifierToken)).Select(static t => t.ValueText));
        taken.UnionWith(_scope.MemberNames);
        var part = new KeptQueryPart(from.Identifier.Text, Source(from), null, RangeVariables(new[] { from }));
        for (var i = 0; ; i++)
        {
            var body = bodies[i];
            if (i > 0)
            {
                joins = SuspendingJoins(body);
            }
            if (joins.Count > 0)
            {
                if (KeepParts(query, part, body.Clauses, joins, taken) is not { } kept)
                {
                    return;
                }
                part = kept;
            }
            if (i == last)
            {
                break;
            }
            // The query before the `into`, from what is kept so far (C#: `from v in (from x in A ... select S) ...`).
            var continuation = body.Continuation!;
            var inner = new QueryPrefixExpression(
                part.RangeVariable,
                part.Source,
                body.Clauses.Where(c => !_scope.DroppedQueryClauses.Contains(c)).Select(c => RewriteClause(c)).ToEquatableArray(),
                Selection: RewriteClause(body.SelectOrGroup));
            var variable = Model.GetDeclaredSymbol(continuation)!;
            part = new KeptQueryPart(continuation.Identifier.Text, new ParenthesizedExpression(inner), null, new() { (variable.Name, variable) });
        }
        if (last == 0)
        {
            _scope.KeptQueryFroms[from] = part.RangeVariable;
        }
        else
        {
            _scope.KeptQueryContinuations[query] = (part.RangeVariable, bodies[last]);
        }
    }

    /// <summary>The first <c>from</c>'s collection, spilled: <c>from T x in e</c> is <c>from x in (e).Cast&lt;T&gt;()</c>.</summary>
    private CodeExpression Source(FromClauseSyntax from) =>
        from.Type is null
            ? Spelled(from.Expression)
            : new CallExpression(Spelled(from.Expression), $"Cast<{SymbolText.Type(Model.GetTypeInfo(from.Type).Type!)}>", new ListExpression(EquatableArray<CodeExpression>.Empty));

    /// <summary>
    /// Keeps the query up to each of <paramref name="joins"/> (indexes in <paramref name="clauses"/>) in a temporary,
    /// then spills that join's collection; the part read last, or null when refused.
    /// </summary>
    private KeptQueryPart? KeepParts(QueryExpressionSyntax query, KeptQueryPart part, SyntaxList<QueryClauseSyntax> clauses, List<int> joins, HashSet<string> taken)
    {
        var from = query.FromClause;
        var start = 0;
        foreach (var index in joins)
        {
            var join = (JoinClauseSyntax)clauses[index];
            var segment = clauses.Skip(start).Take(index - start).ToList();
            var sequence = Model.GetQueryClauseInfo(join).OperationInfo.Symbol is IMethodSymbol joinMethod
                ? joinMethod.ReducedFrom is not null ? joinMethod.ReceiverType : joinMethod.ContainingType
                : null;
            var adds = segment.FindLastIndex(static c => c is not (WhereClauseSyntax or OrderByClauseSyntax));
            if (sequence is null || sequence.TypeKind is TypeKind.Error || (adds < 0 && AnonymousShape.IsNeeded(sequence) && AnonymousShape.Of(sequence, out _) is null))
            {
                Refuse(join, "the collection of a 'join' after other clauses, on a query whose elements have no type a field can hold " +
                             "(split the query in two, the first part in a local)");
                return null;
            }
            var stem = Names.GeneratedNames.SpilledOperand(NameOf(from.Expression), _lowerer.NextState);
            var comment = $"the query {Quote(query)} (line {BodyLowerer.LineOf(query)}) up to its '{join.JoinKeyword.Text} {join.Identifier.Text}', run before {NextSuspension(join)} suspends, as C# does";
            string kept;
            if (adds < 0)
            {
                // Only `where` and `orderby` since the first `from` or the `into` (a later part starts with the join before it): its elements keep their type.
                kept = NewKept(stem, sequence, comment, from.Expression);
                Add(new AssignStatement(kept, ThroughEnvironments(new QueryPrefixExpression(part.RangeVariable, part.Source, segment.Select(c => RewriteClause(c)).ToEquatableArray())), BodyLowerer.LineOf(query)));
                part = part with
                {
                    Source = _scope.SpilledShapes.TryGetValue(kept, out var shape) ? new AnonymousReadExpression(new TextExpression(kept), shape) : new TextExpression(kept),
                };
            }
            else if (KeepRangeVariables(part, join, segment, adds, (stem, comment, BodyLowerer.LineOf(query)), (INamedTypeSymbol)sequence, taken) is { } next)
            {
                (kept, part) = next;
            }
            else
            {
                return null;
            }
            _scope.Spilled[from.Expression] = kept;
            _scope.DroppedQueryClauses.UnionWith(segment);
            start = index;
            Spill(join.InExpression);
            if (Failed)
            {
                return null;
            }
        }
        return part;
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
    /// <c>IEnumerable</c> of that flat anonymous type (or the query type of its own, <c>Seq</c>, of it: a shape method
    /// spells it), is an <c>object</c> read back through its shape; what comes
    /// after reads <c>from before_c in</c> it, each range variable as <c>before_c.x</c>. Null (refused) when a range
    /// variable's type cannot be spelled.
    /// </summary>
    private (string Kept, KeptQueryPart Part)? KeepRangeVariables(
        KeptQueryPart part, JoinClauseSyntax join, List<QueryClauseSyntax> segment, int adds, (string Stem, string Comment, int Line) temporary, INamedTypeSymbol sequence, HashSet<string> taken)
    {
        var variables = part.Variables.Concat(RangeVariables(segment.Take(adds + 1))).ToList();
        var members = new List<(string Name, ITypeSymbol Type)>();
        string? reason = null;
        // C#'s element, its transparent identifier: the query type's one anonymous type argument (IEnumerable<T>, or Seq<T> of a query type of its own).
        var anonymous = sequence.TypeArguments.Where(static a => a.IsAnonymousType).ToList();
        if (anonymous.Count != 1 || !Flatten(anonymous[0], members) || !members.Select(static m => m.Name).SequenceEqual(variables.Select(static v => v.Name)) ||
            AnonymousShape.OfSequence(sequence, anonymous[0], members, out reason, _scope.ShapeMethods) is not { } shape)
        {
            Refuse(join, "the collection of a 'join' after a 'let', another 'from' or 'join', whose range variables cannot be kept" +
                         (reason is null ? "" : $" because {reason}") + " (split the query in two, the first part in a local)");
            return null;
        }
        var element = Names.GeneratedNames.Unique(Names.GeneratedNames.KeptQueryElement(join.Identifier.ValueText), taken);
        var let = segment[adds] as LetClauseSyntax;
        var afterAdder = let is not null && adds > 0 && segment[adds - 1] is not (WhereClauseSyntax or OrderByClauseSyntax or LetClauseSyntax);
        // Rewritten before the range variables read as members of this part: it declares them.
        var clauses = segment.Take(let is null ? adds + 1 : adds).Select(c => RewriteClause(c)).ToEquatableArray();
        CodeExpression Before(int i, string name) =>
            i < part.Variables.Count && part.Element is { } previous ? new MemberExpression(new TextExpression(previous), name) : new TextExpression(name);
        var projection = afterAdder ? Projection(variables.Take(variables.Count - 1).ToList(), null, Before) : Projection(variables, let, Before);
        foreach (var variable in variables)
        {
            _scope.KeptRangeVariables[variable.Symbol] = element;
        }
        var continuations = new List<QueryContinuation>();
        if (afterAdder)
        {
            continuations.Add(new QueryContinuation(element, EquatableArray<CodeExpression>.Empty, Projection(variables, let, (_, name) => new MemberExpression(new TextExpression(element), name))));
        }
        if (adds + 1 < segment.Count)
        {
            continuations.Add(new QueryContinuation(element, segment.Skip(adds + 1).Select(c => RewriteClause(c)).ToEquatableArray(), null));
        }
        CheckSaveable(sequence, join, join.InExpression.SpanStart);
        var kept = _lowerer.NewTemporary(temporary.Stem, "object?", temporary.Comment + AnonymousShape.FieldCommentFor(shape), false);
        _scope.SpilledShapes[kept] = shape;
        Add(new AssignStatement(
            kept,
            ThroughEnvironments(new QueryPrefixExpression(part.RangeVariable, part.Source, clauses, projection, continuations.ToEquatableArray())),
            temporary.Line));
        return (kept, new KeptQueryPart(element, new AnonymousReadExpression(new TextExpression(kept), shape), element, variables));
    }

    /// <summary>
    /// <c>new { a = a, x = ... }</c>: each range variable as <paramref name="read"/> (by its index and name) gives it,
    /// the last one the value of <paramref name="let"/>, when not null.
    /// </summary>
    private AnonymousShapeExpression Projection(List<(string Name, ISymbol Symbol)> variables, LetClauseSyntax? let, System.Func<int, string, CodeExpression> read) =>
        new(variables.Select((v, i) => new ShapeMember(
            SymbolText.Identifier(v.Name),
            let is not null && i == variables.Count - 1 ? RewriteClause(let.Expression) : read(i, SymbolText.Identifier(v.Name)))).ToEquatableArray());

    /// <summary>The range variables <paramref name="clauses"/> declare, in order (a <c>join ... into g</c> declares <c>g</c>, not the joined one).</summary>
    private List<(string Name, ISymbol Symbol)> RangeVariables(IEnumerable<QueryClauseSyntax> clauses) =>
        clauses.Select(clause => clause switch
            {
                JoinClauseSyntax { Into: { } into } => Model.GetDeclaredSymbol(into),
                WhereClauseSyntax or OrderByClauseSyntax => null,
                _ => Model.GetDeclaredSymbol(clause),
            })
            .OfType<ISymbol>()
            .Select(static s => (s.Name, s))
            .ToList();

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

    /// <summary>
    /// The closure environments whose locals the clauses rewritten so far read (null outside a query with kept parts,
    /// or when the body has none): the next kept part is made through them, its lambdas keeping this iteration's.
    /// </summary>
    private List<ClosureNames>? _queryClosures;

    /// <summary>A clause of a kept query part: the locals of closure environments read through their lambda parameters (see <see cref="ThroughEnvironments"/>).</summary>
    private CodeExpression RewriteClause(SyntaxNode node) =>
        _queryClosures is null ? Rewrite(node) : StatementRewriter.RewriteThroughEnvironments(_scope, node, _queryClosures);

    /// <summary>
    /// A kept query part (with the parts before an <c>into</c> it reads) made through the environments its clauses read,
    /// <c>closure1.Capture(captured1 =&gt; from x in ... select x + captured1.k)</c>, as C#'s lambdas keep the display
    /// class instance of the iteration they were made in.
    /// </summary>
    private CodeExpression ThroughEnvironments(QueryPrefixExpression part)
    {
        if (_queryClosures is not { Count: > 0 } closures)
        {
            return part;
        }
        var made = new ThroughEnvironmentsExpression(closures.Distinct().ToEquatableArray(), part);
        closures.Clear();
        return made;
    }
}
