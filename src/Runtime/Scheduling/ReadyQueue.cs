using System;

namespace Coroutines;

/// <summary>One unit of ready work: a coroutine (with the ticket it was queued under) or a callback.</summary>
internal readonly struct WorkItem
{
    public readonly object Target;
    public readonly long Ticket;

    public WorkItem(object target, long ticket)
    {
        Target = target;
        Ticket = ticket;
    }
}

/// <summary>
/// FIFO ring buffer of <see cref="WorkItem"/>s: enqueue and dequeue are O(1) and allocation-free
/// once it has grown to its working size.
/// </summary>
internal sealed class ReadyQueue
{
    private WorkItem[] _items = new WorkItem[16];
    private int _head;
    private int _count;

    public int Count => _count;

    public void Enqueue(in WorkItem item)
    {
        if (_count == _items.Length)
        {
            Grow();
        }
        _items[(_head + _count) & (_items.Length - 1)] = item;
        _count++;
    }

    public WorkItem Dequeue()
    {
        var item = _items[_head];
        _items[_head] = default; // drop the reference so a finished coroutine can be collected
        _head = (_head + 1) & (_items.Length - 1);
        _count--;
        return item;
    }

    private void Grow()
    {
        // Capacity stays a power of two so the index wraps with a mask.
        var bigger = new WorkItem[_items.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        }
        _items = bigger;
        _head = 0;
    }
}
