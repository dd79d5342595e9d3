using System;

namespace Coroutines;

/// <summary>
/// A growable ring buffer: a FIFO queue that can also put an item back near its front (an item
/// handed to a receiver that was cancelled before it ran goes back ahead of later items).
/// </summary>
internal sealed class ItemQueue<T>
{
    private T[] _buffer = new T[4];
    private int _head;
    private int _count;

    public int Count => _count;

    public void Enqueue(T item)
    {
        Grow();
        _buffer[(_head + _count) % _buffer.Length] = item;
        _count++;
    }

    /// <summary>Puts <paramref name="item"/> at <paramref name="index"/> (0: the front), moving the items behind it back.</summary>
    public void Insert(int index, T item)
    {
        Grow();
        _head = (_head - 1 + _buffer.Length) % _buffer.Length;
        for (var i = 0; i < index; i++)
        {
            _buffer[(_head + i) % _buffer.Length] = _buffer[(_head + i + 1) % _buffer.Length];
        }
        _buffer[(_head + index) % _buffer.Length] = item;
        _count++;
    }

    public T PeekAt(int index) => _buffer[(_head + index) % _buffer.Length];

    public T Dequeue()
    {
        var item = _buffer[_head];
        _buffer[_head] = default!; // do not keep it alive
        _head = (_head + 1) % _buffer.Length;
        _count--;
        return item;
    }

    private void Grow()
    {
        if (_count < _buffer.Length)
        {
            return;
        }
        var bigger = new T[_buffer.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            bigger[i] = _buffer[(_head + i) % _buffer.Length];
        }
        _buffer = bigger;
        _head = 0;
    }
}
