using System;
using System.Threading.Tasks;

namespace Coroutines;

/// <summary>The task that <see cref="Coroutine.AsTask"/> returns, completed on the loop's thread when the coroutine ends.</summary>
internal abstract class CoroutineCompletion : CoroutineListener
{
    internal abstract void Fail(Exception exception);

    /// <summary>On the loop's thread: complete now if the coroutine has ended, else when it does.</summary>
    internal abstract void Attach();
}

/// <inheritdoc cref="CoroutineCompletion"/>
internal sealed class CoroutineCompletion<T> : CoroutineCompletion
{
    private readonly Coroutine _coroutine;

    // Continuations run on the thread pool, never inline on the loop's thread.
    private readonly TaskCompletionSource<T> _source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal CoroutineCompletion(Coroutine coroutine) => _coroutine = coroutine;

    internal Task<T> Task => _source.Task;

    internal override void Fail(Exception exception) => _source.TrySetException(exception);

    internal override void Attach()
    {
        if (_coroutine.IsFinished)
        {
            OnFinished(_coroutine);
        }
        else
        {
            _coroutine.AddListener(this);
        }
    }

    internal override void OnFinished(Coroutine finished)
    {
        switch (finished.Status)
        {
            case CoroutineStatus.Completed:
                _source.TrySetResult(finished is Coroutine<T> typed ? typed.Result : default!);
                break;
            case CoroutineStatus.Faulted:
                _source.TrySetException(finished.Exception!); // reading it observes the fault: the task carries it on
                break;
            default:
                _source.TrySetCanceled(finished.CancellationException?.CancellationToken ?? default);
                break;
        }
    }
}
