using System;

namespace Coroutines;

/// <summary>
/// Receives the life events of every coroutine a scheduler runs, with the clock time. Every
/// method has an empty default, so an observer implements only what it needs.
/// </summary>
public interface ISchedulerObserver
{
    /// <summary>The coroutine was spawned.</summary>
    void OnSpawned(Coroutine coroutine, TimeSpan time) { }

    /// <summary>The coroutine's step is about to run.</summary>
    void OnResumed(Coroutine coroutine, TimeSpan time) { }

    /// <summary>The coroutine suspended, waiting for <paramref name="suspension"/>.</summary>
    void OnSuspended(Coroutine coroutine, Suspension suspension, TimeSpan time) { }

    /// <summary>The coroutine ran to its end.</summary>
    void OnCompleted(Coroutine coroutine, TimeSpan time) { }

    /// <summary>An exception left the coroutine's body.</summary>
    void OnFaulted(Coroutine coroutine, Exception exception, TimeSpan time) { }

    /// <summary>The coroutine ended cancelled.</summary>
    void OnCanceled(Coroutine coroutine, TimeSpan time) { }
}
