using System;
using System.ComponentModel;

namespace Coroutines;

/// <summary>
/// A FIFO queue between coroutines, bounded or unbounded. Inside a <c>[Coroutine]</c> method
/// <see cref="Send"/> to a full channel and <see cref="Receive"/> from an empty one suspend the
/// coroutine until there is room or an item; waiting senders and receivers are served strictly in
/// the order they came. <see cref="Close"/> ends it: buffered items can still be received, then
/// receivers get <see cref="ChannelClosedException"/>. Single-threaded, like its scheduler.
/// </summary>
/// <typeparam name="T">The items' type.</typeparam>
public sealed partial class Channel<T>
{
    private readonly ItemQueue<T> _items = new();
    private ChannelWaiter<T>? _sendersHead;
    private ChannelWaiter<T>? _sendersTail;
    private ChannelWaiter<T>? _receiversHead;
    private ChannelWaiter<T>? _receiversTail;
    private ChannelWaiter<T>? _pool;
    private long _handedOut;                        // items handed straight to receivers so far
    private readonly ItemQueue<long> _returned = new(); // hand-out numbers of the items given back, at the buffer's front

    /// <summary>Creates an unbounded channel: <see cref="Send"/> never waits.</summary>
    public Channel()
    {
        Capacity = int.MaxValue;
    }

