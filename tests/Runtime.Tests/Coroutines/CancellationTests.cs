using System;
using System.Collections.Generic;
using Coroutines.Tests.Scheduling;
using Xunit;

namespace Coroutines.Tests.Coroutines;

public class CancellationTests
{
    [Fact]
    public void Cancelling_a_sleeping_coroutine_removes_it_from_the_timeline()
    {
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        var trace = new Trace();
        var sleeper = scheduler.Spawn(new Sleeper("s", trace, 1000, 1000));
        scheduler.CallLater(1500, () =>
        {
            Assert.Equal(CoroutineStatus.Sleeping, sleeper.Status);
            sleeper.Cancel();
        });

        scheduler.Run();

        Assert.Equal(CoroutineStatus.Canceled, sleeper.Status);
        Assert.True(sleeper.IsFinished);
        Assert.Equal(new[] { "t=0 s start", "t=1 s step 1" }, trace.Lines);
        Assert.Equal(2, sleeper.StepsRun);
        // The loop did not wait for the cancelled deadline (t=2).
        Assert.Equal(TimeSpan.FromMilliseconds(1500), clock.Now);
        Assert.Equal(
            new[]
            {
                "t=0 spawned s", "t=0 resumed s", "t=0 suspended s Sleep(1000 ms)",
                "t=1 resumed s", "t=1 suspended s Sleep(1000 ms)",
                "t=1.5 canceled s",
            },
            observer.Events);
    }

    [Fact]
    public void Cancelling_a_ready_coroutine_means_it_never_runs()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        var before = scheduler.Spawn(new Sleeper("before", null, 10));
        var cancelledInPass = new Sleeper("in-pass", null, 10);
        scheduler.CallSoon(() => cancelledInPass.Cancel());
        scheduler.Spawn(cancelledInPass);
        before.Cancel();
        Assert.Equal(CoroutineStatus.Canceled, before.Status);

        scheduler.Run();

