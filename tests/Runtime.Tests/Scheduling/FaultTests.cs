using System;
using System.Runtime.CompilerServices;
using Xunit;

namespace Coroutines.Tests.Scheduling;

public class FaultTests
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Suspension ThrowFromDeepInside() => throw new BoomException("deep");

    [Fact]
    public void A_faulting_coroutine_does_not_stop_the_loop_or_the_others_and_Run_returns_normally()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var log = new FaultLog(scheduler);
        var trace = new Trace();
        var before = scheduler.Spawn(new Sleeper("before", trace, 1000, 1000));
        var faulty = scheduler.Spawn(new ScriptedCoroutine("faulty", step =>
            step == 0 ? Suspension.Sleep(1000) : throw new BoomException("boom")));
        var after = scheduler.Spawn(new Sleeper("after", trace, 1000, 1000));
        scheduler.CallLater(3000, () => trace.Add("timer"));

        scheduler.Run();

        scheduler.ReportUnobservedFaults(); // faults nobody read, reported now

        Assert.Equal(
            new[] { "t=0 before start", "t=0 after start", "t=1 before step 1", "t=1 after step 1", "t=2 before step 2", "t=2 after step 2", "t=3 timer" },
            trace.Lines);
        Assert.Equal(CoroutineStatus.Completed, before.Status);
        Assert.Equal(CoroutineStatus.Completed, after.Status);
        Assert.Equal(CoroutineStatus.Faulted, faulty.Status);
        Assert.True(faulty.IsFinished);
        Assert.Single(log.Reports);
    }

    [Fact]
    public void The_exception_is_kept_as_thrown_and_Result_rethrows_it_with_its_type_and_stack()
    {
        var scheduler = new Scheduler(new VirtualClock());
        _ = new FaultLog(scheduler);
        var faulty = scheduler.Spawn(new ScriptedCoroutine("faulty", _ => ThrowFromDeepInside()));

        scheduler.Run();

        var kept = faulty.Exception;
        Assert.IsType<BoomException>(kept);
        Assert.Equal("deep", kept!.Message);
        var fromResult = Assert.Throws<BoomException>(() => faulty.Result);
        Assert.Same(kept, fromResult);
        Assert.Contains(nameof(ThrowFromDeepInside), fromResult.StackTrace);
        var fromGetResult = Assert.Throws<BoomException>(() => faulty.GetResult());
        Assert.Same(kept, fromGetResult);
    }

    [Fact]
    public void A_throwing_callback_does_not_stop_the_loop_and_is_reported()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var log = new FaultLog(scheduler);
        var trace = new Trace();
        var error = new BoomException("callback");
        scheduler.CallSoon(() => throw error);
        scheduler.CallLater(1000, () => throw new InvalidOperationException("timer"));
        scheduler.CallSoon(() => trace.Add("next callback"));
        var worker = scheduler.Spawn(new Sleeper("w", trace, 2000));

        scheduler.Run();

        Assert.Equal(new[] { "t=0 next callback", "t=0 w start", "t=2 w step 1" }, trace.Lines);
        Assert.Equal(CoroutineStatus.Completed, worker.Status);
        Assert.Equal(2, log.Reports.Count);
        Assert.Same(error, log.Reports[0].Exception);
        Assert.Null(log.Reports[0].Coroutine);
        Assert.IsType<InvalidOperationException>(log.Reports[1].Exception);
    }

    [Fact]
    public void A_throwing_timer_callback_is_reported_while_the_loop_runs()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var log = new FaultLog(scheduler);
        var reportsSeenLater = -1;
        scheduler.CallLater(1000, () => throw new BoomException("timer"));
        scheduler.CallLater(2000, () => reportsSeenLater = log.Reports.Count);

        scheduler.Run();

        Assert.Equal(1, reportsSeenLater);
    }

    [Fact]
    public void A_coroutine_that_faults_on_its_first_step_is_faulted()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        _ = new FaultLog(scheduler);
        var faulty = scheduler.Spawn(new ScriptedCoroutine("f", _ => throw new BoomException("first")));

        scheduler.Run();

        Assert.Equal(CoroutineStatus.Faulted, faulty.Status);
        Assert.Equal(new[] { "t=0 spawned f", "t=0 resumed f", "t=0 faulted f BoomException" }, observer.Events);
    }
}
