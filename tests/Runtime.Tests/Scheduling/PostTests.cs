using System;
using System.Diagnostics;
using System.Threading;
using Xunit;

namespace Coroutines.Tests.Scheduling;

// Real-clock tests: the loop waits for a 5 s timer and another thread posts after 50 ms. The
// bounds are deliberately loose (well under 5 s); they check that the wait was woken, not speed.
public class PostTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(4);

    [Fact]
    public void Post_from_another_thread_wakes_a_loop_waiting_on_the_system_clock()
    {
        var scheduler = new Scheduler(); // real time
        var timerRan = false;
        var timer = scheduler.CallLater(TimeSpan.FromSeconds(5), () => timerRan = true);
        var postedRanOnThread = -1;
        TimeSpan? postedRanAt = null;
        var poster = new Thread(() =>
        {
            Thread.Sleep(50);
            scheduler.Post(() =>
            {
                postedRanOnThread = Environment.CurrentManagedThreadId;
                postedRanAt = scheduler.Now;
                timer.Cancel(); // nothing is left: Run returns
            });
        });
        var watch = Stopwatch.StartNew();
        poster.Start();

        scheduler.Run();

        watch.Stop();
        poster.Join();
        Assert.NotNull(postedRanAt);
        Assert.True(postedRanAt < Generous, $"posted action ran at {postedRanAt}");
        Assert.True(watch.Elapsed < Generous, $"Run took {watch.Elapsed}");
        Assert.Equal(Environment.CurrentManagedThreadId, postedRanOnThread);
        Assert.False(timerRan);
        Assert.True(timer.IsCanceled);
    }

    [Fact]
    public void Posting_Stop_from_another_thread_ends_a_waiting_Run_and_keeps_the_pending_timer()
    {
        var scheduler = new Scheduler();
        var timerRan = false;
        var timer = scheduler.CallLater(TimeSpan.FromSeconds(5), () => timerRan = true);
        var poster = new Thread(() =>
        {
            Thread.Sleep(50);
            scheduler.Post(scheduler.Stop);
        });
        var watch = Stopwatch.StartNew();
        poster.Start();

        scheduler.Run();

        watch.Stop();
        poster.Join();
        Assert.True(watch.Elapsed < Generous, $"Run took {watch.Elapsed}");
        Assert.False(timerRan);
        Assert.False(timer.IsCanceled);
        Assert.Equal(1, scheduler.TimerEntryCount);
        Assert.False(scheduler.IsRunning);
    }

    [Fact]
    public void Post_wakes_a_waiting_loop_on_the_shared_default_clock()
    {
        var scheduler = new Scheduler(SystemClock.Default);
        var timer = scheduler.CallLater(TimeSpan.FromSeconds(5), () => { });
        var poster = new Thread(() =>
        {
            Thread.Sleep(50);
            scheduler.Post(timer.Cancel);
        });
        var watch = Stopwatch.StartNew();
        poster.Start();

        scheduler.Run();

        poster.Join();
        Assert.True(watch.Elapsed < Generous, $"Run took {watch.Elapsed}");
        Assert.True(timer.IsCanceled);
    }

    [Fact]
    public void Post_wakes_the_loop_even_when_another_thread_is_waiting_on_the_same_clock()
    {
        // Another thread blocks in Yield.Sleep on the scheduler's clock: the wake must reach the
        // loop too, not only whichever waiter happens to take it first.
        var clock = new SystemClock();
        var scheduler = new Scheduler(clock);
        var timer = scheduler.CallLater(TimeSpan.FromSeconds(5), () => { });
        var sleeperStarted = new ManualResetEventSlim();
        var sleeper = new Thread(() =>
        {
            using (Clock.Use(clock))
            {
                sleeperStarted.Set();
                Yield.Sleep(1500);
            }
        });
        sleeper.Start();
        sleeperStarted.Wait();
        TimeSpan? postedRanAt = null;
        var poster = new Thread(() =>
        {
            Thread.Sleep(50);
            scheduler.Post(() =>
            {
                postedRanAt = scheduler.Now;
                timer.Cancel();
            });
        });
        poster.Start();

        scheduler.Run();

        poster.Join();
        sleeper.Join();
        Assert.NotNull(postedRanAt);
        // Woken at about 50 ms; a lost wake would leave it waiting for the 5 s timer.
        Assert.True(postedRanAt < TimeSpan.FromSeconds(1.4), $"posted action ran at {postedRanAt}");
    }

    [Fact]
    public void Many_posts_from_several_threads_all_run_on_the_loop_thread()
    {
        var scheduler = new Scheduler();
        var timer = scheduler.CallLater(TimeSpan.FromSeconds(10), () => { });
        const int threads = 4;
        const int postsPerThread = 500;
        var ran = 0;
        var wrongThread = 0;
        var loopThread = Environment.CurrentManagedThreadId;
        var posters = new Thread[threads];
        for (var t = 0; t < threads; t++)
        {
            posters[t] = new Thread(() =>
            {
                for (var i = 0; i < postsPerThread; i++)
                {
                    scheduler.Post(() =>
                    {
                        if (Environment.CurrentManagedThreadId != loopThread)
                        {
                            wrongThread++;
                        }
                        if (++ran == threads * postsPerThread)
                        {
                            timer.Cancel();
                        }
                    });
                }
            });
            posters[t].Start();
        }

        scheduler.Run();

        foreach (var poster in posters)
        {
            poster.Join();
        }
        Assert.Equal(threads * postsPerThread, ran);
        Assert.Equal(0, wrongThread);
    }

    [Fact]
    public void Work_posted_before_Run_runs_in_its_first_pass()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var trace = new Trace();
        var other = new Thread(() => scheduler.Post(() => trace.Add("posted")));
        other.Start();
        other.Join();

        scheduler.Run();

        Assert.Equal(new[] { "t=0 posted" }, trace.Lines);
    }

    [Fact]
    public void Work_posted_from_the_loop_itself_runs_in_a_later_pass()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var order = new System.Collections.Generic.List<string>();
        scheduler.CallSoon(() =>
        {
            scheduler.Post(() => order.Add("posted"));
            scheduler.CallSoon(() => order.Add("soon"));
            order.Add("first");
        });

        scheduler.Run();

        Assert.Equal(new[] { "first", "soon", "posted" }, order);
    }
}
