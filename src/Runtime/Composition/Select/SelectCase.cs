using System;

namespace Coroutines;

/// <summary>
/// One operation of a <see cref="Yield.Select"/>: a channel receive or send, a timeout, or a
/// coroutine's end. Make them with <see cref="Case"/>; a case can be used again in the next select.
/// </summary>
public abstract partial class SelectCase
{
    private protected SelectCase()
    {
    }

    /// <summary>Checks the case before the select starts (adopts a coroutine, refuses a foreign one).</summary>
    internal virtual void Prepare(Scheduler scheduler, Coroutine waiter)
    {
    }

    /// <summary>True if the operation would complete without waiting.</summary>
    internal abstract bool IsReady { get; }

    /// <summary>Starts waiting for the operation on behalf of <paramref name="select"/>, as its case <paramref name="index"/>.</summary>
    internal abstract void Register(SelectOperation select, int index);

    /// <summary>Another case won: stop waiting.</summary>
    internal abstract void Withdraw();

    /// <summary>
    /// This case won and the select resumes: complete the operation (receive the item, send it).
    /// <paramref name="closed"/>: it won while waiting because its channel was closed.
    /// </summary>
    internal abstract void Complete(bool closed);

    /// <summary>This case won but the select's coroutine was cancelled before it resumed: undo what was done for it.</summary>
    internal virtual void GiveBack(bool closed)
    {
    }

    /// <summary>A description for stuck reports: "receive from Channel&lt;Int32&gt;".</summary>
    public abstract override string ToString();
}

/// <summary>The cases of <see cref="Yield.Select"/>.</summary>
public static class Case
{
    /// <summary>Receives from <paramref name="channel"/>; once it wins, the item is the case's <see cref="ReceiveCase{T}.Item"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="channel"/> is null.</exception>
    public static ReceiveCase<T> Receive<T>(Channel<T> channel) => new(channel);

    /// <summary>Sends <paramref name="item"/> to <paramref name="channel"/>; nothing is sent unless the case wins.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="channel"/> is null.</exception>
    public static SendCase<T> Send<T>(Channel<T> channel, T item) => new(channel, item);

    /// <summary>Wins once <paramref name="milliseconds"/> have passed on the scheduler's clock.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="milliseconds"/> is negative.</exception>
    public static TimeoutCase Timeout(int milliseconds) => new(TimeSpan.FromTicks(Delay.FromMilliseconds(milliseconds)));

    /// <summary>Wins once <paramref name="timeout"/> has passed on the scheduler's clock.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative.</exception>
    public static TimeoutCase Timeout(TimeSpan timeout) => new(TimeSpan.FromTicks(Delay.FromTimeSpan(timeout, nameof(timeout))));

    /// <summary>Wins once <paramref name="coroutine"/> has ended (it is spawned if nobody has); it is not cancelled if another case wins.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="coroutine"/> is null.</exception>
    public static EndCase End(Coroutine coroutine) => new(coroutine);
}

/// <summary>A receive from a channel, for <see cref="Yield.Select"/>.</summary>
public sealed partial class ReceiveCase<T> : SelectCase
{
    private Channel<T> _channel; // set once: by the constructor, or by a restore
    private ChannelWaiter<T>? _waiter;
    private T _item = default!;

    internal ReceiveCase(Channel<T> channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
    }

    /// <summary>The item received, once this case won (and the channel was not closed).</summary>
    /// <exception cref="InvalidOperationException">The case did not win, or won because the channel is closed and empty.</exception>
    public T Item => Received ? _item : throw new InvalidOperationException(
        Closed ? "The channel was closed and empty: this receive case won with no item." : "This receive case has not won a select: it holds no item.");

    /// <summary>True once this case won with an item.</summary>
    public bool Received { get; private set; }

    /// <summary>True once this case won because the channel is closed and empty.</summary>
    public bool Closed { get; private set; }

    internal override void Prepare(Scheduler scheduler, Coroutine waiter)
    {
        Received = false;
        Closed = false;
        _item = default!;
        _waiter = null;
    }

    internal override bool IsReady => _channel.CanReceiveNow;

    internal override void Register(SelectOperation select, int index) =>
        _waiter = _channel.QueueCase(select.Waiter, select, index, isSender: false, default!);

    internal override void Withdraw()
    {
        if (_waiter is { } waiter)
        {
            _waiter = null;
            _channel.WithdrawCase(waiter);
        }
    }

