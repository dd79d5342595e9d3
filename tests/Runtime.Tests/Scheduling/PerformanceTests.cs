using System;
using Xunit;

namespace Coroutines.Tests.Scheduling;

// Allocation counts, not timings: GC.GetAllocatedBytesForCurrentThread is exact for this thread.
public class PerformanceTests
{
    private sealed class CountingObserver : ISchedulerObserver
    {
        public int Events;

        public void OnResumed(Coroutine coroutine, TimeSpan time) => Events++;

        public void OnSuspended(Coroutine coroutine, Suspension suspension, TimeSpan time) => Events++;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Suspending_and_resuming_allocates_nothing_in_steady_state(bool withObserver)
    {
        const int coroutines = 1000;
        const int sleepsEach = 100;
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new CountingObserver();
        if (withObserver)
        {
            scheduler.Observer = observer;
        }
        var delays = new int[sleepsEach];
        for (var i = 0; i < delays.Length; i++)
        {
            delays[i] = 1 + (i % 7);
        }
        var sleepers = new Sleeper[coroutines];
        for (var i = 0; i < coroutines; i++)
        {
            sleepers[i] = scheduler.Spawn(new Sleeper($"s{i}", null, delays));
        }
        // Measure between t=50 ms and t=250 ms: by then the queues have grown to their working
        // size, and every coroutine is still sleeping and waking (they run for about 400 ms).
        long before = 0;
        long after = 0;
        var stepsBefore = 0;
        var stepsAfter = 0;
        scheduler.CallLater(50, () =>
        {
            stepsBefore = CountSteps(sleepers);
            before = GC.GetAllocatedBytesForCurrentThread();
        });
        scheduler.CallLater(250, () =>
        {
            after = GC.GetAllocatedBytesForCurrentThread();
            stepsAfter = CountSteps(sleepers);
        });

        scheduler.Run();

        Assert.True(stepsAfter - stepsBefore > 10_000, $"only {stepsAfter - stepsBefore} resumes were measured");
        Assert.Equal(0, after - before);
        Assert.All(sleepers, s => Assert.Equal(CoroutineStatus.Completed, s.Status));
        Assert.Equal(withObserver, observer.Events > 0);
    }

    private static int CountSteps(Sleeper[] sleepers)
    {
        var total = 0;
        foreach (var sleeper in sleepers)
        {
            total += sleeper.StepsRun;
        }
        return total;
    }

    [Fact]
    public void Spawning_allocates_only_the_coroutine_itself()
    {
        const int count = 1000;
        var scheduler = new Scheduler(new VirtualClock());
        // Warm up: grow the ready queue to its working size.
        for (var i = 0; i < count; i++)
        {
            scheduler.Spawn(new Sleeper("warm", null));
        }
        scheduler.Run();
        var delays = new[] { 10 };
        var coroutines = new Sleeper[count];
        for (var i = 0; i < count; i++)
        {
            coroutines[i] = new Sleeper("c", null, delays);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++)
        {
            scheduler.Spawn(coroutines[i]);
        }
        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(0, after - before);
        scheduler.Run();
        Assert.All(coroutines, c => Assert.Equal(CoroutineStatus.Completed, c.Status));
    }

    [Fact]
    public void A_million_coroutines_can_sleep_at_once()
    {
        const int count = 1_000_000;
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        // A few shared delay patterns (sharing keeps the test's own memory small).
        var patterns = new int[10][];
        for (var p = 0; p < patterns.Length; p++)
        {
            patterns[p] = new[] { 100 * (p + 1), 1000 - (50 * p), 10 };
        }
        var sleepers = new Sleeper[count];
        for (var i = 0; i < count; i++)
        {
            sleepers[i] = scheduler.Spawn(new Sleeper("s", null, patterns[i % patterns.Length]));
        }
        var sleepingAtOnce = 0;
        scheduler.CallSoon(() => sleepingAtOnce = scheduler.TimerEntryCount); // after every first step

        scheduler.Run();

        Assert.Equal(count, sleepingAtOnce);
        var longest = TimeSpan.Zero;
        foreach (var pattern in patterns)
        {
            var total = TimeSpan.FromMilliseconds(pattern[0] + pattern[1] + pattern[2]);
            longest = total > longest ? total : longest;
        }
        Assert.Equal(longest, clock.Now);
        foreach (var sleeper in sleepers)
        {
            if (sleeper.Status != CoroutineStatus.Completed || sleeper.StepsRun != 4)
            {
                Assert.Fail($"{sleeper} ran {sleeper.StepsRun} steps");
            }
        }
        Assert.Equal(0, scheduler.TimerEntryCount);
    }
}
