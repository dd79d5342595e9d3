using System;
using System.Threading;
using System.Threading.Tasks;

namespace Coroutines;

// Waiting for tasks. Inside a [Coroutine] method, Await(task) is a suspension point: the
// coroutine suspends and the loop runs others until the task completes, on any thread. Called
// directly, it blocks the thread until the task completes.
public static partial class Yield
{
    /// <summary>
    /// Waits until <paramref name="task"/> completes; rethrows its exception with its original
    /// stack trace, or <see cref="OperationCanceledException"/> if it was canceled. Cancelling the
    /// waiting coroutine stops the wait (the task itself goes on unless it was given
    /// <see cref="CancellationToken"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is null.</exception>
    [SuspensionPoint(nameof(Suspension.Await), Result = nameof(Suspension.AwaitResult))]
    public static void Await(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.GetAwaiter().GetResult();
    }

    /// <summary>Waits until <paramref name="task"/> completes and returns its result (see <see cref="Await(Task)"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is null.</exception>
    [SuspensionPoint(nameof(Suspension.Await), Result = nameof(Suspension.AwaitResult))]
    public static T Await<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="Await(Task)"/>
    [SuspensionPoint(nameof(Suspension.Await), Result = nameof(Suspension.AwaitResult))]
    public static void Await(ValueTask task) => task.GetAwaiter().GetResult();

    /// <inheritdoc cref="Await{T}(Task{T})"/>
    [SuspensionPoint(nameof(Suspension.Await), Result = nameof(Suspension.AwaitResult))]
    public static T Await<T>(ValueTask<T> task) => task.GetAwaiter().GetResult();

    /// <summary>
    /// The running coroutine's <see cref="Coroutine.CancellationToken"/>: cancelled when it is
    /// cancelled. Outside a coroutine, <see cref="CancellationToken.None"/>.
    /// </summary>
    public static CancellationToken CancellationToken =>
        Scheduler.RunningCoroutineOrNull is { } running && Scheduler.Current is not null ? running.CancellationToken : CancellationToken.None;
}
