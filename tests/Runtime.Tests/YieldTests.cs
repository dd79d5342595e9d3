using System;
using System.Threading;
using Xunit;

namespace Coroutines.Tests;

public class YieldTests
{
    [Fact]
    public void Sleep_called_directly_on_a_current_virtual_clock_advances_it()
    {
        var clock = new VirtualClock();
        using (Clock.Use(clock))
        {
            Yield.Sleep(1500);
            Assert.Equal(TimeSpan.FromMilliseconds(1500), clock.Now);
            Yield.Sleep(TimeSpan.FromSeconds(2));
            Assert.Equal(TimeSpan.FromMilliseconds(3500), clock.Now);
            Yield.Sleep(0);
            Assert.Equal(TimeSpan.FromMilliseconds(3500), clock.Now);
        }
    }

    [Fact]
    public void The_seed_workers_run_sequentially_take_the_sum_of_their_times()
    {
        // The sequential model the seed contrasts with: 5 x 1 s, then 1 x 5 s = 10 s.
        var clock = new VirtualClock();
        var trace = new Trace();
        void Work(string name, int steps, int delayMs)
        {
            for (var step = 1; step <= steps; step++)
            {
                Yield.Sleep(delayMs);
                trace.Add($"{name} step {step}");
            }
        }

        using (Clock.Use(clock))
        {
            Work("fast", 5, 1000);
            Work("slow", 1, 5000);
        }

        Assert.Equal(
            new[] { "t=1 fast step 1", "t=2 fast step 2", "t=3 fast step 3", "t=4 fast step 4", "t=5 fast step 5", "t=10 slow step 1" },
            trace.Lines);
        Assert.Equal(TimeSpan.FromSeconds(10), clock.Now);
    }

    [Fact]
    public void Sleep_called_directly_on_the_real_clock_blocks_at_least_that_long()
    {
        var clock = new SystemClock();
        using (Clock.Use(clock))
        {
            var before = clock.Now;
            Yield.Sleep(30);
            Assert.True(clock.Now - before >= TimeSpan.FromMilliseconds(30));
        }
    }

    [Fact]
    public void Sleep_on_a_system_clock_woken_early_keeps_waiting_until_its_deadline()
    {
        var clock = new SystemClock();
        var waker = new Thread(() =>
        {
            Thread.Sleep(10);
            clock.Wake();
        });
        using (Clock.Use(clock))
        {
            var before = clock.Now;
            waker.Start();
            Yield.Sleep(200);
            Assert.True(clock.Now - before >= TimeSpan.FromMilliseconds(200));
        }
        waker.Join();
    }

    [Fact]
    public void Negative_sleeps_throw()
    {
        var byMs = Assert.Throws<ArgumentOutOfRangeException>(() => Yield.Sleep(-1));
        Assert.Equal("milliseconds", byMs.ParamName);
        var bySpan = Assert.Throws<ArgumentOutOfRangeException>(() => Yield.Sleep(TimeSpan.FromTicks(-1)));
        Assert.Equal("delay", bySpan.ParamName);
    }
}
