using System;
using System.Collections.Generic;
using Xunit;

namespace Coroutines.Tests.Scheduling;

public class TimerTests
{
    [Fact]
    public void CallLater_runs_the_callback_once_its_delay_has_passed()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var trace = new Trace();
        var byMs = scheduler.CallLater(1500, () => trace.Add("ms"));
        var bySpan = scheduler.CallLater(TimeSpan.FromSeconds(2), () => trace.Add("span"));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), byMs.When);
        Assert.Equal(TimeSpan.FromSeconds(2), bySpan.When);
        Assert.False(byMs.HasRun);

        scheduler.Run();

        Assert.Equal(new[] { "t=1.5 ms", "t=2 span" }, trace.Lines);
        Assert.True(byMs.HasRun);
        Assert.True(bySpan.HasRun);
        Assert.False(byMs.IsCanceled);
    }

    [Fact]
    public void CallLater_is_relative_to_the_time_it_is_called()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var trace = new Trace();
        scheduler.CallLater(1000, () => scheduler.CallLater(500, () => trace.Add("inner")));

        scheduler.Run();

        Assert.Equal(new[] { "t=1.5 inner" }, trace.Lines);
    }

    [Fact]
    public void A_cancelled_timer_never_runs_and_the_loop_does_not_wait_for_it()
    {
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        var ran = false;
        var handle = scheduler.CallLater(5000, () => ran = true);

        handle.Cancel();
        handle.Cancel(); // twice is fine
        scheduler.Run();

        Assert.False(ran);
        Assert.True(handle.IsCanceled);
        Assert.False(handle.HasRun);
        Assert.Equal(TimeSpan.Zero, clock.Now);
    }

    [Fact]
    public void A_timer_cancelled_from_a_callback_before_its_deadline_never_runs()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var trace = new Trace();
        var handle = scheduler.CallLater(2000, () => trace.Add("cancelled timer"));
        scheduler.CallLater(1000, () =>
        {
            trace.Add("cancel");
            handle.Cancel();
        });
        scheduler.CallLater(3000, () => trace.Add("later"));

        scheduler.Run();

        Assert.Equal(new[] { "t=1 cancel", "t=3 later" }, trace.Lines);
    }

    [Fact]
    public void A_due_timer_cancelled_earlier_in_the_same_pass_never_runs()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var order = new List<string>();
        TimerHandle? second = null;
        scheduler.CallLater(100, () =>
        {
            order.Add("first");
            second!.Cancel();
        });
        second = scheduler.CallLater(100, () => order.Add("second"));

        scheduler.Run();

        Assert.Equal(new[] { "first" }, order);
        Assert.True(second.IsCanceled);
        Assert.False(second.HasRun);
    }

    [Fact]
    public void Cancelling_a_timer_that_already_ran_does_nothing()
    {
        var scheduler = new Scheduler(new VirtualClock());
        TimerHandle? self = null;
        var runs = 0;
        self = scheduler.CallLater(100, () =>
        {
            runs++;
            self!.Cancel(); // from inside its own callback
        });

        scheduler.Run();
        self.Cancel();

        Assert.Equal(1, runs);
        Assert.True(self.HasRun);
        Assert.False(self.IsCanceled);
    }

    [Fact]
    public void Ten_thousand_cancelled_timers_do_not_pile_up()
    {
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        var handles = new List<TimerHandle>();
        var ran = 0;
        for (var i = 0; i < 10_000; i++)
        {
            handles.Add(scheduler.CallLater(1000 + i, () => ran++));
        }
        Assert.Equal(10_000, scheduler.TimerEntryCount);

        foreach (var handle in handles)
        {
            handle.Cancel();
        }

        // Lazy deletion, but compacted once stale entries are at least 64 and half of the heap.
        Assert.True(scheduler.TimerEntryCount < 128, $"{scheduler.TimerEntryCount} entries left");
        scheduler.Run();
        Assert.Equal(0, ran);
        Assert.Equal(TimeSpan.Zero, clock.Now);
    }

    [Fact]
    public void Schedule_and_cancel_churn_keeps_the_heap_bounded_by_the_live_timers()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var live = new List<TimerHandle>();
        for (var i = 0; i < 1000; i++)
        {
            live.Add(scheduler.CallLater(10_000 + i, () => { }));
        }
        for (var i = 0; i < 100_000; i++)
        {
            scheduler.CallLater(5000, () => { }).Cancel();
            AssertBounded(scheduler, live.Count);
        }
        // Cancel all but 10 live ones: the bound follows them down.
        for (var i = 0; i < 990; i++)
        {
            live[i].Cancel();
            AssertBounded(scheduler, 1000 - i - 1);
        }
    }

    internal static void AssertBounded(Scheduler scheduler, int live)
    {
        // Either stale entries are fewer than 64, or they are at most half of the heap.
        var bound = Math.Max(2 * live, live + 64);
        Assert.True(scheduler.TimerEntryCount <= bound, $"{scheduler.TimerEntryCount} entries for {live} live timers");
    }
}
