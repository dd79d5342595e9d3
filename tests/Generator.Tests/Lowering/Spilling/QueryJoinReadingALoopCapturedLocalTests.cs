using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering.Spilling;

/// <summary>
/// Suspending <c>join</c> collections after other clauses and after an <c>into</c>, in a query that reads a local a
/// closure captures in a loop: each part kept before a join is made through the closure environment,
/// <c>closure1.Capture(captured1 =&gt; from a in ... where a != captured1.k ...)</c>, and so is the rest of the query
/// (snapshot Snapshots/QueryJoin.ReadsALoopCapturedLocal.verified.cs); no COR0007.
/// </summary>
public sealed class QueryJoinReadingALoopCapturedLocalTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
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
            public static string ReadsALoopCapturedLocal(int[] numbers, int limit)
            {
                var queries = new List<IEnumerable<string>>();
                for (var i = 0; i < limit; i++)
                {
                    var k = i;
                    Func<int> read = () => k;
                    var pairs = from a in numbers
                                where a != k
                                join b in Fetch(limit) on a + k equals b
                                select a + b into v
                                let twice = v * 2 + k
                                join c in Fetch(limit * 4) on twice equals c
                                select $"{v}:{c}:{k}";
                    queries.Add(pairs);
                }
                return string.Join(";", queries.Select(static q => string.Join(",", q)));
            }
        }
        """;

    [Fact]
    public void Each_kept_part_is_made_through_the_closure_environment()
    {
        const string method = "ReadsALoopCapturedLocal";
        var run = GeneratorHarness.Run(("QueryJoin.cs", Source));

        run.AssertNoErrorsOrWarnings();
        Snapshot.Verify(run.GeneratedSource($".{method}StateMachine.g.cs"), $"QueryJoin.{method}");
    }
}
