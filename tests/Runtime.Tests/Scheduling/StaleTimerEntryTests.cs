using System;
using System.Collections.Generic;
using Xunit;

namespace Coroutines.Tests.Scheduling;

// A coroutine that observes cancellation can be cancelled while sleeping, catch the exception and
// sleep again while its old entry still sits in the sleeping queue (lazy deletion). The old entry
// must never wake it, even when it has the same deadline as the new one, however often it happens.
public class StaleTimerEntryTests
{
    /// <summary>Sleeps until <c>wakeAt</c>; each cancellation is caught and it sleeps until <c>wakeAt</c> again.</summary>
    private sealed class Stubborn : Coroutine
    {
        private readonly List<string> _log;
        private readonly Func<TimeSpan, int> _nextSleepMs;
        private bool _sleeping;

        public Stubborn(List<string> log, Func<TimeSpan, int> nextSleepMs)
        {
            _log = log;
            _nextSleepMs = nextSleepMs;
        }

        public int Catches { get; private set; }

        protected override bool ObservesCancellation => true;

        protected override Suspension Step()
        {
            if (_sleeping)
            {
                try
                {
                    ThrowPending();
                    _log.Add($"t={Trace.Format(Clock.Current.Now)} stubborn woke");
                    return Suspension.Done;
                }
                catch (OperationCanceledException)
                {
                    Catches++;
                }
            }
            _sleeping = true;
            return Suspension.Sleep(_nextSleepMs(Clock.Current.Now));
        }
    }

    [Fact]
    public void A_stale_entry_with_the_same_deadline_does_not_wake_it_ahead_of_its_turn()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var log = new List<string>();
        // Always sleep until exactly t = 1 s.
        var stubborn = scheduler.Spawn(new Stubborn(log, now => 1000 - (int)now.TotalMilliseconds));
        scheduler.RunDue(); // it sleeps until 1 s
        scheduler.CallLater(1000, () => log.Add($"t={Trace.Format(scheduler.Now)} witness")); // queued after it, same deadline
        scheduler.CallLater(500, stubborn.Cancel); // at 0.5 s: it catches and sleeps until 1 s again, now after the witness

        scheduler.Run();

        Assert.Equal(new[] { "t=1 witness", "t=1 stubborn woke" }, log);
        Assert.Equal(1, stubborn.Catches);
        Assert.Equal(CoroutineStatus.Completed, stubborn.Status);
        Assert.Equal(0, scheduler.TimerEntryCount);
    }

    [Fact]
    public void Many_cancellations_of_one_sleeper_never_wake_it_from_an_old_entry()
    {
        // 40 cancellations: more than the 16 timer generations an entry can tell apart, so the
        // queue must reclaim old entries before a generation is reused.
        var scheduler = new Scheduler(new VirtualClock());
        var log = new List<string>();
        var stubborn = scheduler.Spawn(new Stubborn(log, _ => 1000));
        for (var i = 1; i <= 40; i++)
        {
            var at = i * 10;
            scheduler.CallLater(at, () =>
            {
                stubborn.Cancel();
                if (at == 400)
                {
                    scheduler.CallLater(1000, () => log.Add($"t={Trace.Format(scheduler.Now)} witness"));
                }
            });
        }

        scheduler.Run();

        // The last cancellation (t = 0.4 s) queued the witness before the stubborn coroutine,
        // resumed in the next pass, slept again: both are due at 1.4 s, the witness first.
        Assert.Equal(new[] { "t=1.4 witness", "t=1.4 stubborn woke" }, log);
        Assert.Equal(40, stubborn.Catches);
        Assert.Equal(CoroutineStatus.Completed, stubborn.Status);
        Assert.Equal(0, scheduler.TimerEntryCount);
    }
}
