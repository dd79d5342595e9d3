using System;

namespace Coroutines;

/// <summary>What owns a <see cref="WaitLine"/>: an <see cref="Event"/>, a <see cref="Semaphore"/> or a <see cref="Lock"/>.</summary>
internal interface IWaitLineOwner
{
    /// <summary>A coroutine granted its turn was cancelled before it ran: take back what it was given.</summary>
    void GiveBack();

    /// <summary>What a waiting coroutine waits on, for stuck reports: "semaphore 'pool' (0 of 2 free, 3 waiting)".</summary>
    string Describe();
}

/// <summary>
/// The FIFO line of coroutines waiting on a synchronization primitive. Nodes are pooled by the
/// line: after the first waits, waiting allocates nothing.
/// </summary>
internal sealed partial class WaitLine
{
    private readonly IWaitLineOwner _owner;
    private LineWaiter? _head;
    private LineWaiter? _tail;
    private LineWaiter? _pool;

    public WaitLine(IWaitLineOwner owner) => _owner = owner;

    /// <summary>Coroutines in line now.</summary>
    public int Count { get; private set; }

    /// <summary>Marks <paramref name="coroutine"/> as granted at once: its End method finds the node, and a cancellation before it gives back.</summary>
    public Suspension GrantNow(Coroutine coroutine)
    {
        var node = Rent(coroutine);
        node.State = LineState.Granted;
        coroutine.WaitingOn = node;
        return Suspension.ContinueSuspension;
    }

    /// <summary>Puts <paramref name="coroutine"/> at the end of the line.</summary>
    public Suspension Enqueue(Coroutine coroutine)
    {
        var node = Rent(coroutine);
        node.State = LineState.Queued;
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
        coroutine.WaitingOn = node;
        return Suspension.WaitSuspension;
    }

    /// <summary>Grants the first coroutine in line its turn and wakes it; false if nobody waits.</summary>
    public bool GrantFirst()
    {
        if (_head is not { } node)
        {
            return false;
        }
        Unlink(node);
        node.State = LineState.Granted;
        node.Scheduler!.Wake(node.Coroutine!);
        return true;
    }

    /// <summary>Grants every coroutine in line (an event was set).</summary>
    public void GrantAll()
    {
        while (GrantFirst())
        {
        }
    }

    /// <summary>The running coroutine read its turn: releases its node. Throws if it has none from this line.</summary>
    public Coroutine End(string what)
    {
        var coroutine = Scheduler.RunningCoroutine(what);
        if (coroutine.WaitingOn is not LineWaiter node || node.Line != this || node.State != LineState.Granted)
        {
            throw new InvalidOperationException($"Coroutine '{coroutine.Name}' has no turn from {_owner.Describe()} to read: {what} must follow its Begin method.");
        }
        coroutine.WaitingOn = null;
        Return(node);
        return coroutine;
    }

    public string Describe() => _owner.Describe();

    /// <summary>A waiting coroutine was cancelled: it leaves the line, and gives back a turn it was granted but never took.</summary>
    internal void Abandon(LineWaiter node)
    {
        var granted = node.State == LineState.Granted;
        if (node.State == LineState.Queued)
        {
            Unlink(node);
        }
        node.Coroutine!.WaitingOn = null;
        Return(node);
        if (granted)
        {
            _owner.GiveBack();
        }
    }

    private void Unlink(LineWaiter node)
    {
        if (node.Previous is null)
        {
            _head = node.Next;
        }
        else
        {
            node.Previous.Next = node.Next;
        }
        if (node.Next is null)
        {
            _tail = node.Previous;
        }
        else
        {
            node.Next.Previous = node.Previous;
        }
        node.Previous = null;
        node.Next = null;
        Count--;
    }

    private LineWaiter Rent(Coroutine coroutine)
    {
        var node = _pool;
        if (node is null)
        {
            node = new LineWaiter(this);
        }
        else
        {
            _pool = node.Next;
            node.Next = null;
        }
        node.Coroutine = coroutine;
        node.Scheduler = Scheduler.CurrentLoop;
        return node;
    }

    private void Return(LineWaiter node)
    {
        node.State = LineState.Free;
        node.Coroutine = null;
        node.Scheduler = null;
        node.Previous = null;
        node.Next = _pool;
        _pool = node;
    }
}

/// <summary>A coroutine's place in a <see cref="WaitLine"/>; it is the coroutine's WaitingOn, and describes the primitive.</summary>
internal sealed class LineWaiter : WaitTarget
{
    public LineWaiter(WaitLine line) => Line = line;

    public WaitLine Line { get; }
    public Coroutine? Coroutine;
    public Scheduler? Scheduler;
    public LineWaiter? Previous;
    public LineWaiter? Next;
    public LineState State;

    internal override void Detach(Coroutine waiter)
    {
        // A stale reference (the node went back to the pool, maybe to someone else) must do nothing.
        if (Coroutine == waiter && State != LineState.Free)
        {
            Line.Abandon(this);
        }
    }

    internal override object? SavedBy => Line.Owner;

    internal override bool SavedOutOfLine => State == LineState.Granted;

    public override string ToString() => Line.Describe();
}

internal enum LineState : byte
{
    Free,
    Queued,
    Granted, // woken with its turn, not yet run
}
