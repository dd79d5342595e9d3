using System;
using System.Runtime.CompilerServices;

namespace Coroutines;

// Stepping coroutines: run one step, then act on the Suspension it returned.
public sealed partial class Scheduler
{
    // Runs one step; returns the coroutine that must run at once in the same loop, if any: a
    // callee it calls, the caller a finished callee returns to, itself when what it waited for was
    // already there. For the steps RunReady does not run itself: chained ones, and every step
    // while an observer watches.
    private Coroutine? StepOnce(Coroutine coroutine)
    {
        coroutine.BeginStep();
        if (_observer is { } observer)
        {
            observer.OnResumed(coroutine, _clock.Now);
        }
        Suspension suspension;
        RunningSlot = coroutine;
        try
        {
            suspension = coroutine.RunStep();
        }
        catch (OperationCanceledException canceled) when (coroutine.CancelRequested)
        {
            return StepCanceled(coroutine, canceled);
        }
        catch (Exception exception)
        {
            return StepFaulted(coroutine, exception);
        }
        return _observer is null ? AfterStep(coroutine, suspension, _ready) : Suspend(coroutine, suspension);
    }

    // The most common suspension, no cancellation to act on: a yield (Sleep(0)) goes to the back
    // of the ready queue (`ready` is _ready, which RunReady holds in a register). Everything else
    // is out of line. For a step nobody watched begin: an observer set during the step watches
    // from the next step on, as it saw no OnResumed of this one (StepOnce tests it before).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Coroutine? AfterStep(Coroutine coroutine, Suspension suspension, ReadyQueue ready)
    {
        if (suspension.Value == Suspension.YieldValue && !coroutine.CancelUndelivered)
        {
            coroutine.RawStatus = (byte)CoroutineStatus.Ready;
            ready.Enqueue(coroutine);
            return null;
        }
        return AfterOtherStep(coroutine, suspension);
    }

    // A sleep goes to the sleeping queue (one call from the loop, the push inlined here); the
    // rest to Suspend.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Coroutine? AfterOtherStep(Coroutine coroutine, Suspension suspension)
    {
        var value = suspension.Value;
        if (value < 0 && !coroutine.CancelUndelivered) // nobody watched the step begin: see AfterStep
        {
            Sleep(coroutine, ~value);
            return null;
        }
        return Suspend(coroutine, suspension);
    }

    // The step ended by observing its cancellation.
    private Coroutine? StepCanceled(Coroutine coroutine, OperationCanceledException canceled)
    {
        RunningSlot = null;
        _callee = null;
        FinishCanceled(coroutine, canceled);
        return Finished(coroutine);
    }

    // The step threw: the coroutine faults.
    private Coroutine? StepFaulted(Coroutine coroutine, Exception exception)
    {
        RunningSlot = null;
        _callee = null;
        Fault(coroutine, exception);
        return Finished(coroutine);
    }

    // Acts on what the step returned; returns the coroutine to step next in this loop, if any.
    private Coroutine? Suspend(Coroutine coroutine, Suspension suspension)
    {
        var kind = suspension.Kind;
        if (kind == SuspensionKind.Done)
        {
            coroutine.Finish(CoroutineStatus.Completed, null);
            _observer?.OnCompleted(coroutine, _clock.Now);
            return Finished(coroutine);
        }

        _observer?.OnSuspended(coroutine, suspension, _clock.Now);
        if (coroutine.CancelUndelivered)
        {
            // It was cancelled while it ran (by itself, or by code it called).
            coroutine.CancelUndelivered = false;
            if (kind == SuspensionKind.Call)
            {
                // The callee never starts: there is nothing of it to unwind.
                TakeCallee(coroutine).Finish(CoroutineStatus.Canceled, null);
            }
            else if (kind == SuspensionKind.Wait || coroutine.WaitingOn is WaitTarget)
            {
                if (kind == SuspensionKind.Wait && coroutine.WaitingOn is WaitTarget target)
                {
                    coroutine.RawStatus = (byte)CoroutineStatus.Waiting; // before: the target may wake it at once
                    if (target.CancelAndKeepWaiting(coroutine))
                    {
                        return null; // a scope: it resumes once its members have unwound
                    }
                }
                StopWaiting(coroutine); // also gives back an item a channel handed it at once
            }
            return CancelSuspended(coroutine);
        }

        switch (kind)
        {
            case SuspensionKind.Call:
                var callee = TakeCallee(coroutine);
                coroutine.RawStatus = (byte)CoroutineStatus.Waiting;
                coroutine.Calling = true;
                callee.AttachTo(coroutine);
                _observer?.OnSpawned(callee, _clock.Now);
                return callee;
            case SuspensionKind.Wait:
                coroutine.RawStatus = (byte)CoroutineStatus.Waiting; // the factory registered it where it waits
                TrackWaiter(coroutine); // the live dump and the stuck report find it there
                return null;
            case SuspensionKind.Continue:
                return coroutine;
        }

        var ticks = suspension.DelayTicks;
        if (ticks == 0)
        {
            MakeReady(coroutine); // Sleep(0): the ready queue, not the sleeping queue
            return null;
        }
        Sleep(coroutine, ticks);
        return null;
    }

    private Coroutine TakeCallee(Coroutine caller)
    {
        var callee = _callee ?? throw new InvalidOperationException(
            $"Coroutine '{caller.Name}' returned a Call suspension that Suspension.Call did not make in the same step.");
        _callee = null;
        return callee;
    }

    private void MakeReady(Coroutine coroutine)
    {
        if (coroutine.Paused)
        {
            KeepWakeUp(coroutine); // acted on at Resume
            return;
        }
        coroutine.RawStatus = (byte)CoroutineStatus.Ready;
        _ready.Enqueue(coroutine);
    }
}
