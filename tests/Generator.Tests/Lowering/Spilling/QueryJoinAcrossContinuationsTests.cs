using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering.Spilling;

/// <summary>
/// Suspending <c>join</c> collections before and after an <c>into</c>: the query up to the first is kept, then the
/// query before the <c>into</c>, read <c>from</c> that part, is the collection of the part kept before the second
/// (snapshot Snapshots/QueryJoin.AcrossInto.verified.cs). A query
/// that reads a local that a closure captures in a loop is refused (COR0007 at its first suspending join's collection):
/// the rewriter makes such a query through the closure environment as a whole, not in parts.
/// </summary>
public sealed class QueryJoinAcrossContinuationsTests
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
            public static string AcrossInto(int[] numbers, int limit)
            {
                var pairs = from a in numbers
                            let twice = a * 2
                            join b in Fetch(limit) on twice equals b
                            select twice + b into v
                            where v > limit
                            join c in Fetch(limit * 2) on v equals c
                            select $"{v}:{c}";
                return string.Join(",", pairs);
            }
        }
        """;

    [Fact]
    public void The_query_before_each_suspending_join_is_kept()
    {
        const string method = "AcrossInto";
        var run = GeneratorHarness.Run(("QueryJoin.cs", Source));

        run.AssertNoErrorsOrWarnings();
        Snapshot.Verify(run.GeneratedSource($".{method}StateMachine.g.cs"), $"QueryJoin.{method}");
    }

    [Fact]
    public void COR0007_join_collections_across_an_into_in_a_query_that_reads_a_local_captured_in_a_loop()
    {
        var run = DiagnosticAssert.Fires("COR0007", DiagnosticSeverity.Error, $$"""
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
                    for (var i = 0; i < 2; i++)
                    {
                        var k = i;
                        Func<int> read = () => k;
                        var q = from x in numbers
                                select x + k into v
                                join w in new[] { [|Next(1)|] } on v equals w
                                select w into u
                                join y in new[] { Next(2) } on u equals y
                                select y;
                    }
                }
            }
            """);
        Assert.Contains(
            "on a query that reads a variable captured in a loop (split the query in two, the first part in a local)",
            run.GeneratorDiagnostics.First(static d => d.Id == "COR0007").GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
