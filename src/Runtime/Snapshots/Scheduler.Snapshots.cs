using System;
using System.Collections.Generic;
using System.IO;
using Coroutines.Snapshots;

namespace Coroutines;

// Save, restore and clone (docs/snapshots.md). The work is in SchedulerSaver and
// SchedulerRestorer; this file gives them the scheduler's queues. Nothing here runs unless called.
public sealed partial class Scheduler
{
    /// <summary>
    /// Writes the whole scheduler to <paramref name="stream"/>: clock time, ready queue, timers and
    /// every coroutine with its call frames, fields, names, tags, cancellation and fault state.
    /// Call it between runs (after <see cref="Run()"/> returned, or <see cref="Stop"/> ended it).
    /// </summary>
    /// <exception cref="SnapshotException">The scheduler holds something a snapshot cannot hold; the message lists all of it.</exception>
    /// <exception cref="InvalidOperationException">The loop is running.</exception>
    public void Save(Stream stream, SnapshotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = SaveToBytes(options ?? new SnapshotOptions());
        stream.Write(bytes);
    }

    /// <summary>The bytes <see cref="Save"/> writes.</summary>
    /// <exception cref="SnapshotException">The scheduler holds something a snapshot cannot hold.</exception>
    /// <exception cref="InvalidOperationException">The loop is running.</exception>
    public byte[] SaveToBytes(SnapshotOptions? options = null)
    {
        CheckThread(nameof(Save));
        if (IsRunning)
        {
            throw new InvalidOperationException(
                "Save was called while the scheduler's loop runs. Save between runs: stop the loop (scheduler.Stop() from a callback or coroutine), then save once Run() has returned.");
        }
        using var saver = new SchedulerSaver(this, options ?? new SnapshotOptions());
        return saver.Save();
    }

    /// <summary>A new scheduler, in the state a snapshot saved (see <see cref="Save"/>).</summary>
    /// <exception cref="SnapshotFormatException">The input is not a valid snapshot (damaged, truncated, hostile, or naming code that is not loaded).</exception>
    /// <exception cref="SnapshotVersionException">A coroutine was saved by another version of its code and no migration is registered for it.</exception>
    public static Scheduler Restore(Stream stream, SnapshotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new SnapshotOptions();
        return Restore(ReadAll(stream, options.MaxBytes), options);
    }

    /// <summary>A new scheduler from the bytes of a snapshot.</summary>
    /// <exception cref="SnapshotFormatException">The input is not a valid snapshot.</exception>
    /// <exception cref="SnapshotVersionException">A coroutine's code changed and no migration is registered for it.</exception>
    public static Scheduler Restore(byte[] snapshot, SnapshotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        options ??= new SnapshotOptions();
        if (snapshot.Length > options.MaxBytes)
        {
            throw new SnapshotFormatException($"The snapshot is {snapshot.Length} bytes, more than SnapshotOptions.MaxBytes ({options.MaxBytes}).");
        }
        return new SchedulerRestorer(snapshot, options).Restore();
    }

    /// <summary>
    /// An independent deep copy: the same coroutines, queues and time, sharing nothing but the
    /// permanents. The original and the copy then run without affecting each other.
    /// </summary>
    /// <exception cref="SnapshotException">The scheduler holds something a snapshot cannot hold.</exception>
    public Scheduler Clone(SnapshotOptions? options = null)
    {
        options ??= new SnapshotOptions();
        var clone = Restore(SaveToBytes(options), options);
        clone.Observer = null;
        return clone;
    }

    private static byte[] ReadAll(Stream stream, int maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new SnapshotFormatException($"The snapshot is longer than SnapshotOptions.MaxBytes ({maxBytes}).");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    // ---- what the saver reads ----------------------------------------------------------------

    internal bool IsVirtualClock => _virtualClock is not null;

    internal long SnapshotNowTicks => NowTicks;

    internal void ForEachReady(Action<object> visit) => _ready.ForEach(visit);

    internal int ReadyCount => _ready.Count;

    /// <summary>Entries of the sleeping queue, stale ones included: the room <see cref="CopyLiveTimers"/> may need.</summary>
    internal int TimerCount => _timers.Count;

    /// <summary>Copies the live entries of the sleeping queue, in (deadline, FIFO) order; returns how many.</summary>
    internal int CopyLiveTimers(Span<long> deadlines, Span<object> payloads) => _timers.CopyLiveInOrder(deadlines, payloads);

    /// <summary>What a snapshot cannot hold of the scheduler itself (not of its coroutines).</summary>
    internal IEnumerable<string> SchedulerProblems()
    {
        lock (_postGate)
        {
            if (_posted.Count > 0)
            {
                yield return $"{_posted.Count} posted callback(s) or task completion(s) not yet run (run the scheduler until they are)";
            }
        }
        if (OutsideWaits > 0)
        {
            yield return $"{OutsideWaits} outstanding wait(s) on a Task or the host: a task cannot be saved; save once they completed";
        }
        if (_conditions.Count > 0 || _conditionsNext.Count > 0)
        {
            yield return "coroutines waiting on a condition (Yield.WaitUntil): its delegate cannot be saved";
        }
        if (_virtualClock is { } clock && clock.TryPeekTimer(out _))
        {
            yield return "timers of the VirtualClock used as a TimeProvider (Task.Delay on it): they cannot be saved";
        }
    }

    // ---- what the restorer fills -------------------------------------------------------------

    internal void RestoreReady(Coroutine coroutine) => _ready.Enqueue(coroutine);

    internal void RestoreReadyCallback(Action callback) => _ready.Enqueue(callback);

    internal void RestoreSleeper(Coroutine coroutine, long remainingTicks) =>
        _timers.Push(DeadlineAfter(remainingTicks), coroutine.TimerGeneration, coroutine);

    internal TimerHandle RestoreTimer(long remainingTicks, Action callback) => CallLaterTicks(remainingTicks, callback);

    internal void RestoreRoot(Coroutine coroutine)
    {
        coroutine.AttachTo(this);
        IndexTags(coroutine);
    }

    internal void RestoreWaiter(Coroutine coroutine) => TrackWaiter(coroutine);
}
