using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// The places where C# refuses <c>await</c> in an async method, so a coroutine refuses a suspension
/// there too (COR0026): a catch filter (CS7094), an unsafe context (CS4004), and a query clause
/// other than the first <c>from</c>'s collection or a <c>join</c>'s collection, after an <c>into</c> too (CS1995). (A
/// <c>lock</c> body has its own diagnostic, COR0015; a ref local or ref struct across a
/// suspension is COR0009.)
/// </summary>
internal static class ForbiddenAwaitPositions
{
    /// <summary>Where C# forbids an await at <paramref name="call"/>: what to say, the compiler's error, and the fix; or null.</summary>
    public static (string Where, string CompilerError, string Fix)? Find(InvocationExpressionSyntax call, SyntaxNode body)
    {
        foreach (var ancestor in call.Ancestors().TakeWhile(a => a != body))
        {
            switch (ancestor)
            {
                case CatchFilterClauseSyntax:
                    return ("in a catch filter", "CS7094", "Call it before the try statement, store the value in a local, and test the local in the filter");
                case UnsafeStatementSyntax:
                    return ("in an unsafe context", "CS4004", "Move the call before or after the unsafe block");
                case FixedStatementSyntax:
                    return ("in an unsafe context", "CS4004", "Move the call before or after the fixed statement");
                case QueryExpressionSyntax query when !InAwaitableClause(call, query):
                    return ("in a query clause other than the first from", "CS1995", "Call it before the query, store the value in a local, and use the local in the clause");
            }
        }
        return null;
    }

    // C# allows await in the collection of the query's first from clause, and in a join's collection (one after an `into` too).
    private static bool InAwaitableClause(SyntaxNode call, QueryExpressionSyntax query) =>
        query.FromClause.Expression.Span.Contains(call.Span) || InJoinCollection(call, query.Body);

    private static bool InJoinCollection(SyntaxNode call, QueryBodySyntax? body) =>
        body is not null &&
        (body.Clauses.OfType<JoinClauseSyntax>().Any(j => j.InExpression.Span.Contains(call.Span)) || InJoinCollection(call, body.Continuation?.Body));
}
