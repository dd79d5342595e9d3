using System;

namespace Coroutines;

/// <summary>
/// A coroutine waiting for several others: all of them (<see cref="Yield.AwaitAll(Coroutine[])"/>) or the
/// first to end (<see cref="Yield.AwaitAny(Coroutine[])"/>). Listens to each of them.
/// </summary>
internal sealed partial class AwaitGroup : WaitTarget, IFinishListener
{
    private Scheduler _scheduler; // set after construction only by a restore (AwaitGroup.Snapshots.cs)
    private readonly Coroutine? _waiter; // null when a blocking call outside a coroutine only wants the winner
    private readonly Coroutine[] _handles;
    private readonly bool _any;
    private readonly bool _cancelLosers; // AwaitAny: cancel the others once one ends, and wait for them to unwind
    private int _remaining;
    private bool _done;

    private AwaitGroup(Scheduler scheduler, Coroutine? waiter, Coroutine[] handles, bool any, bool cancelLosers)
    {
        _cancelLosers = any && cancelLosers;
        _scheduler = scheduler;
        _waiter = waiter;
        _handles = handles;
        _any = any;
    }

    /// <summary>True once the wait is over (or was cancelled).</summary>
    public bool IsDone => _done;

    /// <summary>For AwaitAny: the index of the coroutine whose end woke the waiter, or -1.</summary>
    public int Winner { get; private set; } = -1;

    /// <summary>Parks the running <paramref name="waiter"/> on <paramref name="handles"/>, or returns Continue if it need not wait.</summary>
    public static Suspension Wait(Scheduler scheduler, Coroutine? waiter, Coroutine[] handles, bool any, bool cancelLosers = false)
    {
        var group = Listen(scheduler, waiter, handles, any, cancelLosers);
        if (waiter is not null)
        {
            waiter.WaitingOn = group; // kept after the wake-up: the result method reads the winner from it
        }
        return group._done ? Suspension.ContinueSuspension : Suspension.WaitSuspension;
    }

    /// <summary>Checks the handles, adopts them on <paramref name="scheduler"/> and listens to those still running.</summary>
    public static AwaitGroup Listen(Scheduler scheduler, Coroutine? waiter, Coroutine[] handles, bool any, bool cancelLosers = false)
    {
        Validate(handles, any);
        var group = new AwaitGroup(scheduler, waiter, handles, any, cancelLosers);
        if (waiter is not null)
        {
            // Every handle is checked before any is started: a refused wait starts nothing.
            foreach (var handle in handles)
            {
                scheduler.CheckAdoptable(handle, waiter);
            }
            foreach (var handle in handles)
            {
                scheduler.Adopt(handle, waiter);
            }
        }
        for (var i = 0; i < handles.Length; i++)
        {
            if (handles[i].IsFinished)
            {
                if (any && group.Winner < 0)
                {
                    group.Winner = i;
                    if (!group._cancelLosers)
                    {
                        group._done = true;
                        return group;
                    }
                }
                continue;
            }
            group._remaining++;
        }
        if (group.Winner >= 0)
        {
            group.CancelUnfinished(); // a handle had ended already: the others are losers from the start
            group._remaining = 0;
            foreach (var handle in handles)
            {
                if (!handle.IsFinished)
                {
                    group._remaining++;
                }
            }
        }
        if (group._remaining == 0)
        {
            group._done = true;
            return group;
        }
        foreach (var handle in handles)
        {
            if (!handle.IsFinished)
            {
                handle.AddListener(group);
            }
        }
        return group;
    }

    public static void Validate(Coroutine[] handles, bool any)
    {
        ArgumentNullException.ThrowIfNull(handles);
        if (any && handles.Length == 0)
        {
            throw new ArgumentException("AwaitAny needs at least one coroutine to wait for.", nameof(handles));
        }
        for (var i = 0; i < handles.Length; i++)
        {
            if (handles[i] is null)
            {
                throw new ArgumentNullException(nameof(handles), $"handles[{i}] is null.");
            }
        }
    }

    public void OnFinished(Coroutine handle)
    {
        if (_done)
        {
            return;
        }
        _remaining--;
        if (_any && Winner < 0)
        {
            Winner = Array.IndexOf(_handles, handle);
            if (_cancelLosers && _remaining > 0)
            {
                CancelUnfinished(); // a loser that ends at once calls back here
                if (_done || _remaining > 0)
                {
                    return; // woken when the last loser has unwound
                }
            }
        }
        else if (_remaining > 0 && (!_any || _cancelLosers))
        {
            return;
        }
        _done = true;
        StopListening();
        if (_waiter is not null)
        {
            _scheduler.Wake(_waiter);
        }
    }

    internal override void Detach(Coroutine waiter)
    {
        if (_done)
        {
            return;
        }
        _done = true;
        StopListening();
        CancelUnfinished();
    }

    // Cancels every handle still running: the losers of AwaitAny, or all of them when the waiter is cancelled.
    private void CancelUnfinished()
    {
        foreach (var handle in _handles)
        {
            if (!handle.IsFinished)
            {
                handle.Cancel();
            }
        }
    }

    internal override string Describe()
    {
        var names = string.Join(", ", Array.ConvertAll(_handles, static h => $"'{h.Name}'{(h.IsFinished ? " (ended)" : "")}"));
        if (_any && Winner >= 0)
        {
            return $"the losers of any of {names} to unwind";
        }
        return _any ? $"any of {names}" : $"all of {names} ({_remaining} still running)";
    }

    /// <inheritdoc/>
    public override string ToString() => Describe();

    private void StopListening()
    {
        foreach (var handle in _handles)
        {
            handle.RemoveListener(this);
        }
    }
}
