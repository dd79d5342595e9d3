using System.Collections.Generic;
using Coroutines.Snapshots;

namespace Coroutines;

// What the saver reads of the coroutines that wait on a channel (nothing else in the scheduler
// leads to one that waits on a channel only outside code can reach, a permanent), and of paused
// coroutines (a paused sleeper is in no queue).
public sealed partial class Scheduler
{
    /// <summary>The tracked waiters whose wait a snapshot writes with what they wait on (a channel).</summary>
    internal IEnumerable<Coroutine> HeldWaiters()
    {
        foreach (var waiter in _waiters)
        {
            if ((waiter.Status == CoroutineStatus.Waiting || waiter.Paused) && SnapshotWriter.WaitIsHeld(waiter))
            {
                yield return waiter;
            }
        }
    }

    /// <summary>The coroutines paused now.</summary>
    internal IEnumerable<Coroutine> PausedRoots()
    {
        foreach (var root in _pausedRoots)
        {
            if (!root.IsFinished && root.Membership?.PausedFrame is not null)
            {
                yield return root;
            }
        }
    }

    /// <summary>Restores a pause: <paramref name="root"/> paused <paramref name="frame"/> (itself or its innermost callee).</summary>
    internal void RestorePause(Coroutine root, Coroutine frame)
    {
        root.EnsureMembership().PausedFrame = frame;
        _pausedRoots.Add(root);
    }
}
