using System;

namespace Coroutines;

/// <summary>
/// The sequential meaning of waiting for coroutines, when <see cref="Yield"/>'s methods are called
/// directly: run them on a private scheduler on <see cref="Clock.Current"/> until everything
/// on it has ended, blocking the thread as <see cref="Yield.Sleep(int)"/> does.
/// </summary>
internal static class BlockingWait
{
    public static void Run(string what, Coroutine[] handles, Action<Scheduler>? beforeRun)
    {
        if (Array.TrueForAll(handles, static h => h.IsFinished))
        {
            return;
        }
        foreach (var handle in handles)
        {
            if (!handle.IsFinished && handle.IsAttached)
            {
                throw new InvalidOperationException(
                    $"{what} was called outside a coroutine for '{handle.Name}', which a scheduler already runs: " +
                    "nothing would run it while this thread waits. Wait for it inside a [Coroutine] method, or run its scheduler.");
            }
        }
        var scheduler = new Scheduler(Clock.Current);
        // Faults of the awaited coroutines are rethrown to the caller, so they are not unobserved.
        scheduler.IgnoreUnobserved = handles;
        foreach (var handle in handles)
        {
            if (!handle.IsFinished && !handle.IsAttached)
            {
                scheduler.Spawn(handle);
            }
        }
        beforeRun?.Invoke(scheduler);
        scheduler.Run();
    }
}
