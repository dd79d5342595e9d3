using System;
using Xunit;

namespace Coroutines.Tests.Scheduling;

/// <summary>Yield.WaitUntil / WaitWhile: checked once per pass, never spinning.</summary>
public partial class WaitUntilTests
{
    private sealed class Box
    {
        public int Value;
        public int Checks;
    }

    [Coroutine]
    private static void WaitFor(Box box, int target, Trace trace)
    {
        Yield.WaitUntil(() => { box.Checks++; return box.Value >= target; });
        trace.Add($"saw {box.Value}");
    }

    [Coroutine]
    private static void Count(Box box, int times, int everyMs)
    {
        for (int i = 0; i < times; i++)
        {
            Yield.Sleep(everyMs);
            box.Value++;
        }
    }

    [Fact]
    public void The_condition_is_checked_once_per_pass_and_the_waiter_resumes_in_the_pass_after_it_became_true()
    {
        var trace = new Trace();
        var box = new Box();
        var scheduler = new Scheduler(new VirtualClock());
        scheduler.Spawn(WaitForCoroutine(box, 3, trace));
        scheduler.Spawn(CountCoroutine(box, 5, 100));

        scheduler.Run();

        Assert.Equal(new[] { "t=0.3 saw 3" }, trace.Lines);
        // Once when it suspends, then after each pass: t=0 (the first steps), 0.1, 0.2, 0.3 (met: it runs next).
        Assert.Equal(5, box.Checks);
    }

    [Fact]
    public void With_nothing_else_running_the_loop_does_not_spin_and_Run_reports_the_waiter_stuck()
    {
        var box = new Box();
        var scheduler = new Scheduler(new VirtualClock());
        var waiter = scheduler.Spawn(WaitForCoroutine(box, 1, new Trace()));

        var report = scheduler.Run(WhenStuck.Return); // nothing left that could change the condition

        Assert.NotNull(report);
        Assert.Same(waiter, Assert.Single(report.Coroutines).Coroutine);
        Assert.Equal(CoroutineStatus.Waiting, waiter.Status);
        Assert.Equal(2, box.Checks); // when it suspended, and after that pass; then nothing ran: no more checks
        Assert.Equal("a condition (Yield.WaitUntil, checked 1 times)", waiter.WaitingOn!.ToString());

        box.Value = 1; // a host changes the state between frames
        Assert.Equal(1, scheduler.RunDue()); // a RunDue tick checks first: it is woken and runs in the same tick
        Assert.Equal(CoroutineStatus.Completed, waiter.Status);
    }

    [Fact]
    public void In_a_game_loop_each_RunDue_tick_checks_the_condition_once()
    {
        var box = new Box();
        var trace = new Trace();
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        scheduler.Spawn(WaitForCoroutine(box, 2, trace));
        for (var frame = 0; frame < 5; frame++)
        {
            scheduler.RunDue();
            box.Value++;
            clock.Advance(TimeSpan.FromMilliseconds(16));
        }

        Assert.Equal(new[] { "t=0.032 saw 2" }, trace.Lines);
        Assert.Equal(3, box.Checks); // when it suspended (frame 0), frame 1 (value 1), frame 2 (value 2)
    }

    [Coroutine]
    private static void WaitWhileBusy(Box box, Trace trace)
    {
        Yield.WaitWhile(() => box.Value < 2);
        trace.Add("free");
    }

    [Coroutine]
    private static void Throwing(Box box, Trace trace)
    {
        try
        {
            Yield.WaitUntil(() => box.Value > 0 ? throw new InvalidOperationException("bad condition") : false);
        }
        catch (InvalidOperationException e)
        {
            trace.Add(e.Message);
        }
    }

    [Fact]
    public void WaitWhile_waits_for_the_negation_and_a_condition_that_throws_rethrows_at_the_wait()
    {
        var box = new Box();
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        scheduler.Spawn(WaitWhileBusyCoroutine(box, trace));
        scheduler.Spawn(ThrowingCoroutine(box, trace));
        scheduler.Spawn(CountCoroutine(box, 3, 100));

        scheduler.Run();

        Assert.Equal(new[] { "t=0.1 bad condition", "t=0.2 free" }, trace.Lines);
    }

    [Fact]
    public void A_cancelled_waiter_is_no_longer_checked()
    {
        var box = new Box();
        var scheduler = new Scheduler(new VirtualClock());
        var waiter = scheduler.Spawn(WaitForCoroutine(box, 100, new Trace()));
        scheduler.Spawn(CountCoroutine(box, 10, 100));
        scheduler.CallLater(250, waiter.Cancel);

        scheduler.Run();

        Assert.Equal(CoroutineStatus.Canceled, waiter.Status);
        Assert.Equal(4, box.Checks); // t=0 (suspend), after the passes at t=0, 0.1, 0.2; none after the cancel at 0.25
    }

    [Fact]
    public void Outside_a_coroutine_a_true_condition_returns_and_a_false_one_throws()
    {
        Yield.WaitUntil(() => true);
        Yield.WaitWhile(() => false);
        Assert.Throws<InvalidOperationException>(() => Yield.WaitUntil(() => false));
        Assert.Throws<ArgumentNullException>(() => Yield.WaitUntil(null!));
    }
}
