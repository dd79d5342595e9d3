using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Coroutines;

/// <summary>
/// A coroutine waiting for a <see cref="Task"/> or <see cref="ValueTask"/>. The task's
/// continuation (run on whatever thread completes it) only posts this object to the scheduler;
/// the loop's thread then resumes the waiter. Pooled by the scheduler with its continuation
/// delegate, so a wait allocates nothing beyond what the task itself does.
/// </summary>
internal sealed class TaskWait : WaitTarget
{
    private readonly Scheduler _scheduler;
    private readonly Action _onCompleted;
    private Coroutine? _waiter; // null once the wait is over or was abandoned (the waiter cancelled)
    private object? _task;      // the Task, or null for a ValueTask backed by an IValueTaskSource
    internal TaskWait? NextFree;

    internal TaskWait(Scheduler scheduler)
    {
        _scheduler = scheduler;
        _onCompleted = OnCompleted;
    }

    /// <summary>Parks <paramref name="waiter"/> until <paramref name="task"/> completes.</summary>
    internal void Start(Coroutine waiter, Task task)
    {
        Begin(waiter, task);
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onCompleted);
    }

    /// <inheritdoc cref="Start(Coroutine, Task)"/>
    internal void Start<T>(Coroutine waiter, in ValueTask<T> task)
    {
        Begin(waiter, null);
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onCompleted);
    }

    /// <inheritdoc cref="Start(Coroutine, Task)"/>
    internal void Start(Coroutine waiter, in ValueTask task)
    {
        Begin(waiter, null);
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onCompleted);
    }

    private void Begin(Coroutine waiter, Task? task)
    {
        _waiter = waiter;
        _task = task;
        waiter.WaitingOn = this;
        _scheduler.OutsideWaits++;
    }

    // Any thread: the task completed.
    private void OnCompleted() => _scheduler.PostCompletion(this);

    /// <summary>On the loop's thread: the task completed; resume the waiter if it still waits, then go back to the pool.</summary>
    internal void Resume()
    {
        if (_waiter is { } waiter)
        {
            _waiter = null;
            _scheduler.OutsideWaits--;
            if (waiter.WaitingOn == this)
            {
                waiter.WaitingOn = null;
            }
            _scheduler.Wake(waiter);
        }
        _task = null;
        _scheduler.ReturnTaskWait(this);
    }

    // The waiter was cancelled: the task's continuation stays registered (a task cannot forget
    // one); when it runs, Resume finds nobody waiting and only recycles this object. The loop
    // no longer waits for the task.
    internal override void Detach(Coroutine waiter)
    {
        if (_waiter == waiter)
        {
            _waiter = null;
            _scheduler.OutsideWaits--;
        }
    }

    internal override string Describe() =>
        _task is Task task ? $"a task ({Describe(task)})" : "a value task (not completed)";

    private static string Describe(Task task)
    {
        var type = task.GetType();
        var name = type.IsGenericType ? $"Task<{type.GetGenericArguments()[0].Name}>" : "Task";
        return $"{name} #{task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {task.Status}";
    }
}
