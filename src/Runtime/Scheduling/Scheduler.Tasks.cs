using System;
using System.Threading;
using System.Threading.Tasks;

namespace Coroutines;

// Tasks: coroutines waiting for tasks (their completions come in from any thread), async code
// waiting for coroutines, cancellation tokens, and hosting the loop in async code.
public sealed partial class Scheduler
{
    private TaskWait? _freeTaskWaits;

    /// <summary>
    /// Waits the loop must keep waiting for although nothing here can end them: tasks coroutines
    /// wait for, and a loop hosted by <see cref="RunAsync"/>. Loop thread only.
    /// </summary>
    internal int OutsideWaits { get; set; }

    /// <summary>A pooled task wait for the running coroutine (loop thread only).</summary>
    internal TaskWait RentTaskWait()
    {
        var wait = _freeTaskWaits;
        if (wait is null)
        {
            return new TaskWait(this);
        }
        _freeTaskWaits = wait.NextFree;
        wait.NextFree = null;
        return wait;
    }

    internal void ReturnTaskWait(TaskWait wait)
    {
        wait.NextFree = _freeTaskWaits;
        _freeTaskWaits = wait;
    }

    /// <summary>Any thread: a task a coroutine waits for completed; the loop resumes it (see <see cref="TaskWait.Resume"/>).</summary>
    internal void PostCompletion(TaskWait wait) => PostItem(wait);

    /// <summary>
    /// Starts <paramref name="coroutine"/> from any thread (it runs its first step in a pass of the
    /// loop) and returns a task for its outcome: the way in for code that is not on the loop's thread.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="coroutine"/> is null.</exception>
    public Task SpawnAsync(Coroutine coroutine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        var completion = new CoroutineCompletion<bool>(coroutine);
        Post(() => SpawnWithCompletion(coroutine, completion, cancellationToken));
        return completion.Task;
    }

    /// <inheritdoc cref="SpawnAsync(Coroutine, CancellationToken)"/>
    public Task<T> SpawnAsync<T>(Coroutine<T> coroutine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        var completion = new CoroutineCompletion<T>(coroutine);
        Post(() => SpawnWithCompletion(coroutine, completion, cancellationToken));
        return completion.Task;
    }

    private void SpawnWithCompletion(Coroutine coroutine, CoroutineCompletion completion, CancellationToken cancellationToken)
    {
        try
        {
            Spawn(coroutine, cancellationToken);
        }
        catch (Exception exception)
        {
            completion.Fail(exception);
            return;
        }
        completion.Attach();
    }

    /// <summary>
    /// Starts <paramref name="coroutine"/> as <see cref="Spawn{T}(T)"/> does, and cancels it when
    /// <paramref name="cancellationToken"/> is cancelled (the token may be cancelled on any thread).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="coroutine"/> is null.</exception>
    /// <exception cref="InvalidOperationException">It was already spawned or cancelled, or the call comes from another thread while the loop runs.</exception>
    public T Spawn<T>(T coroutine, CancellationToken cancellationToken)
        where T : Coroutine
    {
        Spawn(coroutine);
        coroutine.CancelOn(cancellationToken);
        return coroutine;
    }

    /// <summary>
    /// Runs the loop on a thread of its own until <paramref name="cancellationToken"/> is
    /// cancelled: a service loop for a host (a <c>BackgroundService</c>). Unlike <see cref="Run()"/>
    /// it does not return when it runs out of work: other threads hand it work with
    /// <see cref="Post"/> and <see cref="SpawnAsync(Coroutine, CancellationToken)"/>. The task
    /// completes when the loop has stopped; coroutines still suspended then stay suspended.
    /// </summary>
    /// <exception cref="InvalidOperationException">The loop is already running (the task faults with it).</exception>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        return Task.Factory.StartNew(
            () =>
            {
                Post(() => OutsideWaits++); // keeps an idle loop waiting for posts
                // The registration posts a stop and lets go of the keep-alive on the loop's thread.
                using var registration = cancellationToken.Register(() => Post(() =>
                {
                    OutsideWaits--;
                    Stop();
                }));
                Run(WhenStuck.Return);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default);
    }
}
