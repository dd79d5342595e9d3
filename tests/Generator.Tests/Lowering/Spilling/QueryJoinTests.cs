using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering.Spilling;

/// <summary>
/// A <c>join</c> collection that suspends after other clauses is split: the query before it runs first. After
/// <c>where</c>/<c>orderby</c> (Behaviour/QueryJoinAfterClausesTests) and after a clause that adds a range variable
/// (<c>let</c>, a second <c>from</c>, another <c>join</c>: Behaviour/QueryJoinAfterRangeVariablesTests), no COR0007.
/// </summary>
public sealed class QueryJoinTests
{
    private static string Program(string body) => $$"""
        {{Programs.Usings}}
        using System.Linq;

        namespace Demo;

        public static partial class Program
        {
            [Coroutine]
            public static int Next(int x)
            {
                Yield.Sleep(1);
                return x;
            }

            [Coroutine]
            public static void Run()
            {
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("Trace.Log(string.Join(\",\", from x in new[] { 1 } let z = x * 2 join y in new[] { Next(1) } on z equals y select x));")]
    [InlineData("Trace.Log(string.Join(\",\", from x in new[] { 1 } from w in new[] { 2 } join y in new[] { Next(1) } on w equals y select x));")]
    [InlineData("Trace.Log(string.Join(\",\", from x in new[] { 1 } where x > 0 join v in new[] { 1 } on x equals v join y in new[] { Next(1) } on x equals y select x));")]
    public void COR0007_not_reported_for_a_join_collection_after_a_clause_that_adds_a_range_variable(string body) =>
        DiagnosticAssert.DoesNotFire(Program(body), "COR0007");

    [Fact]
    public void COR0007_not_reported_for_a_join_collection_after_where_and_orderby() =>
        DiagnosticAssert.DoesNotFire(Program("Trace.Log(string.Join(\",\", from x in new[] { 2, 1 } where x > 0 orderby x join y in new[] { Next(1) } on x equals y select x));"), "COR0007");
}
