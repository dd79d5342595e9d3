namespace Coroutines;

/// <summary>
/// A coroutine waiting on a <see cref="Channel{T}"/>: a sender with its item, or a receiver (which
/// keeps the item handed to it here until it resumes and reads it). Pooled by the channel.
/// </summary>
internal sealed class ChannelWaiter<T> : WaitTarget
{
    public Channel<T>? Channel;
    public Coroutine? Coroutine;
    public Scheduler? Scheduler;
    public T Item = default!;
    public long Sequence; // for a receiver handed an item: when that item was handed out
    public WaiterState State;
    public bool IsSender;
    public ChannelWaiter<T>? Previous;
    public ChannelWaiter<T>? Next;
    public SelectOperation? Select; // a case of Yield.Select: the select, not the coroutine, is told
    public int CaseIndex;

    internal override void Detach(Coroutine waiter)
    {
        // A stale reference (the node went back to the pool, maybe to someone else) must do nothing.
        if (Coroutine == waiter && State != WaiterState.Free)
        {
            Channel!.Abandon(this);
        }
    }

    internal override object? SavedBy => Select is null ? Channel : null;

    internal override bool SavedOutOfLine => State == WaiterState.Handed;

    internal override string Describe()
    {
        var channel = Channel;
        var where = channel is null ? "a channel" : $"a Channel<{typeof(T).Name}> ({channel.Count} of {(channel.Capacity == int.MaxValue ? "unbounded" : channel.Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture))} items{(channel.IsClosed ? ", closed" : "")})";
        return State == WaiterState.Handed ? $"its item from {where}" : IsSender ? $"room to send to {where}" : $"an item from {where}";
    }
}

internal enum WaiterState : byte
{
    Free,
    Queued,
    Handed, // a receiver was given its item and has not read it yet
}
