using System.Collections.Generic;
using Coroutines.Snapshots;

namespace Coroutines;

// What a snapshot writes and rebuilds of a line of waiting coroutines (with its owner, a Lock, a
// Semaphore or an Event: src/Runtime/Synchronization/*.Snapshots.cs). Nothing here runs unless a
// scheduler is saved, restored or cloned.
internal sealed partial class WaitLine
{
    /// <summary>The lock, semaphore or event this line belongs to.</summary>
    public object Owner => _owner;

    /// <summary>Writes the coroutines in line, in order, then those granted their turn that have not run yet.</summary>
    internal void WriteSnapshot(SnapshotWriter writer)
    {
        writer.Buffer.VarUInt((ulong)Count);
        for (var node = _head; node is not null; node = node.Next)
        {
            writer.WriteWaiter(node.Coroutine!, node);
        }
        var granted = writer.HandedOf(_owner);
        writer.Buffer.VarUInt((ulong)granted.Count);
        foreach (LineWaiter node in granted)
        {
            writer.WriteWaiter(node.Coroutine!, node);
        }
    }

    /// <summary>Reads what <see cref="WriteSnapshot"/> wrote into this (new, empty) line.</summary>
    internal void ReadSnapshot(SnapshotReader reader)
    {
        var queued = reader.Input.Count("a line of waiters");
        for (var i = 0; i < queued; i++)
        {
            var node = Restore(reader, LineState.Queued, CoroutineStatus.Waiting);
            node.Previous = _tail;
            if (_tail is null)
            {
                _head = node;
            }
            else
            {
                _tail.Next = node;
            }
            _tail = node;
            Count++;
        }
        var granted = reader.Input.Count("a line's granted waiters");
        for (var i = 0; i < granted; i++)
        {
            Restore(reader, LineState.Granted, CoroutineStatus.Ready);
        }
    }

    private LineWaiter Restore(SnapshotReader reader, LineState state, CoroutineStatus status)
    {
        var node = new LineWaiter(this) { State = state };
        node.Coroutine = reader.ReadWaiter(node, status, scheduler => node.Scheduler = scheduler);
        return node;
    }
}
