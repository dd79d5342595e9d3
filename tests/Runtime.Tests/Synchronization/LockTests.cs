using System;
using Xunit;

namespace Coroutines.Tests.Synchronization;

/// <summary>Lock, written as [Coroutine] methods: FIFO hand-over, release on every exit path, cancellation safety.</summary>
public partial class LockTests
{
    [Coroutine]
    private static void Critical(string name, Lock gate, int holdMs, Trace trace)
    {
        var held = gate.Acquire(); // suspends while another coroutine holds it
        using (held)
        {
            trace.Add($"{name} in");
            Yield.Sleep(holdMs);
            trace.Add($"{name} out");
        }
    }

    [Coroutine]
    private static void Failing(Lock gate, Trace trace)
    {
        var held = gate.Acquire();
        using (held)
        {
            trace.Add("failing in");
            Yield.Sleep(10);
            throw new InvalidOperationException("boom");
        }
    }

    [Fact]
    public void Holders_take_turns_first_come_first_served()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var gate = new Lock("door");
        scheduler.Spawn(CriticalCoroutine("a", gate, 100, trace));
        scheduler.Spawn(CriticalCoroutine("b", gate, 100, trace));
        scheduler.Spawn(CriticalCoroutine("c", gate, 100, trace));

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0 a in", "t=0.1 a out", "t=0.1 b in", "t=0.2 b out", "t=0.2 c in", "t=0.3 c out" },
            trace.Lines);
        Assert.False(gate.IsHeld);
    }

    [Fact]
    public void The_lock_is_released_when_the_holder_faults_and_when_it_is_cancelled()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        scheduler.UnobservedFault += (_, _) => { };
        var gate = new Lock();
        var failing = scheduler.Spawn(FailingCoroutine(gate, trace));
        var cancelled = scheduler.Spawn(CriticalCoroutine("cancelled", gate, 1000, trace));
        var last = scheduler.Spawn(CriticalCoroutine("last", gate, 10, trace));
        scheduler.CallLater(50, cancelled.Cancel); // it holds the lock from t=0.01

        scheduler.Run();

        Assert.Equal(CoroutineStatus.Faulted, failing.Status);
        Assert.Equal(CoroutineStatus.Canceled, cancelled.Status);
        Assert.Equal(new[] { "t=0 failing in", "t=0.01 cancelled in", "t=0.05 last in", "t=0.06 last out" }, trace.Lines);
        Assert.False(gate.IsHeld);
    }

    [Fact]
    public void A_waiter_cancelled_in_line_takes_nothing_and_the_next_one_gets_the_lock()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var gate = new Lock();
        scheduler.Spawn(CriticalCoroutine("a", gate, 100, trace));
        var b = scheduler.Spawn(CriticalCoroutine("b", gate, 100, trace));
        scheduler.Spawn(CriticalCoroutine("c", gate, 100, trace));
        scheduler.CallLater(50, () =>
        {
            Assert.Equal(2, gate.WaitingCount);
            b.Cancel();
            Assert.Equal(1, gate.WaitingCount);
        });

        scheduler.Run();

        Assert.Equal(CoroutineStatus.Canceled, b.Status);
        Assert.Equal(new[] { "t=0 a in", "t=0.1 a out", "t=0.1 c in", "t=0.2 c out" }, trace.Lines);
        Assert.False(gate.IsHeld);
    }

    [Fact]
    public void A_waiter_cancelled_after_the_lock_was_handed_to_it_but_before_it_ran_passes_it_on()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var gate = new Lock();
        scheduler.Spawn(CriticalCoroutine("a", gate, 100, trace));
        var b = scheduler.Spawn(CriticalCoroutine("b", gate, 100, trace));
        scheduler.Spawn(CriticalCoroutine("c", gate, 100, trace));
        // At t=0.1 a releases the lock to b (woken, not run yet); a callback due at the same time, queued after a's sleep, runs after a's step.
        scheduler.CallLater(50, () => scheduler.CallLater(50, () =>
        {
            Assert.Equal(CoroutineStatus.Ready, b.Status);
            b.Cancel();
        }));

        scheduler.Run();

        Assert.Equal(new[] { "t=0 a in", "t=0.1 a out", "t=0.1 c in", "t=0.2 c out" }, trace.Lines);
        Assert.False(gate.IsHeld);
    }

    [Coroutine]
    private static void Twice(Lock gate)
    {
        var first = gate.Acquire();
        using (first)
        {
            var second = gate.Acquire();
            second.Dispose();
        }
    }

    [Fact]
    public void Acquiring_a_held_lock_again_throws_instead_of_waiting_for_ever()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var gate = new Lock("door");
        var twice = scheduler.Spawn(TwiceCoroutine(gate));

        scheduler.Run();

        var error = Assert.Throws<InvalidOperationException>(twice.GetResult);
        Assert.Contains("already holds lock 'door'", error.Message, StringComparison.Ordinal);
        Assert.False(gate.IsHeld); // the first using released it as the exception left
    }

    [Fact]
    public void Outside_a_coroutine_a_free_lock_is_taken_and_a_held_one_throws()
    {
        var gate = new Lock("door");
        using (gate.Acquire())
        {
            Assert.True(gate.IsHeld);
            Assert.Contains("lock 'door' (held", Assert.Throws<InvalidOperationException>(() => gate.Acquire()).Message, StringComparison.Ordinal);
        }
        Assert.False(gate.IsHeld);
        Assert.Throws<InvalidOperationException>(() => gate.Release());
    }

    [Fact]
    public void A_waiting_coroutine_describes_the_lock_it_waits_for()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var gate = new Lock("door");
        var a = scheduler.Spawn(CriticalCoroutine("a", gate, 100, new Trace()).WithName("a"));
        var b = scheduler.Spawn(CriticalCoroutine("b", gate, 100, new Trace()));
        scheduler.CallLater(50, () => Assert.Equal("lock 'door' (held by 'a', 1 waiting)", b.WaitingOn!.ToString()));

        scheduler.Run();
        Assert.Equal(CoroutineStatus.Completed, a.Status);
    }
}
