using System;

namespace Coroutines;

/// <summary>
/// A coroutine in <see cref="Yield.Select"/>: waits on every case at once; the first to happen wins
/// and every other case is withdrawn at that moment, so nothing else is taken for it. It is the
/// coroutine's WaitingOn until the select resumes.
/// </summary>
internal sealed partial class SelectOperation : WaitTarget, IFinishListener
{
    private SelectCase[] _cases;
    private bool _wonClosed;

    private SelectOperation(Scheduler scheduler, Coroutine waiter, SelectCase[] cases)
    {
        Scheduler = scheduler;
        Waiter = waiter;
        _cases = cases;
    }

    public Scheduler Scheduler { get; private set; }

    public Coroutine Waiter { get; private set; }

    /// <summary>The index of the case that won, or -1.</summary>
    public int Winner { get; private set; } = -1;

    public static Suspension Begin(Scheduler scheduler, Coroutine waiter, SelectCase[] cases)
    {
        Validate(cases);
        foreach (var selectCase in cases)
        {
            selectCase.Prepare(scheduler, waiter);
        }
        var select = new SelectOperation(scheduler, waiter, cases);
        waiter.WaitingOn = select;
        // Several ready at once: the first in argument order wins (documented; Go picks at random).
        for (var i = 0; i < cases.Length; i++)
        {
            if (cases[i].IsReady)
            {
                select.Winner = i;
                return Suspension.ContinueSuspension;
            }
        }
        for (var i = 0; i < cases.Length; i++)
        {
            cases[i].Register(select, i);
        }
        return Suspension.WaitSuspension;
    }

    public static void Validate(SelectCase[] cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        if (cases.Length == 0)
        {
            throw new ArgumentException("Yield.Select needs at least one case.", nameof(cases));
        }
        for (var i = 0; i < cases.Length; i++)
        {
            if (cases[i] is null)
            {
                throw new ArgumentNullException(nameof(cases), $"cases[{i}] is null.");
            }
        }
    }

    /// <summary>The running coroutine resumes from its select: completes the winning case and returns its index.</summary>
    public static int End(SelectCase[] cases)
    {
        var waiter = Scheduler.RunningCoroutine("Yield.Select");
        // The generated code passes the same cases again (a new params array): compare them, not the array.
        if (waiter.WaitingOn is not SelectOperation select || !select.HasCases(cases) || select.Winner < 0 || select.Winner >= cases.Length)
        {
            throw new InvalidOperationException($"Coroutine '{waiter.Name}' has no finished select to read: SelectResult must follow its Select.");
        }
        waiter.WaitingOn = null;
        cases[select.Winner].Complete(select._wonClosed);
        return select.Winner;
    }

    private bool HasCases(SelectCase[] cases) => cases.AsSpan().SequenceEqual(_cases);

    /// <summary>
    /// Case <paramref name="index"/> happened (with <paramref name="closed"/>: its channel was closed
    /// while it waited): it wins, the others are withdrawn, the coroutine wakes.
    /// </summary>
    public void Won(int index, bool closed = false)
    {
        if (Winner >= 0)
        {
            return;
        }
        Winner = index;
        _wonClosed = closed;
        for (var i = 0; i < _cases.Length; i++)
        {
            if (i != index)
            {
                _cases[i].Withdraw();
            }
        }
        Scheduler.Wake(Waiter);
    }

    public void OnFinished(Coroutine finished)
    {
        for (var i = 0; i < _cases.Length; i++)
        {
            if (_cases[i] is EndCase end && end.Coroutine == finished)
            {
                Won(i);
                return;
            }
        }
    }

    internal override void Detach(Coroutine waiter)
    {
        if (Winner < 0)
        {
            Winner = int.MaxValue; // withdrawn: nothing may win any more
            foreach (var selectCase in _cases)
            {
                selectCase.Withdraw();
            }
            return;
        }
        if (Winner < _cases.Length)
        {
            _cases[Winner].GiveBack(_wonClosed);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"select of {string.Join(", ", Array.ConvertAll(_cases, static c => c.ToString()))}";
}
