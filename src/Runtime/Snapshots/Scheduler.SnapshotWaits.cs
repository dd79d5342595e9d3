using System.Collections.Generic;
using Coroutines.Snapshots;

namespace Coroutines;

// What the saver reads of the coroutines that wait on a channel: nothing else in the scheduler
// leads to one that waits on a channel only outside code can reach (a permanent).
public sealed partial class Scheduler
{
    /// <summary>The tracked waiters whose wait a snapshot writes with what they wait on (a channel).</summary>
    internal IEnumerable<Coroutine> HeldWaiters()
    {
        foreach (var waiter in _waiters)
        {
            if (waiter.Status == CoroutineStatus.Waiting && SnapshotWriter.WaitIsHeld(waiter))
            {
                yield return waiter;
            }
        }
    }
}
