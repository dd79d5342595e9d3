using System;
using Xunit;

namespace Coroutines.Tests.Scheduling;

public class RunDueTests
{
    [Fact]
    public void RunDue_runs_what_is_due_without_waiting_for_the_clock()
    {
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        var trace = new Trace();
        scheduler.CallLater(1000, () => trace.Add("timer"));
        var worker = scheduler.Spawn(new Sleeper("w", trace, 500));

        Assert.Equal(1, scheduler.RunDue()); // the worker's first step
        Assert.Equal(0, scheduler.RunDue()); // nothing due: returns at once, the clock did not move
        Assert.Equal(TimeSpan.Zero, clock.Now);

        clock.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Equal(1, scheduler.RunDue()); // the worker wakes
        Assert.Equal(CoroutineStatus.Completed, worker.Status);

        clock.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(1, scheduler.RunDue()); // the timer
        Assert.Equal(new[] { "t=0 w start", "t=0.6 w step 1", "t=1 timer" }, trace.Lines);
        Assert.False(scheduler.IsRunning);
    }

    [Fact]
    public void Work_queued_during_RunDue_waits_for_the_next_call()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var order = new System.Collections.Generic.List<string>();
        scheduler.CallSoon(() =>
        {
            order.Add("first");
            scheduler.CallSoon(() => order.Add("second"));
        });

        Assert.Equal(1, scheduler.RunDue());
        Assert.Equal(new[] { "first" }, order);
        Assert.Equal(1, scheduler.RunDue());
        Assert.Equal(new[] { "first", "second" }, order);
    }

    [Fact]
    public void RunDue_on_the_real_clock_does_not_block_for_a_future_timer()
    {
        var scheduler = new Scheduler();
        var ran = false;
        scheduler.CallLater(TimeSpan.FromSeconds(30), () => ran = true);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.Equal(0, scheduler.RunDue());

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"RunDue took {watch.Elapsed}");
        Assert.False(ran);
    }

    [Fact]
    public void Stop_called_during_RunDue_does_not_leak_into_the_next_Run()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var trace = new Trace();
        scheduler.CallSoon(scheduler.Stop);
        scheduler.CallLater(1000, () => trace.Add("timer"));

        scheduler.RunDue();
        scheduler.Run();

        Assert.Equal(new[] { "t=1 timer" }, trace.Lines);
    }
}
