using System;
using System.Collections.Generic;
using Xunit;

namespace Coroutines.Tests.Scheduling;

/// <summary>The example the project began with (../shared/seed): two workers side by side.</summary>
public class SeedExampleTests
{
    [Fact]
    public void Fast_and_slow_workers_finish_side_by_side_at_five_seconds()
    {
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        var trace = new Trace();
        var fast = scheduler.Spawn(Sleeper.Worker("fast", steps: 5, delayMs: 1000, trace));
        var slow = scheduler.Spawn(Sleeper.Worker("slow", steps: 1, delayMs: 5000, trace));

        scheduler.Run();

        // Both are due at t=5; slow went to sleep first (at t=0, fast at t=4), so it wakes first.
        Assert.Equal(
            new[]
            {
                "t=0 fast start",
                "t=0 slow start",
                "t=1 fast step 1",
                "t=2 fast step 2",
                "t=3 fast step 3",
                "t=4 fast step 4",
                "t=5 slow step 1",
                "t=5 fast step 5",
            },
            trace.Lines);
        Assert.Equal(TimeSpan.FromSeconds(5), clock.Now);
        Assert.Equal(CoroutineStatus.Completed, fast.Status);
        Assert.Equal(CoroutineStatus.Completed, slow.Status);
        Assert.Equal(5, fast.Result);
        Assert.Equal(1, slow.Result);
    }

    [Fact]
    public void The_same_program_gives_the_same_trace_every_run()
    {
        var first = RunProgram();
        var second = RunProgram();

        Assert.True(first.Count > 200, $"the program should do real work, traced {first.Count} lines");
        Assert.Equal(first, second);
    }

    // Many workers with pseudo-random (but seeded) delays, callbacks, timers, cancellations and a fault.
    private static List<string> RunProgram()
    {
        var random = new Random(1234);
        var scheduler = new Scheduler(new VirtualClock());
        var trace = new Trace();
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        // Reported after Run returns, when the clock is no longer current: no time stamp.
        scheduler.UnobservedFault += (_, e) => trace.Lines.Add($"unobserved {e.Coroutine?.Name ?? "callback"} {e.Exception.Message}");

        var workers = new List<Coroutine>();
        for (var i = 0; i < 30; i++)
        {
            var delays = new int[random.Next(1, 6)];
            for (var d = 0; d < delays.Length; d++)
            {
                delays[d] = random.Next(0, 4) * 250;
            }
            workers.Add(scheduler.Spawn(new Sleeper($"w{i}", trace, delays)));
        }
        for (var i = 0; i < 10; i++)
        {
            var victim = workers[random.Next(workers.Count)];
            var n = i;
            var handle = scheduler.CallLater(random.Next(0, 3000), () =>
            {
                trace.Add($"timer {n} cancels {victim.Name}");
                victim.Cancel();
            });
            if (i % 3 == 0)
            {
                scheduler.CallLater(random.Next(0, 3000), handle.Cancel);
            }
        }
        scheduler.Spawn(new ScriptedCoroutine("faulty", step =>
            step < 2 ? Suspension.Sleep(500) : throw new BoomException("boom")));

        scheduler.Run();
        scheduler.ReportUnobservedFaults(); // the faults nobody read, now rather than when the loop next starts

        trace.Lines.AddRange(observer.Events);
        foreach (var worker in workers)
        {
            trace.Lines.Add($"{worker.Name} {worker.Status}");
        }
        return trace.Lines;
    }
}
