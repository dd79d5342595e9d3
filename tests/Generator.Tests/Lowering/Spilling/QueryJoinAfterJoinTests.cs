using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering.Spilling;

/// <summary>
/// A second <c>join</c> right after the first (<c>from a in A join b in B on ... join c in F() on ...</c>) whose
/// collection suspends: C# calls <c>A.Join(B, ...)</c> before <c>F()</c> (so a null <c>B</c> throws before the
/// suspension); that call's result, of an anonymous element type, is kept as an <c>IEnumerable</c> of one
/// (Behaviour/QueryJoinAfterRangeVariablesTests), so no COR0007.
/// </summary>
public sealed class QueryJoinAfterJoinTests
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
            public static void Run(int[] numbers)
            {
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("Trace.Log(string.Join(\",\", from x in new[] { 1 } join v in numbers on x equals v join y in new[] { Next(1) } on x equals y select x));")]
    [InlineData("Trace.Log(string.Join(\",\", from x in new[] { 1 } join v in numbers on x equals v join w in numbers on v equals w join y in new[] { Next(1) } on x equals y select x));")]
    public void COR0007_not_reported_for_a_second_join_collection_that_suspends(string body) =>
        DiagnosticAssert.DoesNotFire(Program(body), "COR0007");

    [Fact]
    public void COR0007_not_reported_for_the_first_join_collection() =>
        DiagnosticAssert.DoesNotFire(Program("Trace.Log(string.Join(\",\", from x in new[] { 1 } join y in new[] { Next(1) } on x equals y join v in numbers on x equals v select x));"), "COR0007");
}
