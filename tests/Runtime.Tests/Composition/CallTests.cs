using System;
using Xunit;

namespace Coroutines.Tests.Composition;

public class CallTests
{
    [Fact]
    public void A_call_returns_the_callees_value_to_the_caller()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var root = scheduler.Spawn(new DepthCoroutine(3, sleepAtBottomMs: 100));

        scheduler.Run();

        Assert.Equal(CoroutineStatus.Completed, root.Status);
        Assert.Equal(3, root.Result);
        Assert.Equal(TimeSpan.FromMilliseconds(100), scheduler.Now);
    }

    [Fact]
    public void A_callee_that_sleeps_keeps_its_caller_waiting()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var root = scheduler.Spawn(new DepthCoroutine(1, sleepAtBottomMs: 1000));
        scheduler.CallLater(500, () => Assert.Equal(CoroutineStatus.Waiting, root.Status));

        scheduler.Run();

        Assert.Equal(1, root.Result);
    }

    [Fact]
    public void Recursion_ten_thousand_levels_deep_needs_no_thread_stack()
    {
        var result = CallChains.RunOnSmallStack(() => new DepthCoroutine(10_000, sleepAtBottomMs: 5));

        Assert.Equal(10_000, result);
    }

    [Fact]
    public void An_exception_thrown_deep_down_passes_every_callers_finally_in_order()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var root = scheduler.Spawn(new DepthCoroutine(3, sleepAtBottomMs: 10, throwAtBottom: true, trace: trace));

        scheduler.Run();

        Assert.Equal(CoroutineStatus.Faulted, root.Status);
        Assert.Equal("bottom", Assert.Throws<BoomException>(() => root.Result).Message);
        Assert.Equal(new[] { "t=0.01 finally 0", "t=0.01 finally 1", "t=0.01 finally 2", "t=0.01 finally 3" }, trace.Lines);
    }

    [Fact]
    public void Cancelling_the_root_unwinds_from_the_innermost_frame_outwards()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var root = scheduler.Spawn(new DepthCoroutine(3, sleepAtBottomMs: 1000, trace: trace));
        scheduler.CallLater(400, root.Cancel);

        scheduler.Run();

        Assert.Equal(CoroutineStatus.Canceled, root.Status);
        Assert.Equal(new[] { "t=0.4 finally 0", "t=0.4 finally 1", "t=0.4 finally 2", "t=0.4 finally 3" }, trace.Lines);
        Assert.Equal(TimeSpan.FromMilliseconds(400), scheduler.Now); // the cancelled sleep was not waited for
        Assert.Throws<OperationCanceledException>(() => root.Result);
    }

    [Fact]
    public void A_caller_that_cancelled_itself_does_not_start_its_callee()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var callee = new DepthCoroutine(0);
        var caller = scheduler.Spawn(new StepsCoroutine<int>("caller", null, (step, self) =>
        {
            self.Cancel();
            return Suspension.Call(callee);
        }));

        scheduler.Run();

        Assert.Equal(CoroutineStatus.Canceled, caller.Status);
        Assert.Equal(CoroutineStatus.Canceled, callee.Status);
    }

    [Fact]
    public void Nested_calls_allocate_nothing_but_the_callees()
    {
        var perCall = CallChains.PerLevel(depth => new DepthCoroutine(depth, sleepAtBottomMs: 1));

        Assert.Equal(CallChains.PerFrame(n => new DepthCoroutine(n)), perCall);
    }

    [Fact]
    public void Calling_outside_a_step_or_calling_twice_is_refused()
    {
        var callee = new DepthCoroutine(0);
        var outside = Assert.Throws<InvalidOperationException>(() => Suspension.Call(callee));
        Assert.Contains("scheduler runs a coroutine's step", outside.Message);

        var scheduler = new Scheduler(new VirtualClock());
        var spawned = scheduler.Spawn(new DepthCoroutine(0));
        InvalidOperationException? twice = null;
        scheduler.Spawn(new StepsCoroutine<int>("caller", null, (step, self) =>
        {
            twice = Assert.Throws<InvalidOperationException>(() => Suspension.Call(spawned));
            return self.Return(0);
        }));
        scheduler.Run();
        Assert.Contains("cannot be called: it was already spawned or called", twice!.Message);
        Assert.Throws<ArgumentNullException>(() => Suspension.Call(null!));
    }
}
