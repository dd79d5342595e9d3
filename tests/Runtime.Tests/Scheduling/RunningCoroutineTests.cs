using System;
using Xunit;

namespace Coroutines.Tests.Scheduling;

// The loop keeps the running coroutine in a local of its own frame, read through its address
// (Scheduler.RunningSlot): it must survive the GC moving objects, a fault earlier in the same
// pass, callbacks and chained steps, and be gone once the loop returns.
public class RunningCoroutineTests
{
    [Fact]
    public void The_running_coroutine_is_found_after_a_compacting_collection_and_after_a_fault_in_the_same_pass()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var log = new FaultLog(scheduler);
        var awaited = new ScriptedCoroutine("awaited", step => step == 0 ? Suspension.Sleep(1000) : Suspension.Done);
        Coroutine? beforeCollection = null;
        Coroutine? afterCollection = null;
        Coroutine? inCallback = new ScriptedCoroutine("placeholder", _ => Suspension.Done);
        Coroutine? afterResume = null;
        ScriptedCoroutine? mover = null;

        var faulty = scheduler.Spawn(new ScriptedCoroutine("faulty", _ => throw new InvalidOperationException("boom")));
        scheduler.CallSoon(() => inCallback = Scheduler.RunningCoroutineOrNull);
        mover = scheduler.Spawn(new ScriptedCoroutine("mover", step =>
        {
            if (step == 0)
            {
                beforeCollection = Scheduler.RunningCoroutineOrNull;
                for (var i = 0; i < 1000; i++)
                {
                    _ = new byte[1024]; // garbage around the coroutine, so compacting moves it
                }
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                afterCollection = Scheduler.RunningCoroutineOrNull;
                return Suspension.Await(awaited); // finds its waiter through the running coroutine
            }
            afterResume = Scheduler.RunningCoroutineOrNull;
            return Suspension.Done;
        }));

        scheduler.Run();
        scheduler.ReportUnobservedFaults();

        Assert.Equal(CoroutineStatus.Faulted, faulty.Status);
        Assert.Single(log.Reports);
        Assert.Null(inCallback);
        Assert.Same(mover, beforeCollection);
        Assert.Same(mover, afterCollection);
        Assert.Same(mover, afterResume);
        Assert.Equal(CoroutineStatus.Completed, awaited.Status);
        Assert.Equal(CoroutineStatus.Completed, mover.Status);
        Assert.Null(Scheduler.RunningCoroutineOrNull);
    }

    [Fact]
    public void A_called_coroutine_is_the_running_one_in_its_steps_and_its_caller_again_after_it()
    {
        var scheduler = new Scheduler(new VirtualClock());
        Coroutine? inCallee = null;
        Coroutine? inCallerAfter = null;
        var callee = new ScriptedCoroutine("callee", _ =>
        {
            inCallee = Scheduler.RunningCoroutineOrNull;
            return Suspension.Done;
        });
        var caller = scheduler.Spawn(new ScriptedCoroutine("caller", step =>
        {
            if (step == 0)
            {
                return Suspension.Call(callee);
            }
            inCallerAfter = Scheduler.RunningCoroutineOrNull;
            return Suspension.Done;
        }));

        scheduler.Run();

        Assert.Same(callee, inCallee);
        Assert.Same(caller, inCallerAfter);
        Assert.Equal(CoroutineStatus.Completed, caller.Status);
    }
}
