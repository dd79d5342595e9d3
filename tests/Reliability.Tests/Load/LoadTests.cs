using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Coroutines.Reliability.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Coroutines.Reliability.Tests.Load;

/// <summary>
/// The scheduler under load: a million sleeping coroutines on the virtual clock, a hundred
/// thousand timers of which nine in ten are cancelled, and a storm of posts from four threads
/// into a loop that runs on the real clock. Sizes: LOAD_COROUTINES, LOAD_TIMERS, LOAD_POSTS.
/// </summary>
[Trait("Category", "Load")]
public sealed class LoadTests
{
    private const int StaleSlack = 128;
    private readonly ITestOutputHelper _output;

    public LoadTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void A_million_coroutines_sleep_ten_times_each_and_wake_in_deadline_order()
    {
        var count = Settings.LoadCoroutines;
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        var check = new WakeCheck();
        var coroutines = new TenSleeps[count];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            coroutines[i] = scheduler.Spawn(new TenSleeps(1 + (i % 7), check));
        }
        scheduler.Run();
        watch.Stop();

        Assert.Equal(0, check.Early);
        Assert.Equal(0, check.OutOfOrder);
        Assert.Equal(11L * count, check.Steps); // the first step, then one after each of the 10 sleeps
        Assert.Equal(count, check.Completed);
        Assert.Equal(TimeSpan.FromMilliseconds(70), clock.Now); // the slowest sleeps 10 x 7 ms
        Assert.All(coroutines, static c => Assert.Equal(CoroutineStatus.Completed, c.Status));
        Assert.True(scheduler.TimerEntryCount() == 0, $"{scheduler.TimerEntryCount()} entries left in the sleeping queue");
        _output.WriteLine($"{count} coroutines x 10 sleeps: {check.Steps} steps in {watch.Elapsed.TotalSeconds:0.00} s");
        Results.Write("load-sleepers", new Dictionary<string, object?>
        {
            ["coroutines"] = count,
            ["sleepsEach"] = 10,
            ["steps"] = check.Steps,
            ["seconds"] = Math.Round(watch.Elapsed.TotalSeconds, 2),
        });
    }

    [Fact]
    public void Of_100000_timers_90_percent_cancelled_exactly_the_rest_run_in_order_and_the_stale_entries_are_reclaimed()
    {
        var count = Settings.LoadTimers;
        var random = new Random(8);
        var scheduler = new Scheduler(new VirtualClock());
        var ran = new List<int>(count / 10);
        var handles = new TimerHandle[count];
        var deadlines = new int[count];
        for (var i = 0; i < count; i++)
        {
            var id = i;
            deadlines[i] = random.Next(1, 5_000); // ~20 timers per millisecond: plenty of ties
            handles[i] = scheduler.CallLater(deadlines[i], () => ran.Add(id));
        }
        Assert.Equal(count, scheduler.TimerEntryCount());

        // Nine in ten are cancelled: half of those before Run, the other half from a callback that
        // runs first (at 0 ms), when the loop is already running.
        var order = Enumerable.Range(0, count).OrderBy(_ => random.Next()).ToArray();
        var cancelled = order.Take(count * 9 / 10).ToHashSet();
        var beforeRun = order.Take(count * 9 / 20).ToArray();
        var fromLoop = order.Skip(count * 9 / 20).Take((count * 9 / 10) - (count * 9 / 20)).ToArray();
        foreach (var i in beforeRun)
        {
            handles[i].Cancel();
        }
        var afterHostCancels = scheduler.TimerEntryCount();
        var afterLoopCancels = -1;
        scheduler.CallLater(0, () =>
        {
            foreach (var i in fromLoop)
            {
                handles[i].Cancel();
            }
            afterLoopCancels = scheduler.TimerEntryCount();
        });
        scheduler.Run();

        var survivors = Enumerable.Range(0, count).Where(i => !cancelled.Contains(i)).ToList();
        // In order: by deadline, and in the order they were scheduled for equal deadlines.
        var expected = survivors.OrderBy(i => deadlines[i]).ThenBy(static i => i).ToList();
        Assert.Equal(count / 10, ran.Count);
        Assert.Equal(expected, ran);
        Assert.All(cancelled, i => Assert.False(handles[i].HasRun));

        // Reclaimed: after each wave of cancellations the sleeping queue holds at most about twice the live timers.
        var liveAfterHost = count - beforeRun.Length;
        var liveAfterLoop = count - cancelled.Count;
        Assert.True(afterHostCancels <= (2 * liveAfterHost) + StaleSlack, $"{afterHostCancels} entries for {liveAfterHost} live timers");
        Assert.True(afterLoopCancels <= (2 * liveAfterLoop) + StaleSlack, $"{afterLoopCancels} entries for {liveAfterLoop} live timers");
        Assert.True(scheduler.TimerEntryCount() <= StaleSlack, $"{scheduler.TimerEntryCount()} entries left after Run()");
        _output.WriteLine($"{count} timers: {cancelled.Count} cancelled, {ran.Count} ran; entries {count} -> {afterHostCancels} -> {afterLoopCancels} -> {scheduler.TimerEntryCount()}");
        Results.Write("load-timers", new Dictionary<string, object?>
        {
            ["timers"] = count,
            ["cancelled"] = cancelled.Count,
            ["ran"] = ran.Count,
            ["entriesAfterCancelling"] = afterLoopCancels,
        });
    }

    public enum StormEnd
    {
        /// <summary>The last item to run cancels the timer that keeps the loop alive: Run() returns, nothing left.</summary>
        LastItemCancelsKeepAlive,

        /// <summary>After all four threads are done, <c>Post(scheduler.Stop)</c>.</summary>
        StopPostedAtTheEnd,
    }

    [Theory]
    [InlineData(StormEnd.LastItemCancelsKeepAlive)]
    [InlineData(StormEnd.StopPostedAtTheEnd)]
    public void A_post_storm_from_four_threads_loses_nothing_and_runs_nothing_twice(StormEnd end)
    {
        const int Threads = 4;
        var perThread = Settings.LoadPostsPerThread;
        var total = Threads * perThread;
        var scheduler = new Scheduler(); // the system clock: the loop really waits, and each Post must wake it
        var runs = new int[total];
        var lastSeen = Enumerable.Repeat(-1, Threads).ToArray();
        var outOfOrder = 0;
        var wrongThread = 0;
        var processed = 0;
        var keepAliveFired = false;
        var loopThread = Environment.CurrentManagedThreadId;

        // A liveness guard, not a timing assertion: if posts were lost the loop would wait for it,
        // Run() would return when it fires, and the counts below would show what was lost.
        var keepAlive = scheduler.CallLater(TimeSpan.FromSeconds(60), () => keepAliveFired = true);
        var producers = new Thread[Threads];
        var start = new Barrier(Threads);
        for (var t = 0; t < Threads; t++)
        {
            var thread = t;
            producers[t] = new Thread(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < perThread; i++)
                {
                    var item = i;
                    scheduler.Post(() =>
                    {
                        if (Environment.CurrentManagedThreadId != loopThread)
                        {
                            wrongThread++;
                        }
                        runs[(thread * perThread) + item]++;
                        if (item <= lastSeen[thread])
                        {
                            outOfOrder++; // each thread's posts run in the order it posted them
                        }
                        lastSeen[thread] = item;
                        if (++processed == total && end == StormEnd.LastItemCancelsKeepAlive)
                        {
                            keepAlive.Cancel();
                        }
                    });
                    if ((i & 1023) == 0)
                    {
                        Thread.Yield(); // let the loop catch up and go back to waiting now and then
                    }
                }
            })
            { IsBackground = true, Name = $"poster {t}" };
        }
        Thread? finisher = null;
        var watch = Stopwatch.StartNew();
        // Start the producers from inside the running loop, so every post lands in a live loop.
        scheduler.CallSoon(() =>
        {
            foreach (var producer in producers)
            {
                producer.Start();
            }
            if (end == StormEnd.StopPostedAtTheEnd)
            {
                finisher = new Thread(() =>
                {
                    foreach (var producer in producers)
                    {
                        producer.Join();
                    }
                    scheduler.Post(scheduler.Stop);
                })
                { IsBackground = true };
                finisher.Start();
            }
        });
        scheduler.Run();
        watch.Stop();
        foreach (var producer in producers)
        {
            producer.Join();
        }
        finisher?.Join();

        var lost = runs.Count(static r => r == 0);
        var twice = runs.Count(static r => r > 1);
        Assert.False(keepAliveFired, $"the loop was left waiting: {lost} of {total} posts never ran");
        Assert.Equal(0, lost);
        Assert.Equal(0, twice);
        Assert.Equal(total, processed);
        Assert.Equal(0, wrongThread);
        Assert.Equal(0, outOfOrder);
        _output.WriteLine($"{total} posts from {Threads} threads ({end}) in {watch.Elapsed.TotalSeconds:0.00} s");
        Results.Write($"load-posts-{(end == StormEnd.LastItemCancelsKeepAlive ? "cancel" : "stop")}", new Dictionary<string, object?>
        {
            ["threads"] = Threads,
            ["posts"] = total,
            ["end"] = end.ToString(),
            ["seconds"] = Math.Round(watch.Elapsed.TotalSeconds, 2),
        });
    }

    /// <summary>Shared tallies of <see cref="TenSleeps"/>: no per-step allocation, one object for all.</summary>
    private sealed class WakeCheck
    {
        public long Steps;
        public int Completed;
        public int Early;
        public int OutOfOrder;
        public long Sequence;        // counts the moments a coroutine goes to sleep: ties wake in this order
        public long LastDeadline;
        public long LastSequence;
    }

    /// <summary>Sleeps <c>period</c> ms ten times; checks each wake-up against its deadline and the global (deadline, sequence) order.</summary>
    private sealed class TenSleeps(int periodMs, WakeCheck check) : Coroutine
    {
        private int _step;
        private long _deadline;
        private long _sequence;

        protected override Suspension Step()
        {
            check.Steps++;
            if (_step > 0)
            {
                var now = Clock.Current.Now.Ticks;
                if (now != _deadline)
                {
                    check.Early++;
                }
                if (_deadline < check.LastDeadline || (_deadline == check.LastDeadline && _sequence < check.LastSequence))
                {
                    check.OutOfOrder++;
                }
                check.LastDeadline = _deadline;
                check.LastSequence = _sequence;
            }
            if (_step++ == 10)
            {
                check.Completed++;
                return Suspension.Done;
            }
            _deadline = Clock.Current.Now.Ticks + (periodMs * TimeSpan.TicksPerMillisecond);
            _sequence = ++check.Sequence;
            return Suspension.Sleep(periodMs);
        }
    }
}