    /// <summary>Creates a channel that buffers up to <paramref name="capacity"/> items; 0 makes every send wait for a receiver (a rendezvous).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public Channel(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
    }

    /// <summary>How many items it buffers (<see cref="int.MaxValue"/>: unbounded).</summary>
    public int Capacity { get; }

    /// <summary>Items buffered now.</summary>
    public int Count => _items.Count;

    /// <summary>True once <see cref="Close"/> was called.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>
    /// Sends <paramref name="item"/>: to the longest-waiting receiver, else into the buffer; when
    /// the buffer is full a coroutine waits for room. Called directly (outside a coroutine) it
    /// cannot wait: a full channel throws.
    /// </summary>
    /// <remarks>
    /// A waiting sender that is cancelled leaves the line and its item is not sent, unless a
    /// receiver already took the item: then it was sent, and the cancellation still surfaces at the Send.
    /// </remarks>
    /// <exception cref="ChannelClosedException">The channel is closed, or was closed while the sender waited.</exception>
    /// <exception cref="InvalidOperationException">Called outside a coroutine on a full channel.</exception>
    [SuspensionPoint(nameof(BeginSend))]
    public void Send(T item)
    {
        ThrowIfClosed();
        if (!TrySend(item))
        {
            throw new InvalidOperationException(
                $"The channel is full (capacity {Capacity}) and Send was called outside a coroutine, where it cannot wait: " +
                "nothing else can run on this thread to make room. Use TrySend, or call Send inside a [Coroutine] method.");
        }
    }

    /// <summary>
    /// Receives the oldest item; when there is none a coroutine waits for one. Called directly
    /// (outside a coroutine) it cannot wait: an empty channel throws.
    /// </summary>
    /// <exception cref="ChannelClosedException">The channel is closed and empty (also when it was closed while the receiver waited).</exception>
    /// <exception cref="InvalidOperationException">Called outside a coroutine on an empty channel.</exception>
    [SuspensionPoint(nameof(BeginReceive), Result = nameof(EndReceive))]
    public T Receive()
    {
        if (TryReceive(out var item))
        {
            return item;
        }
        ThrowIfClosed(receiving: true);
        throw new InvalidOperationException(
            "The channel is empty and Receive was called outside a coroutine, where it cannot wait: " +
            "nothing else can run on this thread to send. Use TryReceive, or call Receive inside a [Coroutine] method.");
    }

    /// <summary>Sends <paramref name="item"/> if that needs no waiting.</summary>
    /// <returns>False if the channel is full or closed.</returns>
    public bool TrySend(T item)
    {
        if (IsClosed)
        {
            return false;
        }
        if (_receiversHead is { } receiver)
        {
            Hand(receiver, item, _handedOut++);
            return true;
        }
        if (_items.Count < Capacity)
        {
            _items.Enqueue(item);
            return true;
        }
        return false;
    }

    /// <summary>Receives the oldest item if there is one.</summary>
    /// <returns>False if none is buffered and no sender waits.</returns>
    public bool TryReceive(out T item)
    {
        if (_items.Count > 0)
        {
            item = _items.Dequeue();
            if (_returned.Count > 0)
            {
                _returned.Dequeue();
            }
            if (_sendersHead is { } sender)
            {
                _items.Enqueue(sender.Item); // the room just made goes to the longest-waiting sender
                Release(sender);
            }
            return true;
        }
        if (_sendersHead is { } direct)
        {
            item = direct.Item; // a rendezvous: straight from the sender
            Release(direct);
            return true;
        }
        item = default!;
        return false;
    }

    /// <summary>
    /// Closes the channel: no more sends. Waiting senders resume with <see cref="ChannelClosedException"/>
    /// (their items are not sent); buffered items can still be received, after which receivers
    /// get the exception. Closing twice does nothing.
    /// </summary>
    public void Close()
    {
        if (IsClosed)
        {
            return;
        }
        IsClosed = true;
        while (_sendersHead is { } sender)
        {
            Fail(sender, "The channel was closed while this coroutine waited to send; the item was not sent.");
        }
        while (_receiversHead is { } receiver)
        {
            Fail(receiver, "The channel was closed while this coroutine waited to receive.");
        }
    }

    /// <summary>What <see cref="Send"/> becomes in a state machine.</summary>
    /// <exception cref="ChannelClosedException">The channel is closed.</exception>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Suspension BeginSend(T item)
    {
        var coroutine = Scheduler.RunningCoroutine("Channel.Send");
        ThrowIfClosed();
        if (TrySend(item))
        {
            return Suspension.ContinueSuspension;
        }
        var waiter = Rent(coroutine, isSender: true);
        waiter.Item = item;
        Append(ref _sendersHead, ref _sendersTail, waiter);
        coroutine.WaitingOn = waiter;
        return Suspension.WaitSuspension;
    }

    /// <summary>What <see cref="Receive"/> becomes in a state machine; the item is read with <see cref="EndReceive"/>.</summary>
    /// <exception cref="ChannelClosedException">The channel is closed and empty.</exception>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Suspension BeginReceive()
    {
        var coroutine = Scheduler.RunningCoroutine("Channel.Receive");
        var waiter = Rent(coroutine, isSender: false);
        coroutine.WaitingOn = waiter;
        if (TryReceive(out var item))
        {
            waiter.Item = item;
            waiter.State = WaiterState.Handed;
            return Suspension.ContinueSuspension;
        }
        if (IsClosed)
        {
            coroutine.WaitingOn = null;
            Return(waiter);
            ThrowIfClosed(receiving: true);
        }
        Append(ref _receiversHead, ref _receiversTail, waiter);
        return Suspension.WaitSuspension;
    }

    /// <summary>The item handed to the running coroutine by <see cref="BeginReceive"/> or a sender.</summary>
    /// <exception cref="InvalidOperationException">The running coroutine has no item from this channel to read.</exception>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public T EndReceive()
    {
        var coroutine = Scheduler.RunningCoroutine("Channel.EndReceive");
        if (coroutine.WaitingOn is not ChannelWaiter<T> waiter || waiter.Channel != this || waiter.State != WaiterState.Handed)
        {
            throw new InvalidOperationException($"Coroutine '{coroutine.Name}' has no item from this channel to read: EndReceive must follow its BeginReceive.");
        }
        var item = waiter.Item;
        coroutine.WaitingOn = null;
        Return(waiter);
        return item;
    }

    /// <summary>A waiting coroutine was cancelled: take it out of line, and give back an item it was handed but never read.</summary>
    internal void Abandon(ChannelWaiter<T> waiter)
    {
        if (waiter.State == WaiterState.Queued)
        {
            if (waiter.IsSender)
            {
                Unlink(ref _sendersHead, ref _sendersTail, waiter);
            }
            else
            {
                Unlink(ref _receiversHead, ref _receiversTail, waiter);
            }
        }
        else if (waiter.State == WaiterState.Handed)
        {
            if (_receiversHead is { } next)
            {
                Hand(next, waiter.Item, waiter.Sequence);
            }
            else
            {
                // Back in the buffer ahead of everything sent after it (the buffer was empty when
                // it was handed out), and in hand-out order among items given back: a full
                // buffer may hold more than its capacity for a while.
                var index = 0;
                while (index < _returned.Count && _returned.PeekAt(index) < waiter.Sequence)
                {
                    index++;
                }
                _items.Insert(index, waiter.Item);
                _returned.Insert(index, waiter.Sequence);
            }
        }
        if (waiter.Select is null)
        {
            waiter.Coroutine!.WaitingOn = null;
        }
        Return(waiter);
    }

    /// <summary>True if a receive would not wait: an item is buffered, a sender waits, or the channel is closed.</summary>
    internal bool CanReceiveNow => _items.Count > 0 || _sendersHead is not null || IsClosed;

    /// <summary>True if a send would not wait: a receiver waits, there is room, or the channel is closed.</summary>
    internal bool CanSendNow => _receiversHead is not null || _items.Count < Capacity || IsClosed;

    /// <summary>Puts a case of a select in line, as a receiver or as a sender of <paramref name="item"/>.</summary>
    internal ChannelWaiter<T> QueueCase(Coroutine coroutine, SelectOperation select, int index, bool isSender, T item)
    {
        var waiter = Rent(coroutine, isSender);
        waiter.Select = select;
        waiter.CaseIndex = index;
        waiter.Item = item;
        if (isSender)
        {
            Append(ref _sendersHead, ref _sendersTail, waiter);
        }
        else
        {
            Append(ref _receiversHead, ref _receiversTail, waiter);
        }
        return waiter;
    }

    /// <summary>A case that did not win leaves the line (it was only queued: nothing was handed to it).</summary>
    internal void WithdrawCase(ChannelWaiter<T> waiter)
    {
        if (waiter.State == WaiterState.Queued && waiter.Channel == this)
        {
            Abandon(waiter);
        }
    }

    /// <summary>A receive case that won: reads the item handed to it and frees its place.</summary>
    internal T TakeCase(ChannelWaiter<T> waiter)
    {
        var item = waiter.Item;
        Return(waiter);
        return item;
    }

    private void ThrowIfClosed(bool receiving = false)
    {
        if (IsClosed)
        {
            throw new ChannelClosedException(receiving
                ? "The channel is closed and every item in it was received."
                : "The channel is closed: nothing more can be sent to it.");
        }
    }

    private void Hand(ChannelWaiter<T> receiver, T item, long sequence)
    {
        Unlink(ref _receiversHead, ref _receiversTail, receiver);
        receiver.Item = item;
        receiver.Sequence = sequence;
        receiver.State = WaiterState.Handed; // it reads the item when it resumes
        if (receiver.Select is { } select)
        {
            select.Won(receiver.CaseIndex);
            return;
        }
        receiver.Scheduler!.Wake(receiver.Coroutine!);
    }

    // A waiting sender's item was taken: it resumes.
    private void Release(ChannelWaiter<T> sender)
    {
        Unlink(ref _sendersHead, ref _sendersTail, sender);
        if (sender.Select is { } select)
        {
            var index = sender.CaseIndex;
            Return(sender);
            select.Won(index);
            return;
        }
        var coroutine = sender.Coroutine!;
        var scheduler = sender.Scheduler!;
        coroutine.WaitingOn = null;
        Return(sender);
        scheduler.Wake(coroutine);
    }

    private void Fail(ChannelWaiter<T> waiter, string message)
    {
        if (waiter.IsSender)
        {
            Unlink(ref _sendersHead, ref _sendersTail, waiter);
        }
        else
        {
            Unlink(ref _receiversHead, ref _receiversTail, waiter);
        }
        if (waiter.Select is { } select)
        {
            var index = waiter.CaseIndex;
            Return(waiter);
            select.Won(index, closed: true);
            return;
        }
        var coroutine = waiter.Coroutine!;
        var scheduler = waiter.Scheduler!;
        coroutine.WaitingOn = null;
        Return(waiter);
        coroutine.DeliverPending(new ChannelClosedException(message));
        scheduler.Wake(coroutine);
    }

    private ChannelWaiter<T> Rent(Coroutine coroutine, bool isSender)
    {
        var waiter = _pool;
        if (waiter is null)
        {
            waiter = new ChannelWaiter<T> { Channel = this };
        }
        else
        {
            _pool = waiter.Next;
            waiter.Next = null;
        }
        waiter.Coroutine = coroutine;
        waiter.Scheduler = Scheduler.CurrentLoop;
        waiter.IsSender = isSender;
        return waiter;
    }

    private void Return(ChannelWaiter<T> waiter)
    {
        waiter.State = WaiterState.Free;
        waiter.Select = null;
        waiter.Coroutine = null;
        waiter.Scheduler = null;
        waiter.Item = default!;
        waiter.Previous = null;
        waiter.Next = _pool;
        _pool = waiter;
    }

    private static void Append(ref ChannelWaiter<T>? head, ref ChannelWaiter<T>? tail, ChannelWaiter<T> waiter)
    {
        waiter.State = WaiterState.Queued;
        waiter.Previous = tail;
        waiter.Next = null;
        if (tail is null)
        {
            head = waiter;
        }
        else
        {
            tail.Next = waiter;
        }
        tail = waiter;
    }

    private static void Unlink(ref ChannelWaiter<T>? head, ref ChannelWaiter<T>? tail, ChannelWaiter<T> waiter)
    {
        if (waiter.Previous is null)
        {
            head = waiter.Next;
        }
        else
        {
            waiter.Previous.Next = waiter.Next;
        }
        if (waiter.Next is null)
        {
            tail = waiter.Previous;
        }
        else
        {
            waiter.Next.Previous = waiter.Previous;
        }
        waiter.Previous = null;
        waiter.Next = null;
        waiter.State = WaiterState.Free;
    }
}
