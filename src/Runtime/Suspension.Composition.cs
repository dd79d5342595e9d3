using System;
using System.ComponentModel;

namespace Coroutines;

// The factories (and result methods) of the suspension points that compose coroutines. The
// generated code calls them from a coroutine's step; the scheduler then acts on the Suspension.
public readonly partial struct Suspension
{
    /// <summary>
    /// Calls <paramref name="callee"/> (a state machine not yet spawned) as part of the running
    /// coroutine: what a call to another <c>[Coroutine]</c> method becomes. The callee runs at
    /// once; the caller resumes when it ends and reads its outcome with <see cref="Coroutine.GetResult"/>
    /// or <see cref="Coroutine{T}.Result"/>. Chains of any depth use no thread stack.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="callee"/> is null.</exception>
    /// <exception cref="InvalidOperationException">No coroutine step is running, or the callee was already spawned or called.</exception>
    public static Suspension Call(Coroutine callee)
    {
        ArgumentNullException.ThrowIfNull(callee);
        var caller = Scheduler.RunningCoroutine(nameof(Suspension) + "." + nameof(Call));
        if (callee.IsAttached || callee.Status != CoroutineStatus.Created)
        {
            throw new InvalidOperationException(
                $"Coroutine '{callee.Name}' cannot be called: it was already {(callee.IsAttached ? "spawned or called" : callee.Status.ToString().ToLowerInvariant())}. " +
                "Call the coroutine's factory again for a new run.");
        }
        Scheduler.CurrentLoop.HandOverCallee(callee);
        return CallSuspension;
    }

    /// <summary>What <see cref="Yield.Await(Coroutine)"/> becomes: wait until <paramref name="handle"/> ends (spawning it if nobody has).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="InvalidOperationException">No coroutine step is running, the handle is the running coroutine, or it belongs to another scheduler.</exception>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Suspension Await(Coroutine handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var waiter = Scheduler.RunningCoroutine("Yield.Await");
        Scheduler.CurrentLoop.Adopt(handle, waiter);
        return Scheduler.WaitFor(waiter, handle);
    }

    /// <summary>The outcome of <see cref="Yield.Await(Coroutine)"/>: rethrows the handle's fault or cancellation.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void AwaitResult(Coroutine handle) => handle.GetResult();

    /// <summary>The outcome of <see cref="Yield.Await{T}(Coroutine{T})"/>: the handle's result, or its fault or cancellation.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static T AwaitResult<T>(Coroutine<T> handle) => handle.Result;

    /// <summary>What <see cref="Yield.AwaitAll(Coroutine[])"/> becomes: wait until every handle has ended.</summary>
    /// <exception cref="ArgumentNullException">The array or one of its elements is null.</exception>
    /// <exception cref="InvalidOperationException">No coroutine step is running, or a handle belongs to another scheduler or is the running coroutine.</exception>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Suspension AwaitAll(params Coroutine[] handles)
    {
        var waiter = Scheduler.RunningCoroutine("Yield.AwaitAll");
        return AwaitGroup.Wait(Scheduler.CurrentLoop, waiter, handles, any: false);
    }

    /// <summary>The outcome of <see cref="Yield.AwaitAll(Coroutine[])"/>: rethrows the first fault or cancellation, in argument order.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void AwaitAllResult(params Coroutine[] handles)
    {
        ReleaseGroup();
        foreach (var handle in handles)
        {
            handle.GetResult();
        }
    }

    /// <summary>What <see cref="Yield.AwaitAny(Coroutine[])"/> becomes: wait until one of the handles has ended, then cancel the others and wait for them to unwind.</summary>
    /// <exception cref="ArgumentException">The array is empty.</exception>
    /// <exception cref="ArgumentNullException">The array or one of its elements is null.</exception>
    /// <exception cref="InvalidOperationException">No coroutine step is running, or a handle belongs to another scheduler or is the running coroutine.</exception>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Suspension AwaitAny(params Coroutine[] handles)
    {
        var waiter = Scheduler.RunningCoroutine("Yield.AwaitAny");
        return AwaitGroup.Wait(Scheduler.CurrentLoop, waiter, handles, any: true, cancelLosers: true);
    }

    /// <summary>The outcome of <see cref="Yield.AwaitAny(Coroutine[])"/>: the index of the handle that ended first.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static int AwaitAnyResult(params Coroutine[] handles) => ReleaseGroup()?.Winner ?? -1;

    /// <summary>
    /// What <see cref="Yield.WithTimeout(int, Coroutine)"/> becomes: run <paramref name="body"/>
    /// (calling it, as part of the caller, if nobody runs it; else waiting for it) and cancel it if it
    /// has not ended after <paramref name="milliseconds"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="milliseconds"/> is negative.</exception>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Suspension WithTimeout(int milliseconds, Coroutine body) =>
        StartTimeout(Coroutines.Delay.FromMilliseconds(milliseconds), body);

    /// <inheritdoc cref="WithTimeout(int, Coroutine)"/>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Suspension WithTimeout(TimeSpan timeout, Coroutine body) =>
        StartTimeout(Coroutines.Delay.FromTimeSpan(timeout, nameof(timeout)), body);

    /// <summary>The outcome of <see cref="Yield.WithTimeout(int, Coroutine)"/>: <see cref="TimeoutException"/> if the deadline cancelled the body, else the body's outcome.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void WithTimeoutResult(int milliseconds, Coroutine body) => TimeoutOutcome(body, TimeSpan.FromMilliseconds(milliseconds));

    /// <inheritdoc cref="WithTimeoutResult(int, Coroutine)"/>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void WithTimeoutResult(TimeSpan timeout, Coroutine body) => TimeoutOutcome(body, timeout);

    /// <summary>The outcome of <see cref="Yield.WithTimeout{T}(int, Coroutine{T})"/>: the body's result, or <see cref="TimeoutException"/>.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static T WithTimeoutResult<T>(int milliseconds, Coroutine<T> body)
    {
        TimeoutOutcome(body, TimeSpan.FromMilliseconds(milliseconds));
        return body.Result;
    }

    /// <inheritdoc cref="WithTimeoutResult{T}(int, Coroutine{T})"/>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static T WithTimeoutResult<T>(TimeSpan timeout, Coroutine<T> body)
    {
        TimeoutOutcome(body, timeout);
        return body.Result;
    }

    private static Suspension StartTimeout(long ticks, Coroutine body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var waiter = Scheduler.RunningCoroutine("Yield.WithTimeout");
        var scheduler = Scheduler.CurrentLoop;
        if (!body.IsAttached && body.Status == CoroutineStatus.Created)
        {
            // Nobody runs it yet: call it, as part of the caller (drawn on the caller's timeline row).
            scheduler.CheckAdoptable(body, waiter);
            var call = Call(body);
            scheduler.SetDeadline(body, ticks);
            waiter.EnsureMembership().Callee = body;
            return call;
        }
        scheduler.Adopt(body, waiter);
        if (!body.IsFinished)
        {
            scheduler.SetDeadline(body, ticks);
        }
        return Scheduler.WaitFor(waiter, body);
    }

    internal static void TimeoutOutcome(Coroutine body, TimeSpan timeout)
    {
        if (Scheduler.RunningCoroutineOrNull?.Membership is { } membership && membership.Callee == body)
        {
            membership.Callee = null;
        }
        if (body.Status == CoroutineStatus.Canceled && body.TimedOut)
        {
            throw new TimeoutException(
                $"Coroutine '{body.Name}' did not finish within {timeout.TotalMilliseconds} ms and was canceled.",
                body.CancellationException);
        }
        body.GetResult();
    }

    // The running coroutine's finished AwaitGroup, released (null when called outside a step).
    private static AwaitGroup? ReleaseGroup()
    {
        var waiter = Scheduler.RunningCoroutineOrNull;
        if (waiter?.WaitingOn is AwaitGroup group)
        {
            waiter.WaitingOn = null;
            return group;
        }
        return null;
    }
}
