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
    private string? _name;
    private Exception? _exception;
    private Exception? _pending;
    private bool _faultObserved;

    // Scheduler bookkeeping. The ticket identifies this coroutine's one live queue entry: entries
    // carrying an older ticket are stale (lazy deletion after Cancel).
    internal Scheduler? Scheduler;
    internal long Ticket;
    internal bool CancelRequested;   // sticky: an OperationCanceledException leaving the body means Canceled
    internal bool CancelUndelivered; // cancelled while running: act on it at the next suspension
    internal bool Started;           // its first step has begun

    /// <summary>A name for traces; by default the type's name.</summary>
    public string Name
    {
        get => _name ??= DefaultName;
        set => _name = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The name used when none was set.</summary>
    protected virtual string DefaultName => GetType().Name;

    /// <summary>Where the coroutine is in its life.</summary>
    public CoroutineStatus Status { get; internal set; }

    /// <summary>True once it has completed, faulted or been cancelled.</summary>
    public bool IsFinished => Status >= CoroutineStatus.Completed;

    /// <summary>The exception that faulted it (as thrown, not wrapped), or null.</summary>
    public Exception? Exception
    {
        get
        {
            if (Status != CoroutineStatus.Faulted)
            {
                return null; // reading it before the fault must not count as observing the fault
            }
            _faultObserved = true;
            return _exception;
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

    internal bool DeliversCancellation => ObservesCancellation;

    /// <summary>
    /// Throws the exception delivered to this resume point (a cancellation), if any. A generated
    /// step calls it right after each resume label, inside every enclosing <c>try</c>.
    /// </summary>
    protected void ThrowPending()
    {
        var pending = _pending;
        if (pending is not null)
        {
            _pending = null;
            throw pending;
        }
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
        if (Scheduler is null)
        {
            Status = CoroutineStatus.Canceled;
            return;
        }
        Scheduler.Cancel(this);
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
                _faultObserved = true;
                ExceptionDispatchInfo.Throw(_exception!);
                return;
            case CoroutineStatus.Canceled:
                throw _exception as OperationCanceledException
                    ?? new OperationCanceledException($"Coroutine '{Name}' was canceled.");
            default:
                throw new InvalidOperationException(
                    $"Coroutine '{Name}' has not finished (status {Status}). Read its result after Run() returns or once IsFinished is true.");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Status})";

    internal bool FaultObserved => _faultObserved;

    internal Exception? FaultException => _exception;

    internal void DeliverCancellation() => _pending = new OperationCanceledException($"Coroutine '{Name}' was canceled.");

    internal void Finish(CoroutineStatus status, Exception? exception)
    {
        Status = status;
        _exception = exception;
        _pending = null;
    }
}
