using System;
using System.ComponentModel;

namespace Coroutines;

/// <summary>
/// A flag coroutines wait for, like Python's <c>asyncio.Event</c> (a manual-reset event):
/// <see cref="Set"/> wakes every waiter, in the order they came, and lets later waits through until
/// <see cref="Reset"/>. A coroutine cancelled while it waits leaves the line; no wake-up is lost:
/// every coroutine waiting when the event is set resumes, even if it is reset before they run.
/// </summary>
public sealed partial class Event : IWaitLineOwner
{
    private readonly WaitLine _line;

    /// <summary>Creates an event, not set unless <paramref name="set"/>.</summary>
    public Event(bool set = false, string? name = null)
    {
        IsSet = set;
        Name = name;
        _line = new WaitLine(this);
    }

    /// <summary>The name in descriptions (stuck reports), or null.</summary>
    public string? Name { get; }

    /// <summary>True between <see cref="Set"/> and <see cref="Reset"/>.</summary>
    public bool IsSet { get; private set; }

    /// <summary>Coroutines waiting for it.</summary>
    public int WaitingCount => _line.Count;

    /// <summary>Sets the event: every waiting coroutine resumes, and waits go through until <see cref="Reset"/>.</summary>
    public void Set()
    {
        IsSet = true;
        _line.GrantAll();
    }

    /// <summary>Clears the event: later waits wait again.</summary>
    public void Reset() => IsSet = false;

    /// <summary>
    /// Waits until the event is set (at once if it is). Called outside a coroutine it cannot wait:
    /// an event not set throws.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called outside a coroutine while the event is not set.</exception>
    [SuspensionPoint(nameof(BeginWait), Result = nameof(EndWait))]
    public void Wait()
    {
        if (!IsSet)
        {
            throw new InvalidOperationException(
                $"{Describe()} is not set and Wait was called outside a coroutine, where it cannot wait. Call it inside a [Coroutine] method.");
        }
    }

    /// <summary>What <see cref="Wait"/> becomes in a state machine.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Suspension BeginWait()
    {
        var coroutine = Scheduler.RunningCoroutine("Event.Wait");
        return IsSet ? _line.GrantNow(coroutine) : _line.Enqueue(coroutine);
    }

    /// <summary>The outcome of <see cref="Wait"/> in a state machine.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void EndWait() => _line.End("Event.EndWait");

    void IWaitLineOwner.GiveBack()
    {
        // A wake-up is not a resource: the others were woken too.
    }

    /// <inheritdoc cref="IWaitLineOwner.Describe"/>
    public string Describe() =>
        $"event{(Name is null ? "" : $" '{Name}'")} ({(IsSet ? "set" : "not set")}{(_line.Count > 0 ? $", {_line.Count} waiting" : "")})";

    /// <inheritdoc/>
    public override string ToString() => Describe();
}
