using System;
using System.Collections.Generic;
using Xunit;

namespace Coroutines.Tests.Synchronization;

/// <summary>Semaphore and Event, written as [Coroutine] methods.</summary>
public partial class SemaphoreTests
{
    [Coroutine]
    private static void Use(string name, Semaphore pool, int ms, Trace trace)
    {
        var permit = pool.Acquire();
        using (permit)
        {
            trace.Add($"{name} in ({pool.CurrentCount} free)");
            Yield.Sleep(ms);
        }
    }

    [Fact]
    public void At_most_the_permits_are_taken_and_waiters_are_served_first_come_first_served()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var pool = new Semaphore(2, "pool");
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            scheduler.Spawn(UseCoroutine(name, pool, 100, trace));
        }
        string? described = null;
        scheduler.CallLater(50, () => described = pool.ToString());

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0 a in (1 free)", "t=0 b in (0 free)", "t=0.1 c in (0 free)", "t=0.1 d in (0 free)", "t=0.2 e in (1 free)" },
            trace.Lines);
        Assert.Equal("semaphore 'pool' (0 of 2 free, 3 waiting)", described);
        Assert.Equal(2, pool.CurrentCount);
    }

    [Coroutine]
    private static void WaitRelease(Semaphore pool, Trace trace)
    {
        pool.Wait();
        try
        {
            trace.Add("took");
            Yield.Sleep(100);
        }
        finally
        {
            pool.Release();
        }
    }

    [Fact]
    public void A_waiter_cancelled_in_line_takes_nothing_and_one_cancelled_after_it_was_handed_a_permit_passes_it_on()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var pool = new Semaphore(1);
        scheduler.Spawn(UseCoroutine("a", pool, 100, trace));
        var inLine = scheduler.Spawn(UseCoroutine("in-line", pool, 100, trace));
        var handed = scheduler.Spawn(UseCoroutine("handed", pool, 100, trace));
        scheduler.Spawn(UseCoroutine("last", pool, 100, trace));
        scheduler.CallLater(50, () =>
        {
            inLine.Cancel();
            Assert.Equal(2, pool.WaitingCount);
            scheduler.CallLater(50, () =>
            {
                Assert.Equal(CoroutineStatus.Ready, handed.Status); // a released to it in this pass
                handed.Cancel();
            });
        });

        scheduler.Run();

        Assert.Equal(new[] { "t=0 a in (0 free)", "t=0.1 last in (0 free)" }, trace.Lines);
        Assert.Equal(1, pool.CurrentCount);
        Assert.Equal(0, pool.WaitingCount);
    }

    [Fact]
    public void Releasing_more_than_was_taken_throws_and_outside_a_coroutine_no_permit_throws()
    {
        var pool = new Semaphore(1, "pool");
        Assert.Contains("released more times", Assert.Throws<InvalidOperationException>(pool.Release).Message, StringComparison.Ordinal);
        pool.Wait();
        Assert.False(pool.TryWait());
        Assert.Contains("semaphore 'pool' (0 of 1 free)", Assert.Throws<InvalidOperationException>(pool.Wait).Message, StringComparison.Ordinal);
        pool.Release();
        Assert.Throws<ArgumentOutOfRangeException>(() => new Semaphore(0));
    }

    [Coroutine]
    private static void Waiter(string name, Event ready, Trace trace)
    {
        ready.Wait();
        trace.Add($"{name} woke");
    }

    [Coroutine]
    private static void Setter(Event ready, int ms, Trace trace)
    {
        Yield.Sleep(ms);
        trace.Add("set");
        ready.Set();
        ready.Reset(); // no wake-up is lost: the three waiting resume anyway
    }

    [Fact]
    public void Set_wakes_every_waiter_in_order_even_if_reset_at_once_and_a_cancelled_waiter_leaves_the_line()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var ready = new Event(name: "ready");
        scheduler.Spawn(WaiterCoroutine("a", ready, trace));
        var b = scheduler.Spawn(WaiterCoroutine("b", ready, trace));
        scheduler.Spawn(WaiterCoroutine("c", ready, trace));
        scheduler.Spawn(SetterCoroutine(ready, 100, trace));
        string? described = null;
        scheduler.CallLater(50, () =>
        {
            described = ready.ToString();
            b.Cancel();
        });

        scheduler.Run();

        Assert.Equal("event 'ready' (not set, 3 waiting)", described);
        Assert.Equal(new[] { "t=0.1 set", "t=0.1 a woke", "t=0.1 c woke" }, trace.Lines);
        Assert.Equal(0, ready.WaitingCount);
        Assert.False(ready.IsSet);
    }

    [Fact]
    public void A_set_event_lets_waits_through_at_once()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var ready = new Event(set: true);
        scheduler.Spawn(WaiterCoroutine("a", ready, trace));

        scheduler.Run();

        Assert.Equal(new[] { "t=0 a woke" }, trace.Lines);
        ready.Wait(); // outside a coroutine: set, so it returns
        ready.Reset();
        Assert.Throws<InvalidOperationException>(ready.Wait);
    }

    [Coroutine]
    private static int Churn(Semaphore pool, Lock gate, Event go, int rounds)
    {
        int done = 0;
        for (int i = 0; i < rounds; i++)
        {
            go.Wait();                 // waits for the pinger's next Set
            pool.Wait();               // the other workers hold the permit across a pass: they queue
            Yield.Sleep(0);
            pool.Release();
            var held = gate.Acquire(); // likewise for the lock
            Yield.Sleep(0);
            held.Dispose();
            done++;
        }
        return done;
    }

    [Coroutine]
    private static void Pinger(Event go, Func<bool> finished)
    {
        while (!finished())
        {
            go.Set();
            go.Reset();
            Yield.Sleep(0);
        }
    }

    [Fact]
    public void Waiting_on_a_lock_semaphore_or_event_allocates_nothing_after_the_first_waits()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var pool = new Semaphore(1);
        var gate = new Lock();
        var go = new Event();
        var workers = new List<Coroutine<int>>();
        for (var i = 0; i < 4; i++)
        {
            workers.Add(scheduler.Spawn(ChurnCoroutine(pool, gate, go, 2_000)));
        }
        scheduler.Spawn(PingerCoroutine(go, () => workers.TrueForAll(w => w.IsFinished)));
        // Warm up: every worker has waited (pooled waiter nodes and the coroutines' extras exist), and
        // the ready queue has cycled through its chunks (its first wrap allocates a spare chunk).
        for (var pass = 0; pass < 600; pass++)
        {
            scheduler.RunDue();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var pass = 0; pass < 1_000; pass++)
        {
            scheduler.RunDue();
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.All(workers, w => Assert.False(w.IsFinished)); // the 1,000 measured passes were all waits and wake-ups
        scheduler.Run();
        Assert.All(workers, w => Assert.Equal(2_000, w.Result));
    }
}
