using System;
using System.Buffers;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Coroutines.Snapshots;

/// <summary>
/// Numbers the coroutines of a snapshot in the order they are met: a list, and an identity hash
/// table of their numbers, open-addressed (linear probing) on arrays rented from the shared pool.
/// A save numbers every coroutine once and looks most of them up never again, so this is a few
/// array writes each where a <c>Dictionary</c> made and later dropped megabytes of entries; and
/// coroutines known to be new (<see cref="Append"/>) enter the table only when a lookup comes.
/// </summary>
internal sealed class CoroutineNumbers : IDisposable
{
    private Coroutine[] _list;
    private int[] _slots; // number + 1 of the coroutine hashed there, 0 when free
    private int _mask;    // the slots in use (a power of two) - 1: the pool may hand out a longer array
    private int _shift;   // 64 - log2(_mask + 1): the top bits of the mixed hash pick the slot
    private int _count;
    private int _hashed;  // the first _hashed of the list are in the table

    public CoroutineNumbers(int expected)
    {
        _list = ArrayPool<Coroutine>.Shared.Rent(Math.Max(16, expected));
        (_slots, _mask, _shift) = RentSlots(_list.Length);
    }

    public int Count => _count;

    public Coroutine this[int number] => _list[number];

    /// <summary>Every coroutine numbered so far, in number order.</summary>
    public IEnumerable<Coroutine> All()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _list[i];
        }
    }

    /// <summary>The number of <paramref name="coroutine"/>, or -1 if it has none yet.</summary>
    public int Find(Coroutine coroutine)
    {
        HashAppended();
        var mask = _mask;
        for (var slot = Slot(coroutine); ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }
            if (_list[entry - 1] == coroutine)
            {
                return entry - 1;
            }
        }
    }

    /// <summary>The number of <paramref name="coroutine"/>, given it now if it had none.</summary>
    public int Number(Coroutine coroutine)
    {
        HashAppended();
        var mask = _mask;
        var slot = Slot(coroutine);
        for (; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                break;
            }
            if (_list[entry - 1] == coroutine)
            {
                return entry - 1;
            }
        }
        var number = _count;
        if (number == _list.Length)
        {
            Grow();
            return Number(coroutine); // rehashed: find its free slot again
        }
        _list[number] = coroutine;
        _slots[slot] = number + 1;
        _count = number + 1;
        _hashed = _count;
        return number;
    }

    /// <summary>Numbers <paramref name="coroutine"/>, which the caller knows has no number yet, without hashing it now.</summary>
    public int Append(Coroutine coroutine)
    {
        if (_count == _list.Length)
        {
            Grow();
        }
        _list[_count] = coroutine;
        return _count++;
    }

    private void HashAppended()
    {
        for (; _hashed < _count; _hashed++)
        {
            Insert(_hashed);
        }
    }

    private void Insert(int number)
    {
        var slot = Slot(_list[number]);
        while (_slots[slot] != 0)
        {
            slot = (slot + 1) & _mask;
        }
        _slots[slot] = number + 1;
    }

    public void Dispose()
    {
        ArrayPool<Coroutine>.Shared.Return(_list, clearArray: true); // the pool must not keep coroutines alive
        ArrayPool<int>.Shared.Return(_slots);
        _list = [];
        _slots = [0];
    }

    // Fibonacci hashing of the identity hash: neighbouring hash codes land far apart.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(Coroutine coroutine) =>
        (int)(((ulong)(uint)RuntimeHelpers.GetHashCode(coroutine) * 0x9E3779B97F4A7C15UL) >> _shift);

    // At most half full: twice the list's room, rounded up to a power of two.
    private static (int[] Slots, int Mask, int Shift) RentSlots(int room)
    {
        var length = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * room));
        var slots = ArrayPool<int>.Shared.Rent(length);
        slots.AsSpan(0, length).Clear();
        return (slots, length - 1, 64 - BitOperations.Log2((uint)length));
    }

    private void Grow()
    {
        var list = ArrayPool<Coroutine>.Shared.Rent(2 * _list.Length);
        _list.AsSpan(0, _count).CopyTo(list);
        ArrayPool<Coroutine>.Shared.Return(_list, clearArray: true);
        _list = list;
        ArrayPool<int>.Shared.Return(_slots);
        (_slots, _mask, _shift) = RentSlots(_list.Length);
        for (var number = 0; number < _hashed; number++)
        {
            Insert(number);
        }
    }
}
