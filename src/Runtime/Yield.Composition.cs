using System;

namespace Coroutines;

// Spawning, awaiting and timeouts. Inside a [Coroutine] method each of these is a suspension
// point; called directly they block, running the coroutines on a private scheduler on
// Clock.Current until they end: the sequential meaning.
public static partial class Yield
{
    /// <summary>
    /// Starts <paramref name="coroutine"/> concurrently, on the scheduler running the caller, and
    /// returns it as a handle to await. Not a suspension point: the caller goes on at once. Outside
    /// a scheduler's loop the coroutine is left unstarted; awaiting it runs it then.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="coroutine"/> is null.</exception>
    /// <exception cref="InvalidOperationException">It was already spawned or cancelled.</exception>
    public static T Spawn<T>(T coroutine)
        where T : Coroutine
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        // Inside a coroutine the new one inherits the spawner's tags and joins its scope.
        return Scheduler.Current is { } scheduler ? scheduler.SpawnFrom(coroutine, Scheduler.RunningCoroutineOrNull) : coroutine;
    }

    /// <summary>Waits until <paramref name="handle"/> ends (spawning it if nobody has) and rethrows its fault or cancellation.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="InvalidOperationException">It is the waiting coroutine itself, or belongs to another scheduler.</exception>
    [SuspensionPoint(nameof(Suspension.Await), Result = nameof(Suspension.AwaitResult))]
    public static void Await(Coroutine handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        BlockingWait.Run("Yield.Await", [handle], null);
        handle.GetResult();
    }

    /// <summary>Waits until <paramref name="handle"/> ends (spawning it if nobody has) and returns its result, or rethrows its fault or cancellation.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="InvalidOperationException">It is the waiting coroutine itself, or belongs to another scheduler.</exception>
    [SuspensionPoint(nameof(Suspension.Await), Result = nameof(Suspension.AwaitResult))]
    public static T Await<T>(Coroutine<T> handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        BlockingWait.Run("Yield.Await", [handle], null);
        return handle.Result;
    }

    /// <summary>
    /// Waits until every handle has ended (spawning those nobody has), then rethrows the first
    /// fault or cancellation in argument order, if any.
    /// </summary>
    /// <exception cref="ArgumentNullException">The array or one of its elements is null.</exception>
    /// <exception cref="InvalidOperationException">A handle is the waiting coroutine itself, or belongs to another scheduler.</exception>
    [SuspensionPoint(nameof(Suspension.AwaitAll), Result = nameof(Suspension.AwaitAllResult))]
    public static void AwaitAll(params Coroutine[] handles)
    {
        AwaitGroup.Validate(handles, any: false);
        BlockingWait.Run("Yield.AwaitAll", handles, null);
        Suspension.AwaitAllResult(handles);
    }

    /// <summary>
    /// Waits until one of the handles has ended (spawning those nobody has) and returns its index;
    /// the others (the losers) are then cancelled, and the caller resumes once their <c>finally</c>
    /// blocks have run (<see cref="AwaitAny(bool, Coroutine[])"/> with <c>false</c> leaves them
    /// running). Read the winner's outcome from it (<c>handles[i].Result</c>). Called directly
    /// (outside a coroutine) it returns the same index once all of them have ended.
    /// </summary>
    /// <exception cref="ArgumentException">The array is empty.</exception>
    /// <exception cref="ArgumentNullException">The array or one of its elements is null.</exception>
    /// <exception cref="InvalidOperationException">A handle is the waiting coroutine itself, or belongs to another scheduler.</exception>
    [SuspensionPoint(nameof(Suspension.AwaitAny), Result = nameof(Suspension.AwaitAnyResult))]
    public static int AwaitAny(params Coroutine[] handles) => AwaitAnyBlocking(cancelLosers: true, handles);

    private static int AwaitAnyBlocking(bool cancelLosers, Coroutine[] handles)
    {
        AwaitGroup.Validate(handles, any: true);
        var finished = Array.FindIndex(handles, static h => h.IsFinished);
        if (finished >= 0)
        {
            return finished;
        }
        AwaitGroup? group = null;
        BlockingWait.Run("Yield.AwaitAny", handles, scheduler => group = AwaitGroup.Listen(scheduler, null, handles, any: true, cancelLosers));
        return group!.Winner;
    }

    /// <summary>
    /// Runs <paramref name="body"/> (spawning it if nobody has) and waits for it; if it has not
    /// ended after <paramref name="milliseconds"/>, cancels it (its finally blocks run) and throws
    /// <see cref="TimeoutException"/>, whose inner exception is the cancellation if one left the
    /// body. Otherwise rethrows the body's fault or cancellation. The deadline is inclusive: a body
    /// that would end exactly at it times out.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="milliseconds"/> is negative.</exception>
    /// <exception cref="TimeoutException">The deadline passed first.</exception>
    [SuspensionPoint(nameof(Suspension.WithTimeout), Result = nameof(Suspension.WithTimeoutResult))]
    public static void WithTimeout(int milliseconds, Coroutine body) =>
        RunWithDeadline(Delay.FromMilliseconds(milliseconds), TimeSpan.FromMilliseconds(milliseconds), body);

    /// <inheritdoc cref="WithTimeout(int, Coroutine)"/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative.</exception>
    /// <exception cref="TimeoutException">The deadline passed first.</exception>
    [SuspensionPoint(nameof(Suspension.WithTimeout), Result = nameof(Suspension.WithTimeoutResult))]
    public static void WithTimeout(TimeSpan timeout, Coroutine body) =>
        RunWithDeadline(Delay.FromTimeSpan(timeout, nameof(timeout)), timeout, body);

    /// <summary>As <see cref="WithTimeout(int, Coroutine)"/>, returning the body's result.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="milliseconds"/> is negative.</exception>
    /// <exception cref="TimeoutException">The deadline passed first.</exception>
    [SuspensionPoint(nameof(Suspension.WithTimeout), Result = nameof(Suspension.WithTimeoutResult))]
    public static T WithTimeout<T>(int milliseconds, Coroutine<T> body)
    {
        RunWithDeadline(Delay.FromMilliseconds(milliseconds), TimeSpan.FromMilliseconds(milliseconds), body);
        return body.Result;
    }

    /// <inheritdoc cref="WithTimeout{T}(int, Coroutine{T})"/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative.</exception>
    /// <exception cref="TimeoutException">The deadline passed first.</exception>
    [SuspensionPoint(nameof(Suspension.WithTimeout), Result = nameof(Suspension.WithTimeoutResult))]
    public static T WithTimeout<T>(TimeSpan timeout, Coroutine<T> body)
    {
        RunWithDeadline(Delay.FromTimeSpan(timeout, nameof(timeout)), timeout, body);
        return body.Result;
    }

    private static void RunWithDeadline(long ticks, TimeSpan timeout, Coroutine body)
    {
        ArgumentNullException.ThrowIfNull(body);
        BlockingWait.Run("Yield.WithTimeout", [body], scheduler => scheduler.SetDeadline(body, ticks));
        Suspension.TimeoutOutcome(body, timeout);
    }
}
