using System;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// Self-tests of the random tester's second oracle (<see cref="VirtualTime"/>): on a small program
/// written by hand, C# async on the virtual-time loop and the state machines on the Scheduler give
/// the trace worked out here from the Scheduler's rules, step by step.
/// </summary>
public sealed class AsyncOracleSelfTests
{
    private const string Source = """
        [Coroutine]
        public static int P000000_0(int n)
        {
            Trace.Log("m0 start " + n);
            Yield.Sleep(0);
            Trace.Log("m0 after yield " + n);
            int c = P000000_1(n);
            Trace.Log("m0 got " + c);
            Yield.Sleep(3);
            Trace.Log("m0 end " + n);
            return c;
        }

        [Coroutine]
        public static int P000000_1(int n)
        {
            Trace.Log("m1 start " + n);
            Yield.Sleep(n);
            Trace.Log("m1 end " + n);
            return n * 10;
        }
        """;

    /// <summary>
    /// Spawned coroutines first run in the next pass, in spawn order; <c>Sleep(0)</c> goes behind
    /// everything already ready; a callee runs at once, in its caller's step, up to its first
    /// suspension, and its caller resumes at once when it returns; sleepers due at the same time
    /// wake in the order they went to sleep.
    /// </summary>
    [Fact]
    public void Async_on_the_virtual_time_loop_orders_steps_as_the_scheduler_does()
    {
        string[] methods = ["P000000_0", "P000000_1"];
        var program = new RandomProgram(
            0, 0, "P000000", methods, [new("P000000_0", 0), new("P000000_0", 1), new("P000000_1", 3)],
            Source, RandomProgramGenerator.ToAsync(Source, methods), RandomProgramFeatures.Supported);
        var text = RandomProgramGenerator.Compose([program], out _);
        using var loaded = ProgramRunner.Build(GeneratorHarness.Run(new SourceFile("Random.cs", text), VirtualTime.Source)).Load();

        var awaited = VirtualTime.RunAsync(loaded, program);
        var scheduled = VirtualTime.RunScheduler(loaded, program);

        string[] expected =
        [
            "0ms: m0 start 0",        // pass 1: the three spawned coroutines, in order
            "0ms: m0 start 1",
            "0ms: m1 start 3",        // sleeps until 3ms
            "0ms: m0 after yield 0",  // pass 2: the two that yielded, in the order they yielded
            "0ms: m1 start 0",        // the callee runs at once, up to its Sleep(0)
            "0ms: m0 after yield 1",
            "0ms: m1 start 1",        // sleeps until 1ms
            "0ms: m1 end 0",          // pass 3: the callee that yielded...
            "0ms: m0 got 0",          // ...and its caller, at once (then sleeps until 3ms)
            "1ms: m1 end 1",
            "1ms: m0 got 10",         // sleeps until 4ms
            "3ms: m1 end 3",          // two sleepers due at 3ms: the first to sleep wakes first
            "3ms: m0 end 0",
            "4ms: m0 end 1",
            "root 0 P000000_0(0) returned: 0",
            "root 1 P000000_0(1) returned: 10",
            "root 2 P000000_1(3) returned: 30",
            "final clock: 4ms",
        ];
        Assert.True(expected.SequenceEqual(awaited.Lines), Oracle.SideBySide(expected, awaited.Lines, "expected", "C# async (VirtualTime loop)"));
        Assert.True(expected.SequenceEqual(scheduled.Lines), Oracle.SideBySide(expected, scheduled.Lines, "expected", "state machines (Scheduler)"));
    }

    /// <summary>A sleep with a negative delay throws in the async twin exactly as in the state machine.</summary>
    [Fact]
    public void A_negative_sleep_throws_the_same_exception_on_both_sides()
    {
        const string source = """
            [Coroutine]
            public static int P000001_0(int n)
            {
                Trace.Log("before");
                Yield.Sleep(n - 5);
                return n;
            }
            """;
        string[] methods = ["P000001_0"];
        var program = new RandomProgram(1, 0, "P000001", methods, [new("P000001_0", 2)], source, RandomProgramGenerator.ToAsync(source, methods), RandomProgramFeatures.Supported);
        using var loaded = ProgramRunner.Build(GeneratorHarness.Run(new SourceFile("Random.cs", RandomProgramGenerator.Compose([program], out _)), VirtualTime.Source)).Load();

        var awaited = VirtualTime.RunAsync(loaded, program);
        var scheduled = VirtualTime.RunScheduler(loaded, program);

        Assert.Equal(scheduled.Lines, awaited.Lines);
        Assert.StartsWith("root 0 P000001_0(2) threw: System.ArgumentOutOfRangeException", awaited.Lines[^2], StringComparison.Ordinal);
    }
}
