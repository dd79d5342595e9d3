using System;
using System.Linq;
using Xunit;

namespace Coroutines.Tests.Scopes;

/// <summary>Yield.Scope and Yield.Shield, written as [Coroutine] methods on a virtual clock.</summary>
public partial class ScopeTests
{
    [Coroutine]
    private static void Worker(string name, int ms, Trace trace)
    {
        try
        {
            trace.Add($"{name} start");
            Yield.Sleep(ms);
            trace.Add($"{name} end");
        }
        finally
        {
            trace.Add($"{name} finally");
        }
    }

    [Coroutine]
    private static void Crasher(string name, int ms, Trace trace)
    {
        Yield.Sleep(ms);
        trace.Add($"{name} throws");
        throw new InvalidOperationException(name);
    }

    [Coroutine]
    private static int Body(Trace trace)
    {
        Yield.Spawn(WorkerCoroutine("a", 100, trace));
        Yield.Spawn(WorkerCoroutine("b", 300, trace));
        Yield.Sleep(0); // the children take their first step before this one resumes
        trace.Add("body end");
        return 7;
    }

    [Coroutine]
    private static int Parent(Trace trace)
    {
        int result = Yield.Scope(BodyCoroutine(trace));
        trace.Add($"parent got {result}");
        return result;
    }

    [Fact]
    public void A_scope_ends_when_its_body_and_every_child_have_ended()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var parent = scheduler.Spawn(ParentCoroutine(trace));

        scheduler.Run();

