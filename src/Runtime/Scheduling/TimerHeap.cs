using System;

namespace Coroutines;

/// <summary>A sleeping entry: due at <see cref="Deadline"/> (clock ticks); <see cref="Sequence"/> breaks ties FIFO.</summary>
internal readonly struct TimerEntry
{
    public readonly long Deadline;
    public readonly long Sequence;
    public readonly object Target;

    public TimerEntry(long deadline, long sequence, object target)
    {
        Deadline = deadline;
        Sequence = sequence;
        Target = target;
    }

    public bool IsBefore(in TimerEntry other) =>
        Deadline < other.Deadline || (Deadline == other.Deadline && Sequence < other.Sequence);
}

/// <summary>
/// Binary min-heap of <see cref="TimerEntry"/> structs ordered by (deadline, sequence). Entries are
/// deleted lazily: the scheduler skips stale ones when they surface and calls <see cref="RemoveAll"/>
/// when too many have piled up.
/// </summary>
internal sealed class TimerHeap
{
    private TimerEntry[] _items = new TimerEntry[16];
    private int _count;

    public int Count => _count;

    public ref readonly TimerEntry Min => ref _items[0];

    public void Push(in TimerEntry entry)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        SiftUp(_count, entry);
        _count++;
    }

    public TimerEntry Pop()
    {
        var min = _items[0];
        _count--;
        var last = _items[_count];
        _items[_count] = default;
        if (_count > 0)
        {
            SiftDown(0, last);
        }
        return min;
    }

    /// <summary>Removes every entry <paramref name="isStale"/> selects, reclaiming its slot, and restores heap order.</summary>
    public int RemoveAll(Func<TimerEntry, bool> isStale)
    {
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (!isStale(_items[i]))
            {
                _items[kept++] = _items[i];
            }
        }
        var removed = _count - kept;
        Array.Clear(_items, kept, removed);
        _count = kept;
        for (var i = (_count / 2) - 1; i >= 0; i--)
        {
            SiftDown(i, _items[i]);
        }
        if (_items.Length > 64 && _count < _items.Length / 4)
        {
            Array.Resize(ref _items, Math.Max(16, _items.Length / 2));
        }
        return removed;
    }

    private void SiftUp(int index, in TimerEntry entry)
    {
        while (index > 0)
        {
            var parent = (index - 1) >> 1;
            if (!entry.IsBefore(_items[parent]))
            {
                break;
            }
            _items[index] = _items[parent];
            index = parent;
        }
        _items[index] = entry;
    }

    private void SiftDown(int index, in TimerEntry entry)
    {
        var half = _count >> 1;
        while (index < half)
        {
            var child = (2 * index) + 1;
            var right = child + 1;
            if (right < _count && _items[right].IsBefore(_items[child]))
            {
                child = right;
            }
            if (!_items[child].IsBefore(entry))
            {
                break;
            }
            _items[index] = _items[child];
            index = child;
        }
        _items[index] = entry;
    }
}
