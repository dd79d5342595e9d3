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
    /// What the waiter waits for, in a few words, for the live dump and the stuck report
    /// (<see cref="Scheduler.Describe"/>): every kind of wait says it in its own terms.
    /// </summary>
    internal abstract string Describe();
}
