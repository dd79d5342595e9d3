using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering.Spilling;

/// <summary>
/// A <c>join</c> collection that suspends after a clause that adds a range variable: the query so far is run into
/// a temporary of type <c>IEnumerable&lt;new { a, twice }&gt;</c> (kept as an object, read back through its shape) with
/// C#'s own calls, and the rest reads its range variables as members of the kept element (snapshot
/// Snapshots/QueryJoin.AfterLet.verified.cs; with two joins that suspend, one temporary per join: QueryJoin.TwoJoins; after an <c>into</c>: QueryJoin.AfterInto). A query type other than <c>IEnumerable&lt;T&gt;</c>
/// (QueryJoinOnAQueryTypeOfItsOwnTests) and a query whose <c>join</c> before an <c>into</c> and one after it suspend
/// (QueryJoinAcrossContinuationsTests) are kept too. A <c>join</c> after an <c>into</c> alone is split (C# accepts an
/// <c>await</c> there: not COR0026).
/// </summary>
public sealed class QueryJoinAfterRangeVariablesTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public static partial class QueryJoin
        {
            [Coroutine]
            public static int[] Fetch(int count)
            {
                Yield.Sleep(1);
                return Enumerable.Range(0, count).ToArray();
            }

            [Coroutine]
            public static string AfterLet(int[] numbers, int limit)
            {
                var pairs = from a in numbers
                            let twice = a * 2
                            where twice > limit
                            join b in Fetch(limit * 4) on twice equals b
                            select $"{a}:{b}";
                return string.Join(",", pairs);
            }

            [Coroutine]
            public static string TwoJoins(int[] numbers, int limit)
            {
                var triples = from a in numbers
                              join b in Fetch(limit) on a equals b
                              let sum = a + b
                              join c in Fetch(limit * 2) on sum equals c
                              select $"{a}+{b}={c}";
                return string.Join(",", triples);
            }

            [Coroutine]
            public static string AfterInto(int[] numbers, int limit)
            {
                var groups = from a in numbers
                             group a by a % 2 into g
                             join b in Fetch(limit) on g.Key equals b
                             select $"{g.Key}:{g.Count()}";
                return string.Join(",", groups);
            }
        }
        """;

    [Theory]
    [InlineData("AfterLet")]
    [InlineData("TwoJoins")]
    [InlineData("AfterInto")]
    public void The_query_before_the_join_is_kept_with_its_range_variables_as_members(string method)
    {
        var run = GeneratorHarness.Run(("QueryJoin.cs", Source));

        run.AssertNoErrorsOrWarnings();
        Snapshot.Verify(run.GeneratedSource($".{method}StateMachine.g.cs"), $"QueryJoin.{method}");
    }

    [Theory]
    [InlineData("AfterLet", 1)]
    [InlineData("AfterLet", 3)]
    [InlineData("TwoJoins", 4)]
    [InlineData("AfterInto", 2)]
    public void The_kept_query_runs_like_the_original(string method, int limit) =>
        Oracle.Compare(new OracleCase { Sources = [("QueryJoin.cs", Source)], TypeName = "Demo.QueryJoin", MethodName = method, Args = [new[] { 3, 1, 2, 5 }, limit] });

    private static string Program(string body) => $$"""
        {{Programs.Usings}}
        using System.Linq;

        namespace Demo;

        public sealed class Pairs<T>
        {
            public Pairs<R> Select<R>(Func<T, R> selector) => new();

            public Pairs<R> Join<U, K, R>(U[] inner, Func<T, K> outerKey, Func<U, K> innerKey, Func<T, U, R> result) => new();
        }

        public static partial class Program
        {
            [Coroutine]
            public static int Next(int x)
            {
                Yield.Sleep(1);
                return x;
            }

            [Coroutine]
            public static void Run(Pairs<int> pairs, int[] numbers)
            {
                {{body}}
            }
        }
        """;

    [Fact]
    public void No_COR0007_for_a_query_type_other_than_IEnumerable() =>
        DiagnosticAssert.DoesNotFire(Program("var q = from x in pairs let z = x * 2 join y in new[] { Next(1) } on z equals y select x;"), "COR0007")
            .AssertNoErrorsOrWarnings();

    [Fact]
    public void Neither_COR0026_nor_COR0007_for_a_join_collection_after_an_into() =>
        DiagnosticAssert.DoesNotFire(Program("var q = from x in numbers select x * 2 into v join w in new[] { Next(1) } on v equals w select w;"), "COR0026", "COR0007");

    [Fact]
    public void No_COR0007_for_join_collections_that_suspend_before_and_after_an_into() =>
        DiagnosticAssert.DoesNotFire(Program(
            "var q = from x in numbers let z = x * 2 join y in new[] { Next(1) } on z equals y select y into v join w in new[] { Next(2) } on v equals w select w;"), "COR0007")
            .AssertNoErrorsOrWarnings();
}
