using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;

namespace Coroutines;

// Yield.WaitUntil / WaitWhile: conditions checked once per pass, in the order the coroutines began
// to wait: in Run at the end of a pass where something ran (a condition can only change when
// something runs, so the loop never spins for them), in RunDue at the start of each tick (the host
// may have changed the state between ticks). A condition met wakes its coroutine for the next pass.
public sealed partial class Scheduler
{
    private List<ConditionWaiter> _conditions = new();
    private List<ConditionWaiter> _conditionsNext = new();

    internal void AddCondition(Coroutine waiter, Func<bool> condition)
    {
        var node = new ConditionWaiter(this, waiter, condition);
        waiter.WaitingOn = node;
        _conditions.Add(node);
    }

    private void CheckConditions()
    {
        if (_conditions.Count == 0)
        {
            return;
        }
        var checking = _conditions;
        (_conditions, _conditionsNext) = (_conditionsNext, checking); // a condition that adds one adds it for the next pass
        foreach (var node in checking)
        {
            if (node.Coroutine is not { } waiter)
            {
                continue; // cancelled while it waited
            }
            if (waiter.Paused)
            {
                _conditions.Add(node); // not checked while paused
                continue;
            }
            if (node.Check())
            {
                node.Coroutine = null;
                Wake(waiter);
            }
            else
            {
                _conditions.Add(node);
            }
        }
        checking.Clear();
    }
}

/// <summary>A coroutine waiting in <see cref="Yield.WaitUntil"/>: its WaitingOn, and an entry of its scheduler's condition list.</summary>
internal sealed class ConditionWaiter : WaitTarget
{
    private readonly Func<bool> _condition;
    private ExceptionDispatchInfo? _error;

    public ConditionWaiter(Scheduler scheduler, Coroutine coroutine, Func<bool> condition)
    {
        Scheduler = scheduler;
        Coroutine = coroutine;
        _condition = condition;
    }

    public Scheduler Scheduler { get; }

    public Coroutine? Coroutine; // null once met or cancelled: the list drops it at the next check

    public int Checks { get; private set; }

    /// <summary>Evaluates the condition; one that throws counts as met, and the waiter rethrows it.</summary>
    public bool Check()
    {
        Checks++;
        try
        {
            return _condition();
        }
        catch (Exception exception)
        {
            _error = ExceptionDispatchInfo.Capture(exception);
            return true;
        }
    }

    public void ThrowIfFailed() => _error?.Throw();

    internal override void Detach(Coroutine waiter)
    {
        if (Coroutine == waiter)
        {
            Coroutine = null;
        }
    }

    public override string ToString() => $"a condition (Yield.WaitUntil, checked {Checks} times)";
}
