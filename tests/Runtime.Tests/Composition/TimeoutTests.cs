using System;
using Xunit;
using static Coroutines.Tests.WaitCoroutines;

namespace Coroutines.Tests.Composition;

// Yield.WithTimeout, lowered as the generator does: Suspension.WithTimeout(ms, body), then
// Suspension.WithTimeoutResult(ms, body) in the next step.
public class TimeoutTests
{
    /// <summary>
    /// <code>
    /// try { Yield.WithTimeout(ms, body); trace("waiter: body done"); }
    /// catch (Exception e) { trace($"waiter caught {e.GetType().Name}"); caught = e; }
    /// </code>
    /// </summary>
    private static StepsCoroutine<int> Waiter(Trace trace, int ms, Coroutine body, Action<Exception> caught) =>
        new("waiter", trace, (step, self) =>
        {
            if (step == 0)
            {
                return Suspension.WithTimeout(ms, body);
            }
            try
            {
                Suspension.WithTimeoutResult(ms, body);
                trace.Add("waiter: body done");
            }
            catch (Exception e)
            {
                trace.Add($"waiter caught {e.GetType().Name}");
                caught(e);
            }
            return self.Return(0);
        });

    [Fact]
    public void A_body_slower_than_the_deadline_is_cancelled_at_the_deadline_and_the_waiter_gets_TimeoutException()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var faults = new FaultLog(scheduler);
        var body = new CancellationAwareCoroutine("body", trace, 1000);
        Exception? caught = null;
        var waiter = scheduler.Spawn(Waiter(trace, 300, body, e => caught = e));

        scheduler.Run();

