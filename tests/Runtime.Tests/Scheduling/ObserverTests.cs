using System;
using Xunit;

namespace Coroutines.Tests.Scheduling;

public class ObserverTests
{
    [Fact]
    public void The_observer_sees_every_life_event_with_the_clock_time()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        _ = new FaultLog(scheduler);
        scheduler.Spawn(new Sleeper("ok", null, 1000, 500));
        scheduler.Spawn(new ScriptedCoroutine("bad", step =>
            step == 0 ? Suspension.Sleep(TimeSpan.FromMilliseconds(250)) : throw new BoomException("x")));
        var victim = scheduler.Spawn(new Sleeper("victim", null, 5000));
        scheduler.CallLater(2000, () => victim.Cancel());

        scheduler.Run();

        Assert.Equal(
            new[]
            {
                "t=0 spawned ok",
                "t=0 spawned bad",
                "t=0 spawned victim",
                "t=0 resumed ok",
                "t=0 suspended ok Sleep(1000 ms)",
                "t=0 resumed bad",
                "t=0 suspended bad Sleep(250 ms)",
                "t=0 resumed victim",
                "t=0 suspended victim Sleep(5000 ms)",
                "t=0.25 resumed bad",
                "t=0.25 faulted bad BoomException",
                "t=1 resumed ok",
                "t=1 suspended ok Sleep(500 ms)",
                "t=1.5 resumed ok",
                "t=1.5 completed ok",
                "t=2 canceled victim",
            },
            observer.Events);
    }

    [Fact]
    public void Sleep_zero_is_reported_as_a_suspension()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        scheduler.Spawn(new ScriptedCoroutine("z", step => step == 0 ? Suspension.Sleep(0) : Suspension.Done));

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0 spawned z", "t=0 resumed z", "t=0 suspended z Sleep(0 ms)", "t=0 resumed z", "t=0 completed z" },
            observer.Events);
    }

    private sealed class EmptyObserver : ISchedulerObserver
    {
    }

    [Fact]
    public void An_observer_needs_to_implement_only_what_it_uses()
    {
        var scheduler = new Scheduler(new VirtualClock()) { Observer = new EmptyObserver() };
        _ = new FaultLog(scheduler);
        var ok = scheduler.Spawn(new Sleeper("ok", null, 10));
        scheduler.Spawn(new ScriptedCoroutine("bad", _ => throw new BoomException("x")));
        var victim = scheduler.Spawn(new Sleeper("victim", null, 10));
        victim.Cancel();

        scheduler.Run();

        Assert.Equal(CoroutineStatus.Completed, ok.Status);
    }
}
