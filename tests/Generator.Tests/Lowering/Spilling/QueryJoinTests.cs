using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering.Spilling;

/// <summary>
/// A <c>join</c> collection that suspends after a clause that adds a range variable (<c>let</c>, a second
/// <c>from</c>, another <c>join</c>): the query before it has elements of an anonymous type, which no field can
/// hold; COR0007 says so, at the suspension, with the fix. After <c>where</c>/<c>orderby</c> it is split
/// (Behaviour/QueryJoinAfterClausesTests).
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
    [InlineData("Trace.Log(string.Join(\",\", from x in new[] { 1 } let z = x * 2 join y in new[] { [|Next(1)|] } on z equals y select x));")]
    [InlineData("Trace.Log(string.Join(\",\", from x in new[] { 1 } from w in new[] { 2 } join y in new[] { [|Next(1)|] } on w equals y select x));")]
    [InlineData("Trace.Log(string.Join(\",\", from x in new[] { 1 } where x > 0 join v in new[] { 1 } on x equals v join y in new[] { [|Next(1)|] } on x equals y select x));")]
    public void COR0007_a_join_collection_after_a_clause_that_adds_a_range_variable(string body)
    {
        var run = DiagnosticAssert.Fires("COR0007", DiagnosticSeverity.Error, Program(body));
        Assert.Contains(
            "the collection of a 'join' after a 'let', another 'from' or 'join', or after a 'from' with a type",
            run.GeneratorDiagnostics.First(static d => d.Id == "COR0007").GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void COR0007_not_reported_for_a_join_collection_after_where_and_orderby() =>
        DiagnosticAssert.DoesNotFire(Program("Trace.Log(string.Join(\",\", from x in new[] { 2, 1 } where x > 0 orderby x join y in new[] { Next(1) } on x equals y select x));"), "COR0007");
}
