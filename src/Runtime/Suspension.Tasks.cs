using System;
using System.ComponentModel;
using System.Threading.Tasks;

namespace Coroutines;

// The factories and results of Yield.Await for tasks: the coroutine suspends until the task
// completes (its continuation posts the resume to the loop), then reads its outcome.
public readonly partial struct Suspension
{
    /// <summary>What <see cref="Yield.Await(Task)"/> becomes: wait until <paramref name="task"/> completes.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is null.</exception>
    /// <exception cref="InvalidOperationException">No coroutine step is running.</exception>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Suspension Await(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (TaskWaitFor(task.IsCompleted, out var waiter) is not { } wait)
        {
            return ContinueSuspension;
        }
        wait.Start(waiter, task);
        return WaitSuspension;
    }

    /// <summary>What <see cref="Yield.Await(ValueTask)"/> becomes: wait until <paramref name="task"/> completes.</summary>
    /// <exception cref="InvalidOperationException">No coroutine step is running.</exception>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Suspension Await(ValueTask task)
    {
        if (TaskWaitFor(task.IsCompleted, out var waiter) is not { } wait)
        {
            return ContinueSuspension;
        }
        wait.Start(waiter, task);
        return WaitSuspension;
    }

    /// <summary>What <see cref="Yield.Await{T}(ValueTask{T})"/> becomes: wait until <paramref name="task"/> completes.</summary>
    /// <exception cref="InvalidOperationException">No coroutine step is running.</exception>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Suspension Await<T>(ValueTask<T> task)
    {
        if (TaskWaitFor(task.IsCompleted, out var waiter) is not { } wait)
        {
            return ContinueSuspension;
        }
        wait.Start(waiter, task);
        return WaitSuspension;
    }

    // The running coroutine, and a pooled wait for it unless the task has already completed.
    private static TaskWait? TaskWaitFor(bool completed, out Coroutine waiter)
    {
        waiter = Scheduler.RunningCoroutine("Yield.Await");
        return completed ? null : Scheduler.CurrentLoop.RentTaskWait();
    }

    /// <summary>The outcome of <see cref="Yield.Await(Task)"/>: rethrows the task's exception (original stack kept) or <see cref="OperationCanceledException"/>.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void AwaitResult(Task task) => task.GetAwaiter().GetResult();

    /// <summary>The outcome of <see cref="Yield.Await{T}(Task{T})"/>: the task's result, or its exception.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static T AwaitResult<T>(Task<T> task) => task.GetAwaiter().GetResult();

    /// <summary>The outcome of <see cref="Yield.Await(ValueTask)"/>: rethrows the task's exception.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void AwaitResult(ValueTask task) => task.GetAwaiter().GetResult();

    /// <summary>The outcome of <see cref="Yield.Await{T}(ValueTask{T})"/>: the task's result, or its exception.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static T AwaitResult<T>(ValueTask<T> task) => task.GetAwaiter().GetResult();
}
