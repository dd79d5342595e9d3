using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;

namespace Coroutines;

/// <summary>
/// A structured-concurrency scope (Trio's nursery, Kotlin's <c>coroutineScope</c>): the body of
/// <see cref="Yield.Scope(Coroutine)"/> and every coroutine spawned inside it, at any depth, are its
/// members. The parent waits until every member has ended. A member's fault cancels every other
/// member; cancelling the parent cancels them all, and the parent resumes only after they have
/// unwound. It is the parent's WaitingOn while it waits, and describes itself.
/// </summary>
internal sealed partial class Scope : WaitTarget, IFinishListener
{
    private Scheduler _scheduler; // set after construction only by a restore (Scope.Snapshots.cs)
    private readonly Coroutine? _parent; // null for a scope run outside a coroutine (Yield.Scope called directly)
    private readonly List<Coroutine> _members = new();
    private List<Exception>? _faults;
    private int _live;

    private Scope(Scheduler scheduler, Coroutine? parent, Coroutine body)
    {
        _scheduler = scheduler;
        _parent = parent;
        Body = body;
    }

    public Coroutine Body { get; }

    /// <summary>Opens a scope for <paramref name="parent"/>: <paramref name="body"/> (not yet spawned) inherits its tags, joins and starts.</summary>
    public static Scope Open(Scheduler scheduler, Coroutine parent, Coroutine body)
    {
        var scope = new Scope(scheduler, parent, body);
        scheduler.SpawnFrom(body, parent, scope);
        return scope;
    }

    /// <summary>Makes <paramref name="body"/>, just spawned by a blocking call, a scope with no parent to wake.</summary>
    public static Scope Adopt(Scheduler scheduler, Coroutine body)
    {
        var scope = new Scope(scheduler, null, body);
        scope.Enter(body);
        return scope;
    }

    public bool IsDone => _live == 0;

    /// <summary>Makes <paramref name="member"/>, about to be spawned, a member.</summary>
    public void Enter(Coroutine member)
    {
        member.EnsureMembership().Scope = this;
        _members.Add(member);
        _live++;
        member.AddListener(this);
    }

    public void OnFinished(Coroutine member)
    {
        _live--;
        if (member.Status == CoroutineStatus.Faulted)
        {
            var fault = member.Exception!; // read: the scope observes it and rethrows it
            _faults ??= new();
            if (!_faults.Contains(fault))
            {
                _faults.Add(fault); // once, even if a member that awaited the faulted one rethrew it
            }
            CancelMembers();
        }
        if (_live == 0 && _parent is not null)
        {
            _scheduler.Wake(_parent);
        }
    }

    // The parent always resumes through ScopeResult, woken when the last member has ended (maybe
    // at once), so that the members' faults come first and its cancellation second: one that
    // arrives after a member faulted must not hide the fault.
    internal override bool CancelAndKeepWaiting(Coroutine waiter)
    {
        CancelMembers();
        return true;
    }

    internal override void Detach(Coroutine waiter) => CancelMembers();

    /// <summary>The scope's outcome, read by the parent once it resumes.</summary>
    public void ThrowIfFailed(Coroutine? parent)
    {
        if (_faults is { Count: 1 })
        {
            ExceptionDispatchInfo.Throw(_faults[0]);
        }
        if (_faults is { Count: > 1 })
        {
            throw new AggregateException($"{_faults.Count} coroutines of the scope of '{Body.Name}' faulted.", _faults);
        }
        if (parent is { CancelRequested: true })
        {
            throw new OperationCanceledException($"Coroutine '{parent.Name}' was canceled; its scope's coroutines have ended.");
        }
        Body.GetResult();
    }

    private void CancelMembers()
    {
        // A copy: cancelling may end members at once, and an ending member may not add more.
        foreach (var member in _members.ToArray())
        {
            if (!member.IsFinished)
            {
                member.Cancel();
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var running = _members.FindAll(static m => !m.IsFinished);
        return $"scope of '{Body.Name}' ({running.Count} of {_members.Count} running: {string.Join(", ", running.ConvertAll(static m => $"'{m.Name}'"))})";
    }
}
