using System.Collections.Generic;

namespace Coroutines;

// What the saver reads of waiting coroutines (nothing else in the scheduler leads to one that
// waits on a channel only outside code can reach, a permanent) and of paused ones (a paused
// sleeper is in no queue).
public sealed partial class Scheduler
{
    /// <summary>The coroutines waiting now (on anything): one that waits on what only outside code reaches is saved too, or refused.</summary>
    internal IEnumerable<Coroutine> Waiters()
    {
        foreach (var waiter in _waiters)
        {
            if (waiter.Status == CoroutineStatus.Waiting || waiter.Paused)
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
