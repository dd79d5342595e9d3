using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Coroutines;

// Calls, waits and wake-ups: what lets coroutines call, await and feed each other.
public sealed partial class Scheduler
{
    /// <summary>The coroutine whose step is running on this thread's loop; throws if there is none.</summary>
    /// <param name="what">The member that needs it, for the message.</param>
    internal static Coroutine RunningCoroutine(string what) =>
        t_current?.RunningSlot ?? throw new InvalidOperationException(
            $"{what} can only be used while a scheduler runs a coroutine's step (the generated code of a [Coroutine] method calls it). " +
            "Outside a coroutine, call the Yield method itself: it blocks the thread instead.");

    /// <summary>The coroutine whose step is running on this thread's loop (between steps: the last one), or null outside a loop and in callbacks.</summary>
    internal static Coroutine? RunningCoroutineOrNull => t_current?.RunningSlot;

    // The coroutine whose step runs (between steps: the last one; null in callbacks), for the
    // factories of calls and waits. While RunReady runs it is a local of RunReady's frame, whose
    // address _runningSlot holds: the store RunReady makes before each step is a store to a
    // stack slot, with no GC write barrier, where a store to a field of the scheduler has one.
    // The slot is a GC root like any local (the GC updates it if it moves the coroutine);
    // RunReady copies it back to _running and clears _runningSlot before it returns.
    private unsafe ref Coroutine? RunningSlot =>
        ref _runningSlot != null ? ref Unsafe.AsRef<Coroutine?>(_runningSlot) : ref _running;

    /// <summary>The scheduler running on this thread; only valid where <see cref="RunningCoroutine"/> succeeded.</summary>
    internal static Scheduler CurrentLoop => t_current!;

    /// <summary>Keeps the callee of the running step's <see cref="Suspension.Call"/> until the step returns.</summary>
    internal void HandOverCallee(Coroutine callee) => _callee = callee;

    /// <summary>Makes <paramref name="coroutine"/> ready if it still waits (something it waited for happened).</summary>
    internal void Wake(Coroutine coroutine)
    {
        if (coroutine.Status == CoroutineStatus.Waiting)
        {
            MakeReady(coroutine);
        }
    }

    /// <summary>
    /// Makes sure <paramref name="coroutine"/> runs on this scheduler, so something here can wait
    /// for it: spawns it if nobody has, refuses one that belongs to another scheduler.
    /// </summary>
    internal void Adopt(Coroutine coroutine, Coroutine waiter)
    {
        CheckAdoptable(coroutine, waiter);
        if (!coroutine.IsFinished && !coroutine.IsAttached)
        {
            Spawn(coroutine);
        }
    }

    /// <summary>Throws if <paramref name="waiter"/> could never wait for <paramref name="coroutine"/> here.</summary>
    internal void CheckAdoptable(Coroutine coroutine, Coroutine waiter)
    {
        if (coroutine == waiter)
        {
            throw new InvalidOperationException($"Coroutine '{waiter.Name}' cannot wait for itself: it would never resume.");
        }
        if (!coroutine.IsFinished && coroutine.IsAttached && coroutine.Scheduler != this)
        {
            throw new InvalidOperationException(
                $"Coroutine '{coroutine.Name}' runs on another scheduler; a coroutine can only wait for coroutines of its own scheduler.");
        }
    }

    /// <summary>Parks the running <paramref name="waiter"/> until <paramref name="awaited"/> ends.</summary>
    internal static Suspension WaitFor(Coroutine waiter, Coroutine awaited)
    {
        if (awaited.IsFinished)
        {
            return Suspension.ContinueSuspension;
        }
        awaited.AddListener(waiter);
        waiter.WaitingOn = awaited;
        return Suspension.WaitSuspension;
    }

    /// <summary>Cancels <paramref name="body"/> (marking it timed out) once <paramref name="ticks"/> have passed, unless it ends first.</summary>
    internal void SetDeadline(Coroutine body, long ticks)
    {
        var timer = CallLaterTicks(ticks, body.Expire);
        body.AddListener(timer); // cancelled when the body ends, so an unused deadline does not keep Run() going
    }

    // A coroutine ended: tell whoever waits for it, and return its caller, which resumes now in
    // the same step loop, if it was a call frame.
    private Coroutine? Finished(Coroutine finished)
    {
        if (finished.TakeListeners() is { } listeners)
        {
            if (listeners is List<object> list)
            {
                foreach (var listener in list)
                {
                    Notify(finished, listener);
                }
            }
            else
            {
                Notify(finished, listeners);
            }
        }
        return finished.Caller is { } caller ? ReturnTo(caller) : null;
    }

    private void Notify(Coroutine finished, object listener)
    {
        switch (listener)
        {
            case Coroutine waiter:
                if (waiter.Status == CoroutineStatus.Waiting && waiter.WaitingOn == finished)
                {
                    waiter.WaitingOn = null;
                    MakeReady(waiter);
                }
                break;
            case IFinishListener group: // an AwaitGroup, a Scope, a Select
                group.OnFinished(finished);
                break;
            case TimerHandle deadline:
                deadline.Cancel();
                break;
            case CoroutineListener outside:
                outside.OnFinished(finished);
                break;
        }
    }

    // The callee of `caller` ended. The caller resumes, with the cancellation pending if it was
    // cancelled meanwhile; one that does not observe cancellation ends instead, and so on upwards.
    private Coroutine? ReturnTo(Coroutine caller)
    {
        while (true)
        {
            if (caller.Status != CoroutineStatus.Waiting)
            {
                return null; // it already ended (cancelled while its callee ran, without observing it)
            }
            caller.Calling = false;
            if (!caller.CancelUndelivered)
            {
                return caller;
            }
            caller.CancelUndelivered = false;
            if (caller.DeliversCancellation)
            {
                caller.DeliverCancellation();
                return caller;
            }
            FinishCanceled(caller, null);
            if (Finished(caller) is not { } next)
            {
                return null;
            }
            caller = next;
            if (caller.Status == CoroutineStatus.Waiting)
            {
                continue;
            }
            return caller;
        }
    }

    // A waiting coroutine is cancelled: it stops waiting, and what it waited for is cancelled too
    // (a parent's cancellation reaches the children it waits for).
    private void StopWaiting(Coroutine coroutine)
    {
        var target = coroutine.WaitingOn;
        coroutine.WaitingOn = null;
        switch (target)
        {
            case Coroutine awaited:
                awaited.RemoveListener(coroutine);
                if (!awaited.IsFinished)
                {
                    Cancel(awaited);
                }
                break;
            case WaitTarget wait:
                wait.Detach(coroutine);
                break;
        }
    }
}
