using System;

namespace Coroutines;

// Cancellation: Coroutine.Cancel lands here, whatever the coroutine is doing.
public sealed partial class Scheduler
{
    internal void Cancel(Coroutine coroutine)
    {
        CheckThread(nameof(Coroutine.Cancel));
        if (Root(coroutine).Membership?.PausedFrame is not null)
        {
            EndPauseForCancel(coroutine); // a paused coroutine unwinds at once
        }
        // A caller waiting for its callee is cancelled through it: the innermost frame unwinds
        // first, each caller resumes with the cancellation when its callee has ended.
        while (coroutine.Status == CoroutineStatus.Waiting && coroutine.Calling)
        {
            coroutine.CancelRequested = true;
            coroutine.CancelUndelivered = true; // delivered when the callee returns
            if (coroutine.CurrentCallee is not { } callee || callee.Caller != coroutine || callee.IsFinished || callee.Shielded)
            {
                // (A shielded callee, Yield.Shield's body, finishes first: the caller learns of it then.)
                return; // a state machine that does not say who it calls learns it when the callee returns
            }
            coroutine = callee;
        }
        if (coroutine.Shielded)
        {
            return; // Yield.Shield's body is not cancelled: its caller is, once it ends
        }
        coroutine.CancelRequested = true;
        var status = coroutine.Status;
        if (status == CoroutineStatus.Running)
        {
            coroutine.CancelUndelivered = true;
            return;
        }
        var wrapped = false;
        if (status == CoroutineStatus.Sleeping)
        {
            wrapped = AbandonSleep(coroutine);
        }
        else if (status is CoroutineStatus.Waiting or CoroutineStatus.Ready && coroutine.WaitingOn is WaitTarget target && target.CancelAndKeepWaiting(coroutine))
        {
            return; // it resumes with the cancellation once what it waits for has unwound (Ready: it has)
        }
        else if (status == CoroutineStatus.Waiting || coroutine.WaitingOn is WaitTarget)
        {
            // Also a coroutine woken but not yet run: a channel may have handed it an item to give back.
            StopWaiting(coroutine);
        }
        if (CancelSuspended(coroutine) is { } caller)
        {
            MakeReady(caller);
        }
        ReclaimStaleTimers(now: wrapped);
    }

    // Delivers the cancellation to a suspended coroutine, or ends it. Returns the caller to
    // resume if that ended a call frame.
    private Coroutine? CancelSuspended(Coroutine coroutine)
    {
        if (coroutine.DeliversCancellation && coroutine.Started)
        {
            // Resume it once more with the exception pending at its suspension point.
            coroutine.DeliverCancellation();
            if (coroutine.Status != CoroutineStatus.Ready)
            {
                MakeReady(coroutine);
            }
            return null;
        }
        FinishCanceled(coroutine, null);
        return Finished(coroutine);
    }

    private void FinishCanceled(Coroutine coroutine, OperationCanceledException? exception)
    {
        coroutine.Finish(CoroutineStatus.Canceled, exception);
        _observer?.OnCanceled(coroutine, _clock.Now);
    }
}