    internal override void Complete(bool closed)
    {
        var waiter = _waiter;
        _waiter = null;
        if (closed)
        {
            Closed = true; // its node went back to the channel's pool when the channel was closed
            return;
        }
        if (waiter is not null)
        {
            _item = _channel.TakeCase(waiter); // handed to it while it waited
            Received = true;
            return;
        }
        if (_channel.TryReceive(out var item))
        {
            _item = item;
            Received = true;
        }
        else
        {
            Closed = true; // it won as ready: nothing buffered, no sender, so the channel is closed
        }
    }

    internal override void GiveBack(bool closed)
    {
        if (!closed && _waiter is { State: WaiterState.Handed } waiter)
        {
            _waiter = null;
            _channel.Abandon(waiter); // the item goes back to the channel, ahead of later ones
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"receive from Channel<{typeof(T).Name}> ({_channel.Count} buffered)";
}

/// <summary>A send to a channel, for <see cref="Yield.Select"/>.</summary>
public sealed partial class SendCase<T> : SelectCase
{
    private Channel<T> _channel; // set once: by the constructor, or by a restore
    private T _item;
    private ChannelWaiter<T>? _waiter;

    internal SendCase(Channel<T> channel, T item)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
        _item = item;
    }

    /// <summary>True once this case won and its item was sent.</summary>
    public bool Sent { get; private set; }

    /// <summary>True once this case won because the channel is closed (the item was not sent).</summary>
    public bool Closed { get; private set; }

    internal override void Prepare(Scheduler scheduler, Coroutine waiter)
    {
        Sent = false;
        Closed = false;
        _waiter = null;
    }

    internal override bool IsReady => _channel.CanSendNow;

    internal override void Register(SelectOperation select, int index) =>
        _waiter = _channel.QueueCase(select.Waiter, select, index, isSender: true, _item);

    internal override void Withdraw()
    {
        if (_waiter is { } waiter)
        {
            _waiter = null;
            _channel.WithdrawCase(waiter);
        }
    }

    internal override void Complete(bool closed)
    {
        var waited = _waiter is not null;
        _waiter = null; // its node went back to the channel's pool when it won
        if (waited)
        {
            Sent = !closed; // a receiver took the item while the case waited, or the channel was closed
            Closed = closed;
            return;
        }
        if (_channel.TrySend(_item))
        {
            Sent = true;
        }
        else
        {
            Closed = true;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"send to Channel<{typeof(T).Name}> ({_channel.Count} of {(_channel.Capacity == int.MaxValue ? "unbounded" : _channel.Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture))})";
}

/// <summary>A timeout, for <see cref="Yield.Select"/>.</summary>
public sealed partial class TimeoutCase : SelectCase
{
    private TimerHandle? _timer;
    private SelectOperation? _select; // the select and case index its timer wins (a snapshot writes them)
    private int _index;

    internal TimeoutCase(TimeSpan delay) => Delay = delay;

    /// <summary>How long the select waits before this case wins.</summary>
    public TimeSpan Delay { get; private set; }

    internal override bool IsReady => Delay == TimeSpan.Zero;

    internal override void Register(SelectOperation select, int index)
    {
        _select = select;
        _index = index;
        _timer = select.Scheduler.CallLater(Delay, Fire);
    }

    /// <summary>The timer's callback: a method of the case, so that a snapshot knows the timer.</summary>
    internal void Fire() => _select!.Won(_index);

    internal override void Withdraw()
    {
        _timer?.Cancel();
        _timer = null;
    }

    internal override void Complete(bool closed) => _timer = null;

    /// <inheritdoc/>
    public override string ToString() => $"a timeout of {Delay.TotalMilliseconds} ms";
}

/// <summary>The end of a coroutine, for <see cref="Yield.Select"/>.</summary>
public sealed partial class EndCase : SelectCase
{
    private SelectOperation? _select;

    internal EndCase(Coroutine coroutine)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        Coroutine = coroutine;
    }

    /// <summary>The coroutine whose end this case waits for; read its outcome from it.</summary>
    public Coroutine Coroutine { get; private set; }

    internal override void Prepare(Scheduler scheduler, Coroutine waiter) => scheduler.Adopt(Coroutine, waiter);

    internal override bool IsReady => Coroutine.IsFinished;

    internal override void Register(SelectOperation select, int index)
    {
        _select = select;
        Coroutine.AddListener(select);
    }

    internal override void Withdraw()
    {
        if (_select is { } select)
        {
            _select = null;
            Coroutine.RemoveListener(select);
        }
    }

    internal override void Complete(bool closed) => _select = null;

    /// <inheritdoc/>
    public override string ToString() => $"the end of '{Coroutine.Name}'";
}
