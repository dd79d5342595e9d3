using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Coroutines;

/// <summary>
/// The base of every state machine a scheduler runs. <see cref="Step"/> runs the body up to its
/// next suspension and says what it now waits for; the scheduler calls it again when that is over.
/// </summary>
/// <remarks>
/// Cancellation contract: a coroutine whose <see cref="ObservesCancellation"/> is false (the
/// default) is simply dropped when cancelled while suspended, and so is any coroutine cancelled
/// before its first step (its body has not begun: there is nothing to unwind). One that returns true is instead
/// resumed once more with an <see cref="OperationCanceledException"/> pending: its step must call
/// <see cref="ThrowPending"/> right after each resume point, so the exception appears where the
/// body was suspended and its <c>catch</c>/<c>finally</c> blocks run. It ends
/// <see cref="CoroutineStatus.Canceled"/> when that exception leaves the body.
/// </remarks>
public abstract partial class Coroutine
{
    // The object is kept small (W3 in docs/benchmarks.md: at most 64 B per suspended coroutine,
    // queue entry included): one reference and three bytes. _link is null before Spawn, then its
    // owner (the Scheduler, or for a call frame the coroutine that called it: calls allocate
    // nothing but the callee), or a CoroutineExtras holding the owner and everything rarely used
    // (a name set by hand, the fault, a pending exception, what it awaits, who awaits it),
    // allocated the first time one is needed.
    private object? _link;
    private byte _status;
    private ushort _flags; // the *Flag bits below
    private byte _timerGeneration;

    private const ushort CancelRequestedFlag = 1;   // sticky: an OperationCanceledException leaving the body means Canceled
    private const ushort CancelUndeliveredFlag = 2; // cancelled while running: act on it at the next suspension
    private const ushort StartedFlag = 4;           // its first step has begun
    private const ushort PendingFlag = 8;           // CoroutineExtras.Pending holds an exception for ThrowPending
    private const ushort TimedOutFlag = 16;         // cancelled by Yield.WithTimeout's deadline
    private const ushort CallingFlag = 32;          // Waiting for the callee its last Suspension.Call started
    private const ushort ShieldedFlag = 64;         // Yield.Shield's body: cancellation waits until it ends
    private const ushort PausedFlag = 128;          // paused (Scheduler.Pause): wake-ups are kept, not acted on
    private const ushort TrackedFlag = 256;        // in the scheduler's list of waiters (Scheduler.Diagnostics.cs)

