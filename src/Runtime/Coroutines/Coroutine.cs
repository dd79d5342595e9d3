using System;
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
public abstract class Coroutine
{
    // The object is kept small (W3 in docs/benchmarks.md: at most 64 B per suspended coroutine,
    // queue entry included): one reference and three bytes. _link is null before Spawn, then the
    // Scheduler, or a CoroutineExtras holding the scheduler and everything rarely used (a name set
    // by hand, the fault, a pending cancellation), allocated the first time one is needed.
    private object? _link;
    private byte _status;
    private byte _flags;
    private byte _timerGeneration;

    private const byte CancelRequestedFlag = 1;   // sticky: an OperationCanceledException leaving the body means Canceled
    private const byte CancelUndeliveredFlag = 2; // cancelled while running: act on it at the next suspension
    private const byte StartedFlag = 4;           // its first step has begun
    private const byte PendingFlag = 8;           // CoroutineExtras.Pending holds an exception for ThrowPending

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

    /// <summary>The scheduler it was spawned on, or null.</summary>
    internal Scheduler? Scheduler => _link as Scheduler ?? (_link as CoroutineExtras)?.Scheduler;

    internal void AttachTo(Scheduler scheduler)
    {
        if (_link is CoroutineExtras extras)
        {
            extras.Scheduler = scheduler;
        }
        else
        {
            _link = scheduler;
        }
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
        set => SetFlag(CancelRequestedFlag, value);
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
        _flags |= StartedFlag;
    }

    /// <summary>
    /// Tells this coroutine's live timer entry from stale ones (left behind when a sleeping
    /// coroutine that observes cancellation was cancelled and then slept again): 4 bits.
    /// </summary>
    internal int TimerGeneration => _timerGeneration;

    /// <summary>Moves to the next timer generation; true when it wrapped around to 0.</summary>
    internal bool NextTimerGeneration()
    {
        _timerGeneration = (byte)((_timerGeneration + 1) & TimerQueue.GenerationMask);
        return _timerGeneration == 0;
    }

    private void SetFlag(byte flag, bool value) => _flags = value ? (byte)(_flags | flag) : (byte)(_flags & ~flag);

    private CoroutineExtras Extras()
    {
        if (_link is CoroutineExtras extras)
        {
            return extras;
        }
        extras = new CoroutineExtras { Scheduler = _link as Scheduler };
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
        _flags &= unchecked((byte)~PendingFlag);
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
    protected static bool Hoist<T>(out T field, T value)
    {
        field = value;
        return true;
    }

    /// <summary>
    /// Rethrows the exception a lowered <c>try</c> held while its suspending <c>finally</c> (or
    /// catch handler) ran, keeping its original stack trace; clears the field first. Does nothing if it is null.
    /// </summary>
    protected static void RethrowPending(ref Exception? pending)
    {
        var exception = pending;
        if (exception is not null)
        {
            pending = null;
            ExceptionDispatchInfo.Throw(exception);
        }
    }

    /// <summary>Rethrows <paramref name="exception"/> keeping its stack trace: what <c>throw;</c> does in a catch.</summary>
    protected static void Rethrow(Exception exception) => ExceptionDispatchInfo.Throw(exception);

    /// <summary>
    /// Disposes a resource the way <c>using</c> and <c>foreach</c> do: skips null, and calls a
    /// struct's <c>Dispose</c> in place (no boxed copy).
    /// </summary>
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
                    $"Coroutine '{Name}' has not finished (status {Status}). Read its result after Run() returns or once IsFinished is true.");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Status})";

    internal bool FaultObserved => (_link as CoroutineExtras)?.FaultObserved ?? false;

    internal Exception? FaultException => (_link as CoroutineExtras)?.Exception;

    internal void DeliverCancellation()
    {
        Extras().Pending = new OperationCanceledException($"Coroutine '{Name}' was canceled.");
        _flags |= PendingFlag;
    }

    internal void Finish(CoroutineStatus status, Exception? exception)
    {
        _status = (byte)status;
        _flags &= unchecked((byte)~PendingFlag);
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
    public Scheduler? Scheduler;
    public string? Name;
    public Exception? Exception;   // the fault, or the OperationCanceledException it ended Canceled with
    public Exception? Pending;     // delivered to the next ThrowPending
    public bool FaultObserved;
}
