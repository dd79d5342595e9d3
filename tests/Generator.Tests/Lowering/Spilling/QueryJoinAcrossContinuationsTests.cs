using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering.Spilling;

/// <summary>
/// Suspending <c>join</c> collections before and after an <c>into</c>: the query up to the first is kept, then the
/// query before the <c>into</c>, read <c>from</c> that part, is the collection of the part kept before the second
/// (snapshot Snapshots/QueryJoin.AcrossInto.verified.cs). A query that reads a local that a closure
/// captures in a loop: see QueryJoinReadingALoopCapturedLocalTests.
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
}
