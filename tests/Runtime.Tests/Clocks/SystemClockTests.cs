using System;
using System.Diagnostics;
using System.Threading;
using Xunit;

namespace Coroutines.Tests.Clocks;

// Real time: only lower bounds (a wait cannot end before its deadline) and very generous upper
// bounds (an early wake must not wait for a 10 s deadline). Never a tight timing assertion.
public class SystemClockTests
{
    [Fact]
    public void Now_starts_near_zero_and_never_goes_backwards()
    {
        var clock = new SystemClock();
        var previous = clock.Now;
        Assert.True(previous >= TimeSpan.Zero);
        Assert.True(previous < TimeSpan.FromSeconds(5));
        for (var i = 0; i < 10_000; i++)
        {
            var now = clock.Now;
            Assert.True(now >= previous);
            previous = now;
        }
    }

    [Fact]
    public void WaitUntil_returns_true_once_the_deadline_is_reached()
    {
        var clock = new SystemClock();
        var deadline = clock.Now + TimeSpan.FromMilliseconds(30);
        Assert.True(clock.WaitUntil(deadline));
        Assert.True(clock.Now >= deadline);
    }

    [Fact]
    public void WaitUntil_a_past_deadline_returns_at_once()
    {
        var clock = new SystemClock();
        Assert.True(clock.WaitUntil(TimeSpan.Zero));
    }

    [Fact]
    public void Wake_before_a_wait_ends_the_next_wait_early_and_only_that_one()
    {
        var clock = new SystemClock();
        clock.Wake();
        var watch = Stopwatch.StartNew();
        Assert.False(clock.WaitUntil(clock.Now + TimeSpan.FromSeconds(10)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));

        var deadline = clock.Now + TimeSpan.FromMilliseconds(20);
        Assert.True(clock.WaitUntil(deadline));
        Assert.True(clock.Now >= deadline);
    }

    [Fact]
    public void Wake_from_another_thread_ends_a_current_wait_early()
    {
        var clock = new SystemClock();
        var waker = new Thread(() =>
        {
            Thread.Sleep(50);
            clock.Wake();
        });
        var watch = Stopwatch.StartNew();
        waker.Start();
        var reached = clock.WaitUntil(clock.Now + TimeSpan.FromSeconds(10));
        waker.Join();
        Assert.False(reached);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void One_wake_ends_the_waits_of_every_waiting_thread()
    {
        var clock = new SystemClock();
        var results = new bool?[3];
        var waiting = new CountdownEvent(results.Length);
        var waiters = new Thread[results.Length];
        for (var i = 0; i < waiters.Length; i++)
        {
            var n = i;
            waiters[i] = new Thread(() =>
            {
                waiting.Signal();
                results[n] = clock.WaitUntil(clock.Now + TimeSpan.FromSeconds(10));
            });
            waiters[i].Start();
        }
        waiting.Wait();
        var watch = Stopwatch.StartNew();

        // A waiter that has not reached Monitor.Wait yet still sees the wake at its next check.
        clock.Wake();
        foreach (var waiter in waiters)
        {
            waiter.Join();
        }

        Assert.All(results, r => Assert.False(r));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"waiters took {watch.Elapsed}");
    }
}