        Assert.Equal(7, parent.Result);
        Assert.Equal(
            new[] { "t=0 a start", "t=0 b start", "t=0 body end", "t=0.1 a end", "t=0.1 a finally", "t=0.3 b end", "t=0.3 b finally", "t=0.3 parent got 7" },
            trace.Lines);
    }

    [Coroutine]
    private static void FaultyBody(Trace trace)
    {
        Yield.Spawn(WorkerCoroutine("a", 1000, trace));
        Yield.Spawn(CrasherCoroutine("crash", 100, trace));
        Yield.Spawn(WorkerCoroutine("b", 1000, trace));
        Yield.Sleep(5000);
        trace.Add("body never ends normally");
    }

    [Coroutine]
    private static void CatchingParent(Coroutine body, Trace trace)
    {
        try
        {
            Yield.Scope(body);
        }
        catch (Exception e)
        {
            trace.Add($"parent caught {e.GetType().Name}: {e.Message}");
        }
    }

    [Fact]
    public void A_child_fault_cancels_its_siblings_and_the_body_then_propagates_after_their_finally_blocks()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var unobserved = 0;
        scheduler.UnobservedFault += (_, _) => unobserved++;
        scheduler.Spawn(CatchingParentCoroutine(FaultyBodyCoroutine(trace), trace));

        scheduler.Run();

        // The siblings unwind in the order they joined the scope (a, b), then the parent sees the fault.
        Assert.Equal(
            new[] { "t=0 a start", "t=0 b start", "t=0.1 crash throws", "t=0.1 a finally", "t=0.1 b finally", "t=0.1 parent caught InvalidOperationException: crash" },
            trace.Lines);
        Assert.Equal(0, unobserved); // the scope observed the fault and rethrew it
        Assert.Equal(TimeSpan.FromMilliseconds(100), scheduler.Now);
    }

    [Coroutine]
    private static void TwoCrashesBody(Trace trace)
    {
        Yield.Spawn(CrasherWithCleanupCoroutine("x", trace));
        Yield.Spawn(CrasherCoroutine("y", 100, trace));
        Yield.Sleep(1000);
    }

    [Coroutine]
    private static void CrasherWithCleanup(string name, Trace trace)
    {
        try
        {
            Yield.Sleep(1000);
        }
        finally
        {
            trace.Add($"{name} cleanup");
            Yield.Sleep(10); // a finally that suspends; its own fault is a second one
            throw new InvalidOperationException(name);
        }
    }

    [Fact]
    public void Several_faults_come_out_together_as_an_AggregateException_in_the_order_they_happened()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        AggregateException? caught = null;
        var parent = scheduler.Spawn(CatchingParentCoroutine(TwoCrashesBodyCoroutine(trace), trace));
        scheduler.Run();

        Assert.Contains("t=0.11 parent caught AggregateException: 2 coroutines of the scope", string.Join("\n", trace.Lines), StringComparison.Ordinal);
        var scheduler2 = new Scheduler(new VirtualClock());
        var body = TwoCrashesBodyCoroutine(new Trace());
        var raw = scheduler2.Spawn(RawScopeCoroutine(body));
        scheduler2.Run();
        caught = Assert.IsType<AggregateException>(raw.Exception);
        Assert.Equal(new[] { "y", "x" }, caught.InnerExceptions.Select(e => e.Message));
        Assert.Equal(CoroutineStatus.Completed, parent.Status);
    }

    [Coroutine]
    private static void RawScope(Coroutine body) => Yield.Scope(body);

    [Fact]
    public void Cancelling_the_parent_cancels_every_member_and_the_parent_resumes_only_after_their_finally_blocks()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var parent = scheduler.Spawn(ObservingParentCoroutine(trace));
        scheduler.CallLater(50, parent.Cancel);

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0 a start", "t=0 b start", "t=0 body end", "t=0.05 a finally", "t=0.05 b finally", "t=0.05 parent finally (cancelled)" },
            trace.Lines);
        Assert.Equal(CoroutineStatus.Canceled, parent.Status);
    }

    [Coroutine]
    private static void ObservingParent(Trace trace)
    {
        try
        {
            Yield.Scope(BodyCoroutine(trace));
        }
        finally
        {
            trace.Add("parent finally (cancelled)");
        }
    }

    [Coroutine]
    private static void SlowCleanup(string name, Trace trace)
    {
        try
        {
            Yield.Sleep(1000);
        }
        finally
        {
            Yield.Shield(FlushCoroutine(name, trace)); // cleanup that suspends, shielded from a second cancel
        }
    }

    [Coroutine]
    private static void Flush(string name, Trace trace)
    {
        trace.Add($"{name} flushing");
        Yield.Sleep(100);
        trace.Add($"{name} flushed");
    }

    [Coroutine]
    private static void SlowCleanupBody(Trace trace)
    {
        Yield.Spawn(SlowCleanupCoroutine("child", trace), "child");
        Yield.Sleep(1000);
    }

    [Fact]
    public void Cancelling_the_parent_waits_for_cleanup_that_suspends_in_a_shield()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var parent = scheduler.Spawn(ObservingParentCoroutine2(trace));
        scheduler.CallLater(50, parent.Cancel);
        var child = (Coroutine?)null;
        scheduler.CallLater(60, () =>
        {
            child = scheduler.Tagged("scoped").Single(c => c.Name == "child");
            child.Cancel(); // a second cancellation, during the shielded flush: deferred
        });

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0.05 child flushing", "t=0.15 child flushed", "t=0.15 parent done" },
            trace.Lines);
        Assert.Equal(CoroutineStatus.Canceled, child!.Status);
        Assert.Equal(CoroutineStatus.Canceled, parent.Status);
    }

    [Coroutine]
    private static void ObservingParentCoroutine2Body(Trace trace)
    {
        try
        {
            Yield.Scope(SlowCleanupBodyCoroutine(trace));
        }
        finally
        {
            trace.Add("parent done");
        }
    }

    private static Coroutine ObservingParentCoroutine2(Trace trace)
    {
        var parent = ObservingParentCoroutine2BodyCoroutine(trace).WithTag("scoped");
        return parent;
    }

    [Coroutine]
    private static void Outer(Trace trace)
    {
        Yield.Spawn(WorkerCoroutine("outer-child", 500, trace));
        Yield.Scope(InnerBodyCoroutine(trace));
        trace.Add("inner scope ended");
    }

    [Coroutine]
    private static void InnerBody(Trace trace)
    {
        Yield.Spawn(WorkerCoroutine("inner-child", 1000, trace));
        Yield.Spawn(CrasherCoroutine("inner-crash", 100, trace));
        Yield.Sleep(0);
    }

    [Fact]
    public void Nested_scopes_a_fault_in_the_inner_one_unwinds_inner_then_outer_members_from_the_inside_out()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var parent = scheduler.Spawn(CatchingParentCoroutine(OuterCoroutine(trace), trace));

        scheduler.Run();

        Assert.Equal(
            new[]
            {
                "t=0 outer-child start", "t=0 inner-child start",
                "t=0.1 inner-crash throws", "t=0.1 inner-child finally", // the inner scope unwinds first
                "t=0.1 outer-child finally",                            // then the inner fault, out of Outer, cancels the outer siblings
                "t=0.1 parent caught InvalidOperationException: inner-crash",
            },
            trace.Lines);
        Assert.Equal(CoroutineStatus.Completed, parent.Status);
    }

    [Fact]
    public void A_child_cannot_outlive_its_scope_even_when_the_body_returns_at_once()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var parent = scheduler.Spawn(ParentCoroutine(trace));
        var parentEndedAt = TimeSpan.MinValue;
        scheduler.Observer = new EndWatcher(parent, t => parentEndedAt = t);

        scheduler.Run();

        Assert.Equal(TimeSpan.FromMilliseconds(300), parentEndedAt); // b, the longest child, ended at 0.3
    }

    [Fact]
    public void Called_directly_a_scope_runs_its_members_on_a_private_scheduler_and_rethrows_a_fault()
    {
        var trace = new Trace();
        using (Clock.Use(new VirtualClock()))
        {
            Assert.Equal(7, Yield.Scope(BodyCoroutine(trace)));
            var error = Assert.Throws<InvalidOperationException>(() => Yield.Scope(FaultyBodyCoroutine(trace)));
            Assert.Equal("crash", error.Message);
        }
        Assert.Contains("t=0.4 a finally", trace.Lines);
    }

    [Fact]
    public void A_waiting_parent_describes_its_scope()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var parent = scheduler.Spawn(ParentCoroutine(new Trace()));
        string? seen = null;
        scheduler.CallLater(50, () => seen = parent.WaitingOn!.ToString());

        scheduler.Run();

        Assert.Equal("scope of 'Body' (2 of 3 running: 'Worker', 'Worker')", seen); // the body ended at t=0; a and b sleep
    }

    [Coroutine]
    private static void CrashOnlyBody(Trace trace)
    {
        Yield.Spawn(CrasherCoroutine("crash", 100, trace));
        Yield.Sleep(0);
    }

    [Fact]
    public void A_parent_cancelled_after_its_scope_ended_with_a_fault_but_before_it_resumed_still_gets_the_fault()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var parent = scheduler.Spawn(CatchingParentCoroutine(CrashOnlyBodyCoroutine(trace), trace));
        // Queued at t=0.05, after the crasher's sleep: at t=0.1 it runs once the fault has woken the parent.
        scheduler.CallLater(50, () => scheduler.CallLater(50, () =>
        {
            Assert.Equal(CoroutineStatus.Ready, parent.Status);
            parent.Cancel();
        }));

        scheduler.Run();

        Assert.Equal(new[] { "t=0.1 crash throws", "t=0.1 parent caught InvalidOperationException: crash" }, trace.Lines);
    }

    private sealed class Holder
    {
        public Coroutine? Self;
    }

    [Coroutine]
    private static void SelfCancelling(Holder holder, Trace trace)
    {
        Yield.Sleep(10);
        holder.Self!.Cancel(); // cancelled while it runs: acted on at its next suspension, the scope
        try
        {
            Yield.Scope(BodyCoroutine(trace));
        }
        finally
        {
            trace.Add("parent finally");
        }
    }

    [Fact]
    public void A_coroutine_cancelled_while_it_runs_that_then_opens_a_scope_ends_cancelled_after_its_members()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var holder = new Holder();
        var parent = scheduler.Spawn(SelfCancellingCoroutine(holder, trace));
        holder.Self = parent;

        scheduler.Run();

        Assert.Equal(new[] { "t=0.01 parent finally" }, trace.Lines); // the body was cancelled before its first step
        Assert.Equal(CoroutineStatus.Canceled, parent.Status);
    }

    private sealed class EndWatcher(Coroutine watched, Action<TimeSpan> ended) : ISchedulerObserver
    {
        public void OnCompleted(Coroutine coroutine, TimeSpan time)
        {
            if (coroutine == watched)
            {
                ended(time);
            }
        }
    }
}