        Assert.Equal(new[] { "t=0 body start", "t=0.3 body finally", "t=0.3 waiter caught TimeoutException" }, trace.Lines);
        var timeout = Assert.IsType<TimeoutException>(caught);
        Assert.Equal("Coroutine 'body' did not finish within 300 ms and was canceled.", timeout.Message);
        var inner = Assert.IsType<OperationCanceledException>(timeout.InnerException);
        Assert.Equal("Coroutine 'body' timed out.", inner.Message);
        Assert.Equal(CoroutineStatus.Canceled, body.Status);
        Assert.Equal(2, body.StepsRun);
        Assert.Equal(CoroutineStatus.Completed, waiter.Status);
        Assert.Equal(Ms(300), scheduler.Now); // the body's sleep to t=1 was not waited for
        Assert.Empty(faults.Reports);
    }

    [Fact]
    public void A_deadline_unwinds_a_bodys_call_frames_from_the_innermost_outwards()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var body = new DepthCoroutine(3, sleepAtBottomMs: 1000, trace: trace);
        Exception? caught = null;
        scheduler.Spawn(new StepsCoroutine<int>("waiter", trace, (step, self) =>
        {
            if (step == 0)
            {
                return Suspension.WithTimeout(TimeSpan.FromMilliseconds(250), body);
            }
            try
            {
                trace.Add($"waiter got {Suspension.WithTimeoutResult(TimeSpan.FromMilliseconds(250), body)}");
            }
            catch (TimeoutException e)
            {
                caught = e;
                trace.Add("waiter caught TimeoutException");
            }
            return self.Return(0);
        }));

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0.25 finally 0", "t=0.25 finally 1", "t=0.25 finally 2", "t=0.25 finally 3", "t=0.25 waiter caught TimeoutException" },
            trace.Lines);
        Assert.Equal("Coroutine 'Depth' did not finish within 250 ms and was canceled.", caught!.Message);
        Assert.IsType<OperationCanceledException>(caught.InnerException);
        Assert.Equal(CoroutineStatus.Canceled, body.Status);
        Assert.Equal(Ms(250), scheduler.Now);
    }

    [Fact]
    public void A_body_faster_than_the_deadline_gives_its_result_and_the_run_ends_with_the_body()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var body = Child("body", trace, 100, 7);
        var waiter = scheduler.Spawn(new StepsCoroutine<int>("waiter", trace, (step, self) =>
        {
            if (step == 0)
            {
                return Suspension.WithTimeout(10_000, body);
            }
            var r = Suspension.WithTimeoutResult(10_000, body);
            trace.Add($"waiter got {r}");
            return self.Return(r);
        }));

        scheduler.Run();

        Assert.Equal(new[] { "t=0 body start", "t=0.1 body end", "t=0.1 waiter got 7" }, trace.Lines);
        Assert.Equal(7, waiter.Result);
        Assert.Equal(CoroutineStatus.Completed, body.Status);
        Assert.False(body.TimedOut);
        // The deadline (t=10) was cancelled when the body ended: Run() did not wait for it.
        Assert.Equal(Ms(100), scheduler.Now);
    }

    [Fact]
    public void A_body_that_faults_before_the_deadline_gives_its_fault_not_a_timeout()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var faults = new FaultLog(scheduler);
        var body = Failing("body", trace, 100, "body failed");
        Exception? caught = null;
        scheduler.Spawn(Waiter(trace, 300, body, e => caught = e));

        scheduler.Run();

        Assert.Equal(new[] { "t=0.1 body threw BoomException", "t=0.1 waiter caught BoomException" }, trace.Lines);
        Assert.Same(body.Exception, caught);
        Assert.Empty(faults.Reports);
        Assert.Equal(Ms(100), scheduler.Now);
    }

    [Fact]
    public void A_finished_body_gives_its_result_at_once_without_a_deadline()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        var body = scheduler.Spawn(Immediate("body", trace, 3));
        var waiter = scheduler.Spawn(new StepsCoroutine<int>("waiter", trace, (step, self) =>
            step == 0 ? Suspension.WithTimeout(500, body) : self.Return(Suspension.WithTimeoutResult(500, body))));

        scheduler.Run();

        Assert.Equal(3, waiter.Result);
        Assert.Contains("t=0 suspended waiter Continue", observer.Events);
        Assert.Equal(TimeSpan.Zero, scheduler.Now);
        Assert.Equal(0, scheduler.TimerEntryCount);
    }

    [Fact]
    public void Cancelling_the_waiter_cancels_the_body_and_no_deadline_keeps_the_loop_alive()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var body = new CancellationAwareCoroutine("body", trace, 1000);
        var waiter = scheduler.Spawn(Waiter(trace, 5000, body, _ => { }));
        scheduler.CallLater(300, waiter.Cancel);

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0 body start", "t=0.3 body finally", "t=0.3 waiter threw OperationCanceledException" },
            trace.Lines);
        Assert.Equal(CoroutineStatus.Canceled, waiter.Status);
        Assert.Equal(CoroutineStatus.Canceled, body.Status);
        Assert.False(body.TimedOut);
        Assert.Equal(Ms(300), scheduler.Now); // neither the body's sleep (t=1) nor the deadline (t=5)
    }

    [Fact]
    public void Cancelling_the_waiter_of_a_body_that_does_not_observe_cancellation_ends_the_run_at_once()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var body = new Sleeper("body", trace, 1000);
        var waiter = scheduler.Spawn(Waiter(trace, 5000, body, _ => { }));
        scheduler.CallLater(300, waiter.Cancel);

        scheduler.Run();

        Assert.Equal(new[] { "t=0 body start", "t=0.3 waiter threw OperationCanceledException" }, trace.Lines);
        Assert.Equal(CoroutineStatus.Canceled, body.Status);
        Assert.Equal(1, body.StepsRun);
        Assert.Equal(Ms(300), scheduler.Now);
    }

    [Fact]
    public void A_negative_timeout_throws_ArgumentOutOfRangeException_and_starts_nothing()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var body = Child("body", null, 10, 1);
        var errors = new ArgumentOutOfRangeException[2];
        scheduler.Spawn(new StepsCoroutine<int>("waiter", null, (step, self) =>
        {
            errors[0] = Assert.Throws<ArgumentOutOfRangeException>(() => Suspension.WithTimeout(-1, body));
            errors[1] = Assert.Throws<ArgumentOutOfRangeException>(() => Suspension.WithTimeout(TimeSpan.FromTicks(-1), body));
            return self.Return(0);
        }));

        scheduler.Run();

        Assert.Equal("milliseconds", errors[0].ParamName);
        Assert.Equal("timeout", errors[1].ParamName);
        using (Clock.Use(new VirtualClock()))
        {
            Assert.Equal("milliseconds", Assert.Throws<ArgumentOutOfRangeException>(() => Yield.WithTimeout(-1, body)).ParamName);
            Assert.Equal("timeout", Assert.Throws<ArgumentOutOfRangeException>(() => Yield.WithTimeout(TimeSpan.FromMilliseconds(-5), body)).ParamName);
            Assert.Equal("milliseconds", Assert.Throws<ArgumentOutOfRangeException>(() => Yield.WithTimeout(-1, (Coroutine)body)).ParamName);
        }
        Assert.Equal(CoroutineStatus.Created, body.Status);
    }

    [Fact]
    public void Called_directly_WithTimeout_runs_the_body_on_the_current_clock()
    {
        var clock = new VirtualClock();
        var trace = new Trace();
        using (Clock.Use(clock))
        {
            var slow = Child("slow", trace, 1000, 1);
            var timeout = Assert.Throws<TimeoutException>(() => Yield.WithTimeout(300, slow));
            Assert.Equal("Coroutine 'slow' did not finish within 300 ms and was canceled.", timeout.Message);
            Assert.Equal("Coroutine 'slow' timed out.", Assert.IsType<OperationCanceledException>(timeout.InnerException).Message);
            Assert.Equal(CoroutineStatus.Canceled, slow.Status);
            Assert.Equal(Ms(300), clock.Now);

            var fast = Child("fast", trace, 100, 7);
            Assert.Equal(7, Yield.WithTimeout(10_000, fast));
            Assert.Equal(Ms(400), clock.Now); // not t=10.3: the deadline was cancelled

            var failing = Failing("failing", trace, 50, "boom");
            var boom = Assert.Throws<BoomException>(() => Yield.WithTimeout(200, failing));
            Assert.Same(failing.Exception, boom);
            Assert.Equal(Ms(450), clock.Now);

            var nonGeneric = new CancellationAwareCoroutine("plain", trace, 1000);
            Assert.Throws<TimeoutException>(() => Yield.WithTimeout(TimeSpan.FromMilliseconds(100), nonGeneric));
            Assert.Equal(Ms(550), clock.Now);
        }

        Assert.Equal(
            new[]
            {
                "t=0 slow start", "t=0.3 slow threw OperationCanceledException",
                "t=0.3 fast start", "t=0.4 fast end",
                "t=0.45 failing threw BoomException",
                "t=0.45 plain start", "t=0.55 plain finally",
            },
            trace.Lines);
    }
}
