using System;
using System.Runtime.CompilerServices;

namespace Coroutines;

/// <summary>
/// FIFO queue of ready work: a <see cref="Coroutine"/>, an <see cref="System.Action"/>
/// (CallSoon, Post) or a due <see cref="TimerHandle"/>. One reference per entry (no ticket: a
/// coroutine has at most one ready entry, and its status tells whether it is still wanted).
/// </summary>
/// <remarks>
/// A chain of fixed-size chunks with a small pool of spare ones, rather than a ring buffer that
/// doubles: enqueue and dequeue are O(1) and allocation-free in steady state, and after a burst
/// (a million coroutines spawned at once) the chunks that drained go back to the GC instead of
/// the queue keeping its peak capacity for ever.
/// </remarks>
internal sealed class ReadyQueue
{
    private const int ChunkSize = 256;

    // Spare chunks kept: in steady state the head drains a chunk for each one the tail fills, so a
    // few are enough; beyond that, drained chunks go back to the GC.
    private const int SpareChunks = 4;

    private Chunk _head;
    private Chunk _tail;
    private int _headIndex; // next entry to take from _head
    private int _tailIndex; // next free slot in _tail
    // Running totals of entries added and taken (they wrap; only differences are read): the
    // count is their difference, and RunReady ends a pass at a value of Taken, so its loop keeps
    // no counter of its own in memory across the steps.
    private int _added;
    private int _taken;
    private Chunk? _free;
    private int _freeCount;

    public ReadyQueue()
    {
        _head = _tail = new Chunk();
    }

    public int Count => unchecked(_added - _taken);

    /// <summary>How many entries were ever taken (wraps): a pass of n entries ends at Taken + n.</summary>
    public int Taken => _taken;

    // Both inlined into the loop (the yield path is a dequeue, a step and an enqueue); the index
    // is below ChunkSize by the test before it, so the slot is reached without a bounds check.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enqueue(object item)
    {
        if (_tailIndex == ChunkSize)
        {
            AddChunk();
        }
        Slot(_tail, _tailIndex++) = item;
        _added++;
    }

    /// <summary>Removes the oldest entry; the queue must not be empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public object Dequeue()
    {
        if (_headIndex == ChunkSize)
        {
            NextHeadChunk();
        }
        ref var slot = ref Slot(_head, _headIndex++);
        var item = slot!;
        slot = null; // drop the reference so a finished coroutine can be collected
        if (++_taken == _added)
        {
            // Empty: the head chunk is the tail chunk; start it over.
            _headIndex = 0;
            _tailIndex = 0;
        }
        return item;
    }

    /// <summary>Visits every entry, oldest first, without removing any. For diagnostics.</summary>
    public void ForEach(Action<object> visit)
    {
        var chunk = _head;
        var index = _headIndex;
        for (var left = Count; left > 0; left--)
        {
            if (index == ChunkSize)
            {
                chunk = chunk.Next!;
                index = 0;
            }
            visit(chunk.Items[index++]!);
        }
    }

    // index < ChunkSize (callers test it first).
    private static ref object? Slot(Chunk chunk, int index) =>
        ref Unsafe.Add(ref Unsafe.As<Chunk.Slots, object?>(ref chunk.Items), (nint)(uint)index);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddChunk()
    {
        var chunk = _free;
        if (chunk is null)
        {
            chunk = new Chunk();
        }
        else
        {
            _free = chunk.Next;
            chunk.Next = null;
            _freeCount--;
        }
        _tail.Next = chunk;
        _tail = chunk;
        _tailIndex = 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void NextHeadChunk()
    {
        var drained = _head;
        _head = drained.Next!;
        _headIndex = 0;
        drained.Next = null;
        if (_freeCount < SpareChunks)
        {
            drained.Next = _free;
            _free = drained;
            _freeCount++;
        }
    }

    private sealed class Chunk
    {
        public Chunk? Next;
        public Slots Items;

        [InlineArray(ChunkSize)]
        public struct Slots
        {
            private object? _element0;
        }
    }
}
