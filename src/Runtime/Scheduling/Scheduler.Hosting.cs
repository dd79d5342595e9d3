using System;

namespace Coroutines;

// For hosts that drive the loop themselves with RunDue (a game frame, an actor's turn): when to
// call it next, and whether what the scheduler waits for can be saved now.
public sealed partial class Scheduler
{
    /// <summary>
    /// The clock time of the earliest live sleeper or timer (a sleep, a <c>CallLater</c>, a
    /// timeout), or null if nothing sleeps: when a host that drives the loop with
    /// <see cref="RunDue"/> must call it next, unless something is posted first.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called from another thread while the loop runs.</exception>
    public TimeSpan? NextDeadline
    {
        get
        {
            CheckThread(nameof(NextDeadline));
            return _timers.TryPeekLive(NowTicks, out var deadline) ? TimeSpan.FromTicks(deadline) : null;
        }
    }

    /// <summary>
    /// How many waits on tasks (and hosted loops) are outstanding: their completions come in as
    /// posts, and a snapshot cannot hold them (<see cref="Save"/> refuses while this is not zero).
    /// </summary>
    public int OutstandingTaskWaits => OutsideWaits;
}
