using System;
using System.Runtime.CompilerServices;

namespace Coroutines;

// Stepping coroutines: run one step, then act on the Suspension it returned.
public sealed partial class Scheduler
{
    // Runs one step; returns the coroutine that must run at once in the same loop, if any: a
    // callee it calls, the caller a finished callee returns to, itself when what it waited for was
    // already there. The loop in RunPass runs a chain of calls of any depth without growing the
    // thread's stack.
    private Coroutine? StepOnce(Coroutine coroutine)
    {
        coroutine.BeginStep();
        if (_observer is { } observer)
        {
            observer.OnResumed(coroutine, _clock.Now);
        }
        Suspension suspension;
        _running = coroutine;
        try
        {
            suspension = coroutine.RunStep();
        }
        catch (OperationCanceledException canceled) when (coroutine.CancelRequested)
        {
            _running = null;
            _callee = null;
            FinishCanceled(coroutine, canceled);
            return Finished(coroutine);
        }
        catch (Exception exception)
        {
            _running = null;
            _callee = null;
            Fault(coroutine, exception);
            return Finished(coroutine);
        }
        // _running stays set until the next step, or a callback, replaces or clears it: one store less per step.

        // The common suspensions, nobody watching and no cancellation to act on: a yield (Sleep(0))
        // goes to the back of the ready queue, a sleep to the sleeping queue.
        var value = suspension.Value;
        if (value < 0 && _observer is null && !coroutine.CancelUndelivered)
        {
            if (value == Suspension.YieldValue)
            {
                coroutine.RawStatus = (byte)CoroutineStatus.Ready;
                _ready.Enqueue(coroutine);
            }
            else
            {
                SleepAfterStep(coroutine, ~value);
            }
            return null;
        }
        return Suspend(coroutine, suspension);
    }

    // The sleeping queue's push, out of StepOnce: inlined there, its registers made every step
    // (the yield path of W2 included) save and restore six of them.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SleepAfterStep(Coroutine coroutine, long ticks) => Sleep(coroutine, ticks);

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