    /// <summary>A name for traces; by default the type's name.</summary>
    public string Name
    {
        get => (_link as CoroutineExtras)?.Name ?? DefaultName;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Extras().Name = value;
        }
    }

    /// <summary>The name used when none was set.</summary>
    protected virtual string DefaultName => GetType().Name;

    /// <summary>Where the coroutine is in its life.</summary>
    public CoroutineStatus Status
    {
        get => (CoroutineStatus)_status;
        internal set => _status = (byte)value;
    }

    /// <summary>True once it has completed, faulted or been cancelled.</summary>
    public bool IsFinished => _status >= (byte)CoroutineStatus.Completed;

    /// <summary>The exception that faulted it (as thrown, not wrapped), or null.</summary>
    public Exception? Exception
    {
        get
        {
            if (Status != CoroutineStatus.Faulted || _link is not CoroutineExtras extras)
            {
                return null; // reading it before the fault must not count as observing the fault
            }
            extras.FaultObserved = true;
            return extras.Exception;
        }
    }

    /// <summary>
    /// True if cancelling this coroutine while it is suspended should resume it with an
    /// <see cref="OperationCanceledException"/> at its suspension point instead of dropping it.
    /// </summary>
    protected virtual bool ObservesCancellation => false;

    /// <summary>Runs the body up to its next suspension and returns what it now waits for.</summary>
    protected abstract Suspension Step();

    internal Suspension RunStep() => Step();

    // Scheduler bookkeeping.

    /// <summary>The scheduler it was spawned on (for a call frame, its root caller's), or null.</summary>
    internal Scheduler? Scheduler
    {
        get
        {
            var owner = Owner;
            while (owner is Coroutine caller)
            {
                owner = caller.Owner;
            }
            return owner as Scheduler;
        }
    }

    /// <summary>The Scheduler it was spawned on, the Coroutine that called it, or null.</summary>
    private object? Owner => _link is CoroutineExtras extras ? extras.Owner : _link;

    /// <summary>For a call frame, the coroutine that called it (and resumes when it ends); otherwise null.</summary>
    internal Coroutine? Caller => Owner as Coroutine;

    /// <summary>True once it was spawned or called: it belongs to a scheduler.</summary>
    internal bool IsAttached => Owner is not null;

    /// <summary>Gives it its owner: the scheduler it is spawned on, or the coroutine that calls it.</summary>
    internal void AttachTo(object owner)
    {
        if (_link is CoroutineExtras extras)
        {
            extras.Owner = owner;
        }
        else
        {
            _link = owner;
        }
    }

    /// <summary>
    /// What it awaits while <see cref="CoroutineStatus.Waiting"/> (not a callee): a coroutine or a
    /// <see cref="WaitTarget"/>; a channel receive keeps its waiter here until it reads its item.
    /// </summary>
    internal object? WaitingOn
    {
        get => (_link as CoroutineExtras)?.WaitingOn;
        set
        {
            if (value is not null || _link is CoroutineExtras)
            {
                Extras().WaitingOn = value;
            }
        }
    }

    /// <summary>True while it waits for a callee (see <see cref="Callee"/>).</summary>
    internal bool Calling
    {
        get => (_flags & CallingFlag) != 0;
        set => SetFlag(CallingFlag, value);
    }

    /// <summary>
    /// The coroutine it is calling right now: the one its last <see cref="Suspension.Call"/>
    /// started, while that runs. A state machine that makes calls overrides this (the generated
    /// ones do), so that cancelling it reaches the callee at once; otherwise the cancellation
    /// reaches it only when the callee returns.
    /// </summary>
    protected virtual Coroutine? Callee => null;

    // A call a suspension point made (Yield.WithTimeout's body) is not known to the generated Callee.
    internal Coroutine? CurrentCallee => Callee ?? Membership?.Callee;

    internal bool TrackedAsWaiter
    {
        get => (_flags & TrackedFlag) != 0;
        set => SetFlag(TrackedFlag, value);
    }

    internal bool TimedOut
    {
        get => (_flags & TimedOutFlag) != 0;
        set => SetFlag(TimedOutFlag, value);
    }

    /// <summary>Adds something to tell when it finishes: a waiting coroutine, an <see cref="AwaitGroup"/> or a timeout's timer.</summary>
    internal void AddListener(object listener)
    {
        var extras = Extras();
        switch (extras.Listeners)
        {
            case null:
                extras.Listeners = listener;
                break;
            case List<object> list:
                list.Add(listener);
                break;
            default:
                extras.Listeners = new List<object> { extras.Listeners, listener };
                break;
        }
    }

    internal void RemoveListener(object listener)
    {
        if (_link is not CoroutineExtras extras)
        {
            return;
        }
        if (extras.Listeners == listener)
        {
            extras.Listeners = null;
        }
        else if (extras.Listeners is List<object> list)
        {
            list.Remove(listener);
        }
    }

    /// <summary>Takes the listeners (one object, a list, or null) to tell them it finished.</summary>
    internal object? TakeListeners()
    {
        if (_link is not CoroutineExtras extras)
        {
            return null;
        }
        var listeners = extras.Listeners;
        extras.Listeners = null;
        return listeners;
    }

    /// <summary>The raw status, for the scheduler's hot path.</summary>
    internal byte RawStatus
    {
        get => _status;
        set => _status = value;
    }

    internal bool CancelRequested
    {
        get => (_flags & CancelRequestedFlag) != 0;
        set
        {
            SetFlag(CancelRequestedFlag, value);
            if (value)
            {
                CancelToken();
            }
        }
    }

    internal bool CancelUndelivered
    {
        get => (_flags & CancelUndeliveredFlag) != 0;
        set => SetFlag(CancelUndeliveredFlag, value);
    }

    internal bool Started => (_flags & StartedFlag) != 0;

    /// <summary>Marks the start of a step: Running, and started.</summary>
    internal void BeginStep()
    {
        _status = (byte)CoroutineStatus.Running;
        if ((_flags & StartedFlag) == 0)
        {
            _flags |= StartedFlag; // the first step only: a test, not a store, on every later one
        }
    }

    /// <summary>
    /// Tells this coroutine's live timer entry from stale ones (left behind when a sleeping
    /// coroutine that observes cancellation was cancelled and then slept again): 4 bits.
    /// </summary>
    internal int TimerGeneration => _timerGeneration;

    /// <summary>Moves to the next timer generation; true when it wrapped around to 0.</summary>
    internal bool NextTimerGeneration()
    {
        _timerGeneration = (byte)((_timerGeneration + 1) & TimerQueue.TagMask);
        return _timerGeneration == 0;
    }

    internal bool Shielded
    {
        get => (_flags & ShieldedFlag) != 0;
        set => SetFlag(ShieldedFlag, value);
    }

    internal bool Paused
    {
        get => (_flags & PausedFlag) != 0;
        set => SetFlag(PausedFlag, value);
    }

    /// <summary>Its tags, scope and pause state, or null when it has none.</summary>
    internal CoroutineMembership? Membership => (_link as CoroutineExtras)?.Membership;

    internal CoroutineMembership EnsureMembership() => Extras().Membership ??= new CoroutineMembership();

    private void SetFlag(ushort flag, bool value) => _flags = value ? (ushort)(_flags | flag) : (ushort)(_flags & ~flag);

    private CoroutineExtras Extras()
    {
        if (_link is CoroutineExtras extras)
        {
            return extras;
        }
        extras = new CoroutineExtras { Owner = _link };
        _link = extras;
        return extras;
    }

    internal bool DeliversCancellation => ObservesCancellation;

    /// <summary>
    /// Throws the exception delivered to this resume point (a cancellation), if any. A generated
    /// step calls it right after each resume label, inside every enclosing <c>try</c>.
    /// </summary>
    protected void ThrowPending()
    {
        if ((_flags & PendingFlag) != 0)
        {
            ThrowPendingSlow();
        }
    }

    private void ThrowPendingSlow()
    {
        _flags &= unchecked((ushort)~PendingFlag);
        var extras = (CoroutineExtras)_link!;
        var pending = extras.Pending!;
        extras.Pending = null;
        throw pending;
    }

    /// <summary>
    /// Stores <paramref name="value"/> in <paramref name="field"/> and returns true: lets a
    /// generated condition keep a pattern variable (<c>x is T t</c>) in a field, which a pattern
    /// cannot declare directly.
    /// </summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static bool Hoist<T>(out T field, T value)
    {
        field = value;
        return true;
    }

    /// <summary>
    /// Reads back a value of an anonymous type that a field keeps as <see cref="object"/> (a field
    /// cannot name an anonymous type): <typeparamref name="T"/> is inferred from
    /// <paramref name="shape"/>, an expression the generated code never evaluates
    /// (<c>false ? new { A = default(int) } : null!</c>) whose anonymous type is the value's own,
    /// since C# gives one type to every anonymous object creation of an assembly with the same
    /// member names, types and order.
    /// </summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static T AsAnonymous<T>(object? field, T shape) => (T)field!;

    /// <summary>
    /// The variable of a local of an anonymous type (or of a type that holds one) that C# uses as a
    /// variable, not only reads and assigns: passed by <c>ref</c> or <c>out</c>, assigned by <c>??=</c>
    /// or a deconstruction, an <c>out var</c> or pattern variable. Its <see cref="object"/> field holds a
    /// <see cref="StrongBox{T}"/>, made on first use, whose <see cref="StrongBox{T}.Value"/> is that
    /// variable; <typeparamref name="T"/> is inferred from <paramref name="shape"/> as for <see cref="AsAnonymous{T}"/>.
    /// </summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static ref T AsAnonymousVariable<T>(ref object? field, T shape) =>
        ref ((StrongBox<T>)(field ??= new StrongBox<T>())).Value!;

    /// <summary>
    /// A deconstruction target that calls a setter when assigned: the state machine cannot say
    /// <c>base</c>, so <c>(base[i], x) = ...</c> assigns <c>new BaseIndexerTarget&lt;T&gt;(set).Value</c>,
    /// <c>set</c> a lambda of the user's class over the indexes evaluated when the target is made,
    /// as C# evaluates a target's indexes before the right side and calls the setter in order after it.
    /// Only generated code makes one.
    /// </summary>
    /// <typeparam name="T">The indexer's type.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected sealed class BaseIndexerTarget<T>
    {
        private readonly Action<T> _set;

        /// <summary>A target whose assignment calls <paramref name="set"/>.</summary>
        /// <param name="set">Stores the value through the base indexer.</param>
        public BaseIndexerTarget(Action<T> set) => _set = set;

        /// <summary>Assigned by the deconstruction: calls the setter.</summary>
        public T Value
        {
            set => _set(value);
        }
    }

    /// <summary>
    /// Rethrows the exception a lowered <c>try</c> held while its suspending <c>finally</c> (or
    /// catch handler) ran, keeping its original stack trace; clears the field first. Does nothing if it is null.
    /// </summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static void RethrowPending(ref Exception? pending)
    {
        var exception = pending;
        if (exception is not null)
        {
            pending = null;
            ExceptionDispatchInfo.Throw(exception);
        }
    }

    /// <summary>
    /// Rethrows <paramref name="exception"/> keeping its stack trace: what <c>throw;</c> does in a
    /// catch. Never returns; declared to return the exception so generated code can write
    /// <c>throw Rethrow(e);</c>, which the compiler knows ends the path (a <c>throw;</c> may be
    /// the last statement of a method that returns a value).
    /// </summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static Exception Rethrow(Exception exception)
    {
        ExceptionDispatchInfo.Throw(exception);
        return exception;
    }

    /// <summary>
    /// Disposes a resource the way <c>using</c> and <c>foreach</c> do: skips null, and calls a
    /// struct's <c>Dispose</c> in place (no boxed copy).
    /// </summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static void Dispose<T>(ref T resource)
        where T : IDisposable?
    {
        if (resource is not null)
        {
            resource.Dispose();
        }
    }

    /// <summary>
    /// Cancels the coroutine. Not yet started (not spawned, or spawned but its first step has not
    /// run): it ends <see cref="CoroutineStatus.Canceled"/> without running. Suspended: the same
    /// (or, if it observes cancellation, it resumes once with an <see cref="OperationCanceledException"/>).
    /// Running (it cancels itself): the same happens at its next suspension. Finished: nothing happens.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called from another thread while its scheduler runs.</exception>
    public void Cancel()
    {
        if (IsFinished)
        {
            return;
        }
        var scheduler = Scheduler;
        if (scheduler is null)
        {
            Status = CoroutineStatus.Canceled;
            return;
        }
        scheduler.Cancel(this);
    }

    /// <summary>Rethrows the fault (with its original stack trace), or throws if it did not complete.</summary>
    /// <exception cref="InvalidOperationException">The coroutine has not finished.</exception>
    /// <exception cref="OperationCanceledException">The coroutine was cancelled.</exception>
    public void GetResult()
    {
        switch (Status)
        {
            case CoroutineStatus.Completed:
                return;
            case CoroutineStatus.Faulted:
                var extras = (CoroutineExtras)_link!;
                extras.FaultObserved = true;
                ExceptionDispatchInfo.Throw(extras.Exception!);
                return;
            case CoroutineStatus.Canceled:
                throw (_link as CoroutineExtras)?.Exception as OperationCanceledException
                    ?? new OperationCanceledException($"Coroutine '{Name}' was canceled.");
            default:
                throw new InvalidOperationException(
                    $"Coroutine '{Name}' has not finished (status {Status}). Read its result once IsFinished is true (Run() returns when every coroutine has ended, and throws naming those that never can); scheduler.Describe() shows what it is waiting for.");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Status})";

    /// <summary>A deadline set by <see cref="Yield.WithTimeout(int, Coroutine)"/> passed: cancel it, marked as timed out.</summary>
    internal void Expire()
    {
        if (!IsFinished)
        {
            TimedOut = true;
            Cancel();
        }
    }

    /// <summary>The OperationCanceledException it ended Canceled with, if one left its body.</summary>
    internal OperationCanceledException? CancellationException =>
        Status == CoroutineStatus.Canceled ? (_link as CoroutineExtras)?.Exception as OperationCanceledException : null;

    internal bool FaultObserved => (_link as CoroutineExtras)?.FaultObserved ?? false;

    internal Exception? FaultException => (_link as CoroutineExtras)?.Exception;

    internal void DeliverCancellation() =>
        DeliverPending(new OperationCanceledException(TimedOut ? $"Coroutine '{Name}' timed out." : $"Coroutine '{Name}' was canceled."));

    /// <summary>Makes the next <see cref="ThrowPending"/> throw <paramref name="exception"/> (a closed channel, a cancellation).</summary>
    internal void DeliverPending(Exception exception)
    {
        Extras().Pending = exception;
        _flags |= PendingFlag;
    }

    internal bool HasPending => (_flags & PendingFlag) != 0;

    internal void Finish(CoroutineStatus status, Exception? exception)
    {
        _status = (byte)status;
        _flags &= unchecked((ushort)~CallingFlag);
        if (_link is CoroutineExtras finished)
        {
            finished.WaitingOn = null;
        }
        _flags &= unchecked((ushort)~PendingFlag);
        if (exception is not null)
        {
            var extras = Extras();
            extras.Exception = exception;
            extras.Pending = null;
        }
        else if (_link is CoroutineExtras extras)
        {
            extras.Exception = null;
            extras.Pending = null;
        }
    }
}

/// <summary>What a coroutine rarely needs, kept out of the coroutine object until it does.</summary>
internal sealed class CoroutineExtras
{
    public object? Owner;          // the Scheduler, or the calling Coroutine of a call frame
    public object? Listeners;      // who to tell when it finishes: one object or a List<object>
    public object? WaitingOn;      // what it awaits: a coroutine or a WaitTarget
    public string? Name;
    public Exception? Exception;   // the fault, or the OperationCanceledException it ended Canceled with
    public Exception? Pending;     // delivered to the next ThrowPending
    public System.Threading.CancellationTokenSource? TokenSource; // its CancellationToken's, once asked for
    public bool FaultObserved;
    public CoroutineMembership? Membership; // tags, scope, pause: see CoroutineMembership.cs
}
