using System;
using System.Threading;
using System.Threading.Tasks;

namespace Coroutines;

// A coroutine in the Task world: async code awaits it, a token cancels it, and it hands Task
// APIs a token tied to its own cancellation.
public abstract partial class Coroutine
{
    /// <summary>
    /// A task that completes when the coroutine ends: with its result, its fault (which it then
    /// carries: the fault counts as observed), or as canceled. Safe to call from any thread; its
    /// continuations never run on the loop's thread. Each call makes a new task.
    /// </summary>
    /// <exception cref="InvalidOperationException">The coroutine was never spawned: nothing would run it.</exception>
    public Task AsTask() => Completion<bool>().Task;

    private protected CoroutineCompletion<T> Completion<T>()
    {
        var completion = new CoroutineCompletion<T>(this);
        if (IsFinished)
        {
            completion.OnFinished(this);
            return completion;
        }
        var scheduler = Scheduler ?? throw new InvalidOperationException(
            $"Coroutine '{Name}' was never spawned, so it would never end: spawn it (scheduler.Spawn, or scheduler.SpawnAsync from another thread) before awaiting it.");
        // From any thread: the listener is added on the loop's thread, in its next pass.
        scheduler.Post(completion.Attach);
        return completion;
    }

    /// <summary>
    /// Cancels the coroutine when <paramref name="cancellationToken"/> is cancelled (on any thread;
    /// the cancellation runs on the loop's thread, as <see cref="Cancel"/> does). The link ends with the coroutine.
    /// </summary>
    /// <exception cref="InvalidOperationException">The coroutine was never spawned, or the call comes from another thread while its scheduler runs.</exception>
    public void CancelOn(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || IsFinished)
        {
            return;
        }
        var scheduler = Scheduler ?? throw new InvalidOperationException(
            $"Coroutine '{Name}' is not spawned yet: spawn it first, or use scheduler.Spawn(coroutine, token).");
        scheduler.CheckThread(nameof(CancelOn));
        AddListener(new TokenLink(this, scheduler, cancellationToken));
    }

    /// <summary>
    /// A token cancelled when this coroutine is cancelled (or times out): hand it to the Task APIs
    /// it waits on, so they stop too. Inside a <c>[Coroutine]</c> method, <see cref="Yield.CancellationToken"/> gives the running one's.
    /// Read it on the loop's thread (the first read creates its source); the token itself may then go anywhere.
    /// </summary>
    public CancellationToken CancellationToken
    {
        get
        {
            var extras = Extras();
            if (extras.TokenSource is null)
            {
                extras.TokenSource = new CancellationTokenSource();
                if (CancelRequested)
                {
                    extras.TokenSource.Cancel();
                }
            }
            return extras.TokenSource.Token;
        }
    }

    // The coroutine was cancelled: so is the token it handed out, if any.
    private void CancelToken()
    {
        if (_link is CoroutineExtras { TokenSource: { IsCancellationRequested: false } source })
        {
            source.Cancel();
        }
    }
}

public abstract partial class Coroutine<T>
{
    /// <summary>
    /// A task that completes when the coroutine ends: with its result, its fault (which it then
    /// carries: the fault counts as observed), or as canceled. Safe to call from any thread; its
    /// continuations never run on the loop's thread. Each call makes a new task.
    /// </summary>
    /// <exception cref="InvalidOperationException">The coroutine was never spawned: nothing would run it.</exception>
    public new Task<T> AsTask() => Completion<T>().Task;
}
