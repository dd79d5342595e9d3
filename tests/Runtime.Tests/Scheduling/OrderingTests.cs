using System;
using System.Collections.Generic;
using Xunit;

namespace Coroutines.Tests.Scheduling;

public class OrderingTests
{
    [Fact]
    public void The_ready_queue_is_FIFO_across_callbacks_and_spawns()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var order = new List<string>();
        scheduler.CallSoon(() => order.Add("a"));
        scheduler.Spawn(new ScriptedCoroutine("B", _ => { order.Add("B"); return Suspension.Done; }));
        scheduler.CallSoon(() => order.Add("c"));
        scheduler.Spawn(new ScriptedCoroutine("D", _ => { order.Add("D"); return Suspension.Done; }));
        scheduler.CallSoon(() => order.Add("e"));

        scheduler.Run();

        Assert.Equal(new[] { "a", "B", "c", "D", "e" }, order);
    }

    [Fact]
    public void Work_queued_during_a_pass_runs_after_what_was_already_queued()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var order = new List<string>();
        scheduler.CallSoon(() =>
        {
            order.Add("a");
            scheduler.CallSoon(() => order.Add("a2"));
        });
        scheduler.CallSoon(() =>
        {
            order.Add("b");
            scheduler.CallSoon(() => order.Add("b2"));
        });

        scheduler.Run();

        Assert.Equal(new[] { "a", "b", "a2", "b2" }, order);
    }

    [Fact]
    public void Timers_run_in_deadline_order_whatever_order_they_were_scheduled_in()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var trace = new Trace();
        foreach (var ms in new[] { 300, 100, 250, 0, 200 })
        {
            scheduler.CallLater(ms, () => trace.Add($"timer {ms}"));
        }

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0 timer 0", "t=0.1 timer 100", "t=0.2 timer 200", "t=0.25 timer 250", "t=0.3 timer 300" },
            trace.Lines);
    }

    [Fact]
    public void Equal_deadline_timers_run_in_the_order_they_were_scheduled()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var order = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            var n = i;
            scheduler.CallLater(TimeSpan.FromMilliseconds(100), () => order.Add(n));
        }

        scheduler.Run();

        Assert.Equal(System.Linq.Enumerable.Range(0, 20), order);
    }

    [Fact]
    public void Equal_deadline_sleepers_wake_in_the_order_they_went_to_sleep()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var trace = new Trace();
        // Spawned in order c0..c4, each sleeps 1 s: they all wake at t=1 in that order.
        for (var i = 0; i < 5; i++)
        {
            scheduler.Spawn(new Sleeper($"c{i}", trace, 1000));
        }

        scheduler.Run();

        Assert.Equal(
            new[]
            {
                "t=0 c0 start", "t=0 c1 start", "t=0 c2 start", "t=0 c3 start", "t=0 c4 start",
                "t=1 c0 step 1", "t=1 c1 step 1", "t=1 c2 step 1", "t=1 c3 step 1", "t=1 c4 step 1",
            },
            trace.Lines);
    }

    [Fact]
    public void An_equal_deadline_scheduled_later_wakes_later_even_if_its_sleep_was_shorter()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var trace = new Trace();
        // "long" goes to sleep at t=0 until t=2; "short" goes to sleep at t=1 until t=2; a timer
        // scheduled at t=1.5 is also due at t=2. Ties break by scheduling order.
        scheduler.Spawn(new Sleeper("long", trace, 2000));
        scheduler.Spawn(new Sleeper("short", trace, 1000, 1000));
        scheduler.CallLater(1500, () => scheduler.CallLater(500, () => trace.Add("timer")));

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0 long start", "t=0 short start", "t=1 short step 1", "t=2 long step 1", "t=2 short step 2", "t=2 timer" },
            trace.Lines);
    }

    [Fact]
    public void A_callback_that_keeps_requeueing_itself_cannot_starve_a_due_timer()
    {
        // asyncio's _run_once rule: each pass runs only what was ready when it began, and every
        // pass first moves due timers to the ready queue. The spinner advances the virtual clock
        // 1 ms per call; the timer is due at 10 ms, so it must run in the pass that starts at
        // 10 ms: right after the spinner's 11th call (one call per pass).
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        var spins = 0;
        var spinsWhenTimerRan = -1;
        void Spin()
        {
            spins++;
            clock.Advance(TimeSpan.FromMilliseconds(1));
            if (spinsWhenTimerRan < 0 && spins < 1000)
            {
                scheduler.CallSoon(Spin);
            }
        }
        scheduler.CallLater(10, () => spinsWhenTimerRan = spins);
        scheduler.CallSoon(Spin);

        scheduler.Run();

        Assert.Equal(11, spinsWhenTimerRan);
        Assert.Equal(12, spins); // the call queued before the timer ran sees it and stops
    }

    [Fact]
    public void A_timer_due_now_runs_in_the_next_pass_even_while_work_keeps_requeueing()
    {
        // Counts passes with RunDue: one call is exactly one pass.
        var scheduler = new Scheduler(new VirtualClock());
        var timerRan = false;
        void Spin()
        {
            if (!timerRan)
            {
                scheduler.CallSoon(Spin);
            }
        }
        scheduler.CallSoon(() =>
        {
            scheduler.CallLater(0, () => timerRan = true);
            Spin();
        });

        Assert.Equal(1, scheduler.RunDue());
        Assert.False(timerRan);
        Assert.Equal(2, scheduler.RunDue()); // the spinner and the timer
        Assert.True(timerRan);
        Assert.Equal(1, scheduler.RunDue()); // the spinner's last call, which stops
        Assert.Equal(0, scheduler.RunDue());
    }

    [Fact]
    public void Sleep_zero_goes_through_the_ready_queue_not_the_timer_heap()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var order = new List<string>();
        var timerEntriesSeen = new List<int>();
        Coroutine Yielder(string name) => new ScriptedCoroutine(name, step =>
        {
            order.Add($"{name}{step}");
            timerEntriesSeen.Add(scheduler.TimerEntryCount);
            return step < 2 ? Suspension.Sleep(0) : Suspension.Done;
        });
        scheduler.Spawn(Yielder("a"));
        scheduler.Spawn(Yielder("b"));
        scheduler.CallSoon(() => scheduler.CallSoon(() => order.Add("cb")));

        scheduler.Run();

        // a and b take turns; the callback queued during pass 1 runs after a1 and b1 (queued
        // before it by their Sleep(0)) and before a2, b2. No timer entry is ever created.
        Assert.Equal(new[] { "a0", "b0", "a1", "b1", "cb", "a2", "b2" }, order);
        Assert.All(timerEntriesSeen, count => Assert.Equal(0, count));
        Assert.Equal(TimeSpan.Zero, scheduler.Now);
    }
}
