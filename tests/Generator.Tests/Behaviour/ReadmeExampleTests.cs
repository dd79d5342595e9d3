using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>The example of issue 3 / the README: two workers interleaved on one scheduler.</summary>
public sealed class ReadmeExampleTests
{
    // As in the README, with Trace.Log (which stamps the clock time) instead of Console.WriteLine.
    public const string Source = """
        using System;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public static partial class Workers
        {
            [Coroutine]
            public static int Count(string name, int steps, int delayMs)
            {
                int total = 0;
                for (int i = 1; i <= steps; i++)
                {
                    Trace.Log($"{Clock.Current.Now.TotalSeconds:0}s {name} step {i}");
                    Yield.Sleep(delayMs);
                    total += i;
                }
                return total;
            }
        }
        """;

    [Fact]
    public void Fast_and_slow_workers_interleave_on_a_virtual_clock()
    {
        using var program = ProgramRunner.Load(("Workers.cs", Source));
        var clock = new VirtualClock();
        var loop = new Scheduler(clock);

        var fast = (Coroutine<int>)program.CreateCoroutine("Demo.Workers", "Count", "fast", 5, 1000);
        var slow = (Coroutine<int>)program.CreateCoroutine("Demo.Workers", "Count", "slow", 1, 5000);
        loop.Spawn(fast);
        loop.Spawn(slow);
        loop.Run();

        Assert.Equal(
            [
                "0ms: 0s fast step 1",
                "0ms: 0s slow step 1",
                "1000ms: 1s fast step 2",
                "2000ms: 2s fast step 3",
                "3000ms: 3s fast step 4",
                "4000ms: 4s fast step 5",
            ],
            program.TraceLines);
        Assert.Equal(CoroutineStatus.Completed, fast.Status);
        Assert.Equal(CoroutineStatus.Completed, slow.Status);
        Assert.Equal(15, fast.Result);
        Assert.Equal(1, slow.Result);
        Assert.Equal(16, fast.Result + slow.Result);
        Assert.Equal(5000, clock.Now.TotalMilliseconds);
    }

    [Fact]
    public void Each_worker_alone_matches_the_original_method()
    {
        Oracle.Compare(new OracleCase { Sources = [("Workers.cs", Source)], TypeName = "Demo.Workers", MethodName = "Count", Args = ["fast", 5, 1000] });
        Oracle.Compare(new OracleCase { Sources = [("Workers.cs", Source)], TypeName = "Demo.Workers", MethodName = "Count", Args = ["slow", 1, 5000] });
    }

    [Fact]
    public void A_coroutine_is_a_fresh_object_per_factory_call_and_runs_once()
    {
        using var program = ProgramRunner.Load(("Workers.cs", Source));
        var first = program.CreateCoroutine("Demo.Workers", "Count", "a", 2, 10);
        var second = program.CreateCoroutine("Demo.Workers", "Count", "a", 2, 10);

        Assert.NotSame(first, second);
        Assert.Equal(CoroutineStatus.Created, first.Status);
        Assert.Empty(program.TraceLines); // the factory does not run the body
        var loop = new Scheduler(new VirtualClock());
        loop.Spawn(first);
        loop.Run();
        Assert.Equal(3, ((Coroutine<int>)first).Result);
        Assert.Equal(CoroutineStatus.Created, second.Status);
    }
}
