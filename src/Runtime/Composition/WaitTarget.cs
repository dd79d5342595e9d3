namespace Coroutines;

/// <summary>
/// Something a coroutine can wait for other than a single coroutine (a group of coroutines, a
/// channel operation, a task): it is the coroutine's <c>WaitingOn</c>, and learns when the wait is cancelled.
/// </summary>
internal abstract class WaitTarget
{
    /// <summary>
    /// The waiting coroutine was cancelled: stop waiting for it, give back anything already
    /// handed to it, and cancel what it waited for if that belongs to it.
    /// </summary>
    internal abstract void Detach(Coroutine waiter);

    /// <summary>
    /// The waiting coroutine is being cancelled: a target that must see its own work end first (a
    /// scope waits for its children's <c>finally</c> blocks) cancels that work and returns true; the
    /// waiter then keeps waiting, and resumes with the cancellation when the target wakes it.
    /// </summary>
    internal virtual bool CancelAndKeepWaiting(Coroutine waiter) => false;

    /// <summary>
    /// What the waiter waits for, in a few words, for the live dump and the stuck report
    /// (<see cref="Scheduler.Describe"/>): every kind of wait says it in its own terms
    /// (by default its <see cref="object.ToString"/>).
    /// </summary>
    internal virtual string Describe() => ToString() ?? GetType().Name;

    /// <summary>
    /// The object whose snapshot writes this wait, with the waiter's place in it (a channel
    /// writes its line of senders and receivers), or null if a snapshot cannot hold this wait.
    /// </summary>
    internal virtual object? SavedBy => null;

    /// <summary>True for a receiver handed an item it has not read yet (it is ready, out of line).</summary>
    internal virtual bool SavedOutOfLine => false;
}

/// <summary>Something told when a coroutine it listens to finishes (an AwaitGroup, a Scope, a Select).</summary>
internal interface IFinishListener
{
    void OnFinished(Coroutine finished);
}
