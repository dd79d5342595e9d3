using System;
using System.Threading;

namespace Coroutines.Orleans;

/// <summary>
/// The clock of a grain's scheduler: the cluster's time since the grain's epoch, moved by the
/// grain before each turn (it never blocks: the grain drives the loop with <c>RunDue</c>), and the
/// way posts from other threads (task completions) ask the grain for a turn.
/// </summary>
internal sealed class GrainClock : IClock
{
    private long _now;
    private readonly Action _wake;

    public GrainClock(Action wake) => _wake = wake;

    public TimeSpan Now => TimeSpan.FromTicks(Volatile.Read(ref _now));

    /// <summary>Moves the clock to <paramref name="now"/>, never backwards (cluster clocks may disagree a little).</summary>
    public void MoveTo(TimeSpan now)
    {
        if (now.Ticks > _now)
        {
            Volatile.Write(ref _now, now.Ticks);
        }
    }

    /// <summary>Puts the clock at a checkpoint's time before a restore, so restored sleepers keep their deadlines.</summary>
    public void Reset(TimeSpan now) => Volatile.Write(ref _now, now.Ticks);

    public bool WaitUntil(TimeSpan deadline) => throw new InvalidOperationException(
        "A durable grain's scheduler is driven by its grain, one RunDue per turn: do not call Run() on it. Start coroutines with DurableGrain.StartAsync.");

    public void Wake() => _wake();
}
