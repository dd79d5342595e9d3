using System;
using System.Runtime.CompilerServices;

namespace Coroutines;

// The sleeping queue, adapted: TimerQueue holds opaque payloads; here they are sleeping
// coroutines (tagged with their timer generation) and the TimerHandles of CallLater.
public sealed partial class Scheduler
{
    // Compact the sleeping queue once at least this many stale entries make up half of it (asyncio's rule).
    private const int MinStaleTimersToCompact = 64;

    private readonly TimerQueue<SleeperStaleness> _timers = new();

    /// <summary>Entries in the sleeping queue, stale ones included (for tests of reclamation).</summary>
    internal int TimerEntryCount => _timers.Count;

    // Puts a coroutine to sleep for `ticks` (more than zero).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Sleep(Coroutine coroutine, long ticks)
    {
        coroutine.RawStatus = (byte)CoroutineStatus.Sleeping;
        _timers.Push(DeadlineAfter(ticks), coroutine.TimerGeneration, coroutine);
    }

    // Moves every live sleeper and timer due at `now` to the ready queue, in (deadline, FIFO) order.
    private void MoveDueTimersToReady(long now)
    {
        var ready = _ready;
        while (_timers.TryPopDue(now, out var due))
        {
            if (due is TimerHandle handle)
            {
                handle.InHeap = false;
            }
            else
            {
                Unsafe.As<Coroutine>(due).RawStatus = (byte)CoroutineStatus.Ready;
            }
            ready.Enqueue(due);
        }
    }

    // A sleeping coroutine is cancelled. Its entry stays in the sleeping queue, stale from now on
    // (lazy deletion). A new generation keeps it stale even if the coroutine (one that observes
    // cancellation) sleeps again; returns true when the generation wrapped around, and the old
    // entries must be removed before it is reused.
    private bool AbandonSleep(Coroutine coroutine)
    {
        _timers.MarkStale();
        return coroutine.NextTimerGeneration();
    }

    // Removes stale entries: all of them if `now`, else by the compaction rule.
    private void ReclaimStaleTimers(bool now)
    {
        if (now)
        {
            _timers.RemoveStale();
        }
        else
        {
            MaybeCompactTimers();
        }
    }

    internal void OnTimerCanceled(TimerHandle handle)
    {
        if (handle.InHeap)
        {
            _timers.MarkStale();
            MaybeCompactTimers();
        }
    }

    private TimerHandle CallLaterTicks(long ticks, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        CheckThread(nameof(CallLater));
        var deadline = DeadlineAfter(ticks);
        var handle = new TimerHandle(this, callback, TimeSpan.FromTicks(deadline)) { InHeap = true };
        _timers.Push(deadline, 0, handle);
        return handle;
    }

    // Now + ticks, saturating at the latest deadline the sleeping queue can hold.
    private long DeadlineAfter(long ticks)
    {
        var now = NowTicks;
        return ticks >= TimerQueue.MaxDeadline - now ? TimerQueue.MaxDeadline : now + ticks;
    }

    private void MaybeCompactTimers()
    {
        var stale = _timers.StaleCount;
        if (stale >= MinStaleTimersToCompact && stale * 2 > _timers.Count)
        {
            _timers.RemoveStale();
        }
    }

    /// <summary>
    /// Tells the sleeping queue which entries no longer stand for a sleep: a cancelled handle, or a
    /// coroutine no longer sleeping under the timer generation the entry was tagged with.
    /// </summary>
    private readonly struct SleeperStaleness : ITimerStaleness
    {
        public static bool IsStale(object payload, int tag)
        {
            if (payload is TimerHandle handle)
            {
                return handle.IsCanceled;
            }
            var coroutine = Unsafe.As<Coroutine>(payload);
            return coroutine.RawStatus != (byte)CoroutineStatus.Sleeping || coroutine.TimerGeneration != tag;
        }
    }
}
