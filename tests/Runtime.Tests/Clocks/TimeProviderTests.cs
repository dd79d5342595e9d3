using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Coroutines.Tests.Clocks;

/// <summary>One notion of time: a scheduler on any TimeProvider, and the VirtualClock as a TimeProvider.</summary>
public partial class TimeProviderTests
{
    [Coroutine]
    private static int DelayOn(TimeProvider time, int ms)
    {
        Yield.Await(Task.Delay(TimeSpan.FromMilliseconds(ms), time));
        return ms;
    }

    [Fact]
    public void A_FakeTimeProvider_drives_the_seed_demo_to_five_seconds_without_real_waiting()
    {
        var fake = new FakeTimeProvider();
        var scheduler = new Scheduler(fake);
        var trace = new Trace();
        var watch = Stopwatch.StartNew();
        var fast = scheduler.Spawn(Sleeper.Worker("fast", steps: 5, delayMs: 1000, trace));
        var slow = scheduler.Spawn(Sleeper.Worker("slow", steps: 1, delayMs: 5000, trace));

        scheduler.RunDue();
        for (var second = 1; second <= 5; second++)
        {
            fake.Advance(TimeSpan.FromSeconds(1));
            scheduler.RunDue();
        }

        Assert.Equal(
            ["t=0 fast start", "t=0 slow start", "t=1 fast step 1", "t=2 fast step 2", "t=3 fast step 3", "t=4 fast step 4", "t=5 slow step 1", "t=5 fast step 5"],
            trace.Lines);
        Assert.Equal(TimeSpan.FromSeconds(5), scheduler.Now);
        Assert.Equal(5, fast.Result);
        Assert.Equal(1, slow.Result);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}"); // no real 5 s wait (a liveness bound, not a timing claim)
    }

    [Fact]
    public void Run_waits_on_the_providers_timers_and_another_thread_advancing_it_wakes_the_loop()
    {
        var fake = new FakeTimeProvider();
        var scheduler = new Scheduler(fake);
        var slow = scheduler.Spawn(Sleeper.Worker("slow", steps: 1, delayMs: 5000, null));
        var advancer = new Thread(() =>
        {
            for (var i = 0; i < 50 && !slow.IsFinished; i++)
            {
                Thread.Sleep(5);
                fake.Advance(TimeSpan.FromMilliseconds(200));
            }
        });
        advancer.Start();

        scheduler.Run();
        advancer.Join();

        Assert.Equal(1, slow.Result);
        Assert.True(scheduler.Now >= TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void The_virtual_clock_is_a_TimeProvider_and_Task_Delay_on_it_follows_virtual_time()
    {
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        Assert.Same(clock, scheduler.TimeProvider);
        var delayed = scheduler.Spawn(DelayOnCoroutine(scheduler.TimeProvider, 1500));
        var sleeper = scheduler.Spawn(Sleeper.Worker("sleeper", steps: 1, delayMs: 3000, null));

        scheduler.Run();

        Assert.Equal(1500, delayed.Result);
        Assert.Equal(1, sleeper.Result);
        Assert.Equal(TimeSpan.FromSeconds(3), clock.Now);
        Assert.Equal(VirtualClock.Epoch + TimeSpan.FromSeconds(3), clock.GetUtcNow());
    }

    [Fact]
    public void A_delay_on_the_virtual_clock_resumes_at_its_own_time_not_at_the_next_sleepers()
    {
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        TimeSpan resumedAt = default;
        var delayed = scheduler.Spawn(DelayOnCoroutine(clock, 1000));
        scheduler.Spawn(Sleeper.Worker("sleeper", steps: 1, delayMs: 3000, null));
        var watcher = scheduler.Spawn(new StepsCoroutine<int>("watch", null, (step, self) =>
        {
            if (step == 0)
            {
                return Suspension.Await(delayed);
            }
            resumedAt = scheduler.Now;
            return self.Return(0);
        }));

        scheduler.Run();

        Assert.Equal(0, watcher.Result);
        Assert.Equal(TimeSpan.FromSeconds(1), resumedAt);
    }

    [Fact]
    public void The_system_TimeProvider_runs_a_scheduler_in_real_time()
    {
        var scheduler = new Scheduler(TimeProvider.System);
        var worker = scheduler.Spawn(Sleeper.Worker("w", steps: 2, delayMs: 20, null));

        scheduler.Run();

        Assert.Equal(CoroutineStatus.Completed, worker.Status);
        Assert.True(scheduler.Now >= TimeSpan.FromMilliseconds(40));
        Assert.Same(TimeProvider.System, scheduler.TimeProvider);
    }
}
