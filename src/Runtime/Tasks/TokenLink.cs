using System.Threading;

namespace Coroutines;

/// <summary>Ties a <see cref="CancellationToken"/> to a coroutine (<see cref="Coroutine.CancelOn"/>); let go when the coroutine ends.</summary>
internal sealed class TokenLink : CoroutineListener
{
    private CancellationTokenRegistration _registration;

    internal TokenLink(Coroutine coroutine, Scheduler scheduler, CancellationToken token) =>
        // The token may be cancelled on any thread: the cancellation is posted to the loop.
        _registration = token.Register(() => scheduler.Post(coroutine.Cancel));

    internal override void OnFinished(Coroutine finished) => _registration.Dispose();
}