        Assert.Equal(0, before.StepsRun);
        Assert.Equal(0, cancelledInPass.StepsRun);
        Assert.Equal(CoroutineStatus.Canceled, cancelledInPass.Status);
        Assert.Equal(
            new[] { "t=0 spawned before", "t=0 spawned in-pass", "t=0 canceled before", "t=0 canceled in-pass" },
            observer.Events);
    }

    [Fact]
    public void Cancelling_a_coroutine_made_ready_by_its_timer_in_the_same_pass_means_it_never_resumes()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var trace = new Trace();
        Sleeper? victim = null;
        scheduler.Spawn(new ScriptedCoroutine("killer", step =>
        {
            if (step == 1)
            {
                Assert.Equal(CoroutineStatus.Ready, victim!.Status);
                victim.Cancel();
            }
            return step == 0 ? Suspension.Sleep(1000) : Suspension.Done;
        }));
        victim = scheduler.Spawn(new Sleeper("victim", trace, 1000, 1000));

        scheduler.Run();

        Assert.Equal(new[] { "t=0 victim start" }, trace.Lines);
        Assert.Equal(CoroutineStatus.Canceled, victim.Status);
    }

    [Fact]
    public void Cancelling_before_spawning_cancels_and_the_coroutine_cannot_be_spawned_afterwards()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        var coroutine = new Sleeper("early", null, 10);

        coroutine.Cancel();

        Assert.Equal(CoroutineStatus.Canceled, coroutine.Status);
        var error = Assert.Throws<InvalidOperationException>(() => scheduler.Spawn(coroutine));
        Assert.Contains("Canceled", error.Message);
        Assert.Contains("Create a new one", error.Message);
        scheduler.Run();
        Assert.Equal(0, coroutine.StepsRun);
        Assert.Empty(observer.Events);
        Assert.Throws<OperationCanceledException>(() => coroutine.Result);
    }

    [Fact]
    public void Cancelling_a_finished_coroutine_does_nothing()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        _ = new FaultLog(scheduler);
        var completed = scheduler.Spawn(new Sleeper("done", null, 10));
        var faulted = scheduler.Spawn(new ScriptedCoroutine("bad", _ => throw new BoomException("x")));
        scheduler.Run();
        var eventsBefore = observer.Events.Count;

        completed.Cancel();
        faulted.Cancel();
        completed.Cancel();

        Assert.Equal(CoroutineStatus.Completed, completed.Status);
        Assert.Equal(1, completed.Result);
        Assert.Equal(CoroutineStatus.Faulted, faulted.Status);
        Assert.IsType<BoomException>(faulted.Exception);
        Assert.Equal(eventsBefore, observer.Events.Count);
    }

    [Fact]
    public void A_cancelled_coroutine_has_no_exception_and_its_result_throws_OperationCanceledException()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var coroutine = scheduler.Spawn(new Sleeper("c", null, 1000));
        scheduler.CallLater(10, coroutine.Cancel);

        scheduler.Run();

        Assert.Null(coroutine.Exception);
        var error = Assert.Throws<OperationCanceledException>(() => coroutine.Result);
        Assert.Contains("'c'", error.Message);
        Assert.Throws<OperationCanceledException>(() => coroutine.GetResult());
    }

    [Fact]
    public void A_coroutine_that_cancels_itself_is_cancelled_at_its_next_suspension()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        ScriptedCoroutine? self = null;
        self = scheduler.Spawn(new ScriptedCoroutine("self", step =>
        {
            self!.Cancel();
            Assert.Equal(CoroutineStatus.Running, self.Status); // not yet: it is still running
            return Suspension.Sleep(1000);
        }));

        scheduler.Run();

        Assert.Equal(CoroutineStatus.Canceled, self.Status);
        Assert.Equal(1, self.StepsRun);
        Assert.Equal(TimeSpan.Zero, scheduler.Now);
        Assert.Equal(
            new[] { "t=0 spawned self", "t=0 resumed self", "t=0 suspended self Sleep(1000 ms)", "t=0 canceled self" },
            observer.Events);
    }

    [Fact]
    public void A_coroutine_that_cancels_itself_and_throws_OperationCanceledException_ends_canceled()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var log = new FaultLog(scheduler);
        ScriptedCoroutine? self = null;
        self = scheduler.Spawn(new ScriptedCoroutine("self", _ =>
        {
            self!.Cancel();
            throw new OperationCanceledException("stop");
        }));

        scheduler.Run();

        Assert.Equal(CoroutineStatus.Canceled, self.Status);
        Assert.Empty(log.Reports);
        Assert.Equal("stop", Assert.Throws<OperationCanceledException>(() => self.Result).Message);
    }

    [Fact]
    public void An_OperationCanceledException_nobody_asked_for_is_a_fault()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var log = new FaultLog(scheduler);
        var coroutine = scheduler.Spawn(new ScriptedCoroutine("c", _ => throw new OperationCanceledException("not asked")));

        scheduler.Run();

        scheduler.ReportUnobservedFaults(); // faults nobody read, reported now

        Assert.Equal(CoroutineStatus.Faulted, coroutine.Status);
        Assert.Single(log.Reports);
    }

    [Fact]
    public void One_coroutine_can_cancel_another()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var trace = new Trace();
        var victim = scheduler.Spawn(new Sleeper("victim", trace, 1000, 1000, 1000));
        scheduler.Spawn(new ScriptedCoroutine("killer", step =>
        {
            if (step == 0)
            {
                return Suspension.Sleep(1500);
            }
            victim.Cancel();
            trace.Add("killer cancels victim");
            return Suspension.Done;
        }));

        scheduler.Run();

        Assert.Equal(new[] { "t=0 victim start", "t=1 victim step 1", "t=1.5 killer cancels victim" }, trace.Lines);
        Assert.Equal(CoroutineStatus.Canceled, victim.Status);
    }

    [Fact]
    public void Ten_thousand_cancelled_sleepers_do_not_pile_up_and_never_run_again()
    {
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        var sleepers = new List<Sleeper>();
        for (var i = 0; i < 10_000; i++)
        {
            sleepers.Add(scheduler.Spawn(new Sleeper($"s{i}", null, 1000 + i, 1000)));
        }
        scheduler.RunDue(); // every one runs its first step and goes to sleep
        Assert.Equal(10_000, scheduler.TimerEntryCount);

        for (var i = 0; i < sleepers.Count; i++)
        {
            sleepers[i].Cancel();
            TimerTests.AssertBounded(scheduler, sleepers.Count - i - 1);
        }
        Assert.True(scheduler.TimerEntryCount < 128, $"{scheduler.TimerEntryCount} entries left");

        scheduler.Run();

        Assert.All(sleepers, s =>
        {
            Assert.Equal(CoroutineStatus.Canceled, s.Status);
            Assert.Equal(1, s.StepsRun);
        });
        Assert.Equal(TimeSpan.Zero, clock.Now);
    }

    // The contract for coroutines that observe cancellation (generated code with try/finally).

    [Fact]
    public void An_observing_coroutine_cancelled_while_sleeping_is_resumed_with_the_exception_and_runs_its_finally()
    {
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        var log = new FaultLog(scheduler);
        var trace = new Trace();
        var coroutine = scheduler.Spawn(new CancellationAwareCoroutine("c", trace, 1000));
        scheduler.CallLater(1500, () => coroutine.Cancel());

        scheduler.Run();

        Assert.Equal(new[] { "t=0 c start", "t=1 c woke 1", "t=1.5 c finally" }, trace.Lines);
        Assert.Equal(CoroutineStatus.Canceled, coroutine.Status);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), clock.Now);
        Assert.Null(coroutine.Exception);
        Assert.Throws<OperationCanceledException>(() => coroutine.GetResult());
        Assert.Empty(log.Reports);
        Assert.Equal(
            new[]
            {
                "t=0 spawned c", "t=0 resumed c", "t=0 suspended c Sleep(1000 ms)",
                "t=1 resumed c", "t=1 suspended c Sleep(1000 ms)",
                "t=1.5 resumed c", "t=1.5 canceled c",
            },
            observer.Events);
    }

    [Fact]
    public void An_observing_coroutine_that_catches_the_cancellation_completes()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var trace = new Trace();
        var coroutine = scheduler.Spawn(new CancellationAwareCoroutine("c", trace, 1000, swallow: true));
        scheduler.CallLater(500, () => coroutine.Cancel());

        scheduler.Run();

        Assert.Equal(new[] { "t=0 c start", "t=0.5 c caught", "t=0.5 c finally" }, trace.Lines);
        Assert.Equal(CoroutineStatus.Completed, coroutine.Status);
    }

    [Fact]
    public void An_observing_coroutine_cancelled_twice_is_resumed_once()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var trace = new Trace();
        var coroutine = scheduler.Spawn(new CancellationAwareCoroutine("c", trace, 1000));
        scheduler.CallLater(500, () =>
        {
            coroutine.Cancel();
            coroutine.Cancel();
        });

        scheduler.Run();

        Assert.Equal(new[] { "t=0 c start", "t=0.5 c finally" }, trace.Lines);
        Assert.Equal(2, coroutine.StepsRun);
        Assert.Equal(CoroutineStatus.Canceled, coroutine.Status);
    }

    [Fact]
    public void An_observing_coroutine_that_cancels_itself_gets_the_exception_at_its_next_resume()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var trace = new Trace();
        var coroutine = scheduler.Spawn(new CancellationAwareCoroutine("c", trace, 1000, cancelSelfAfterWake: true));

        scheduler.Run();

        // It asks for the sleep after cancelling itself: instead it resumes at once, at that
        // suspension point, and unwinds.
        Assert.Equal(new[] { "t=0 c start", "t=1 c woke 1", "t=1 c finally" }, trace.Lines);
        Assert.Equal(CoroutineStatus.Canceled, coroutine.Status);
    }

    [Fact]
    public void An_observing_coroutine_cancelled_before_its_first_step_never_runs_its_body()
    {
        // It has not started, so there is no try/finally to unwind: it is dropped, exactly like a
        // coroutine cancelled before it was spawned.
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        var trace = new Trace();
        var coroutine = scheduler.Spawn(new CancellationAwareCoroutine("c", trace, 1000));

        coroutine.Cancel();
        scheduler.Run();

        Assert.Empty(trace.Lines);
        Assert.Equal(0, coroutine.StepsRun);
        Assert.Equal(CoroutineStatus.Canceled, coroutine.Status);
        Assert.Equal(new[] { "t=0 spawned c", "t=0 canceled c" }, observer.Events);
    }
}
