using System;
using Xunit;

namespace Coroutines.Tests.Scheduling;

// The yield path does not test the observer again after a step: an observer set during a step
// watches from the next step on, whatever that step suspends with (it saw no OnResumed of the
// step that set it, so it sees no OnSuspended of it either).
public class ObserverSetDuringStepTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void An_observer_set_during_a_step_watches_from_the_next_step_on(int firstSleepMs)
    {
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Spawn(new ScriptedCoroutine("setter", step =>
        {
            switch (step)
            {
                case 0:
                    scheduler.Observer = observer;
                    return Suspension.Sleep(firstSleepMs);
                case 1:
                    return Suspension.Sleep(0);
                default:
                    return Suspension.Done;
            }
        }));

        scheduler.Run();

        var t = firstSleepMs == 0 ? "0" : "0.005";
        Assert.Equal(
            new[]
            {
                $"t={t} resumed setter",
                $"t={t} suspended setter Sleep(0 ms)",
                $"t={t} resumed setter",
                $"t={t} completed setter",
            },
            observer.Events);
    }

    [Fact]
    public void An_observer_removed_during_a_step_sees_nothing_more()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        scheduler.Spawn(new ScriptedCoroutine("remover", step =>
        {
            if (step == 0)
            {
                scheduler.Observer = null;
                return Suspension.Sleep(0);
            }
            return Suspension.Done;
        }));

        scheduler.Run();

        Assert.Equal(new[] { "t=0 spawned remover", "t=0 resumed remover" }, observer.Events);
    }
}
