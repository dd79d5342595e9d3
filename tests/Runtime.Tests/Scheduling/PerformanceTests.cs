using System;
using Xunit;

namespace Coroutines.Tests.Scheduling;

// Allocation counts, not timings: GC.GetAllocatedBytesForCurrentThread is exact for this thread.
[Collection(AllocationCollection.Name)]
public class PerformanceTests
{
    private sealed class CountingObserver : ISchedulerObserver
    {
        public int Events;

        public void OnResumed(Coroutine coroutine, TimeSpan time) => Events++;

        public void OnSuspended(Coroutine coroutine, Suspension suspension, TimeSpan time) => Events++;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Suspending_and_resuming_allocates_nothing_in_steady_state(bool withObserver)
    {
        const int coroutines = 1000;
        const int sleepsEach = 100;
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new CountingObserver();
        if (withObserver)
        {
            scheduler.Observer = observer;
        }
        var delays = new int[sleepsEach];
        for (var i = 0; i < delays.Length; i++)
        {
            delays[i] = 1 + (i % 7);
        }
        var sleepers = new Sleeper[coroutines];
        for (var i = 0; i < coroutines; i++)
        {
            sleepers[i] = scheduler.Spawn(new Sleeper($"s{i}", null, delays));
        }
        // Measure between t=50 ms and t=250 ms: by then the queues have grown to their working
        // size, and every coroutine is still sleeping and waking (they run for about 400 ms).
        long before = 0;
        long after = 0;
        var stepsBefore = 0;
        var stepsAfter = 0;
        scheduler.CallLater(50, () =>
        {
            stepsBefore = CountSteps(sleepers);
            before = GC.GetAllocatedBytesForCurrentThread();
        });
        scheduler.CallLater(250, () =>
        {
            after = GC.GetAllocatedBytesForCurrentThread();
            stepsAfter = CountSteps(sleepers);
        });

        scheduler.Run();

        Assert.True(stepsAfter - stepsBefore > 10_000, $"only {stepsAfter - stepsBefore} resumes were measured");
        Assert.Equal(0, after - before);
        Assert.All(sleepers, s => Assert.Equal(CoroutineStatus.Completed, s.Status));
        Assert.Equal(withObserver, observer.Events > 0);
    }

    private static int CountSteps(Sleeper[] sleepers)
    {
        var total = 0;
        foreach (var sleeper in sleepers)
        {
            total += sleeper.StepsRun;
        }
        return total;
    }

    [Fact]
    public void Spawning_allocates_only_the_coroutine_itself()
    {
        const int count = 1000;
        var scheduler = new Scheduler(new VirtualClock());
        // Warm up: grow the ready queue to its working size.
        for (var i = 0; i < count; i++)
        {
            scheduler.Spawn(new Sleeper("warm", null));
        }
        scheduler.Run();
        var delays = new[] { 10 };
        var coroutines = new Sleeper[count];
        for (var i = 0; i < count; i++)
        {
            coroutines[i] = new Sleeper("c", null, delays);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++)
        {
            scheduler.Spawn(coroutines[i]);
        }
        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(0, after - before);
        scheduler.Run();
        Assert.All(coroutines, c => Assert.Equal(CoroutineStatus.Completed, c.Status));
    }

    /// <summary>
    /// A hand-written state machine shaped like a generated one: no name set (so nothing but the
    /// object is allocated), its state in int fields. It yields (Sleep(0)) or sleeps a
    /// pseudo-random 1..maxDelayMs each step, <c>steps</c> times.
    /// </summary>
    private sealed class Worker : Coroutine
    {
        private readonly int _steps;
        private readonly int _maxDelayMs;
        private uint _x;
        private int _step;

        public Worker(int steps, int maxDelayMs, uint seed)
        {
            _steps = steps;
            _maxDelayMs = maxDelayMs;
            _x = seed;
        }

        public int StepsRun => _step;

        protected override Suspension Step()
        {
            if (_step == _steps)
            {
                return Suspension.Done;
            }
            _step++;
            if (_maxDelayMs == 0)
            {
                return Suspension.Sleep(0);
            }
            _x = (_x * 1664525u) + 1013904223u;
            return Suspension.Sleep((int)((_x >> 8) % (uint)_maxDelayMs) + 1);
        }
    }

    /// <summary>Two int locals and the state: what the generator makes of a body with two int locals.</summary>
    private sealed class TwoLocals : Coroutine
    {
        private int _a;
        private int _b;
        private int _state;

        public TwoLocals(int a) => _a = a;

        protected override Suspension Step()
        {
            if (_state == 0)
            {
                _state = 1;
                _b = _a * 3;
                return Suspension.Sleep(1000 + (_a % 1000));
            }
            _a += _b;
            return Suspension.Done;
        }
    }

    private static long SizeOf(Func<object> create)
    {
        create(); // JIT and type loading out of the way
        var before = GC.GetAllocatedBytesForCurrentThread();
        var instance = create();
        var size = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(instance);
        return size;
    }

    [Fact]
    public void Yielding_allocates_nothing_per_resume_in_steady_state()
    {
        // Sleep(0): the ready-queue path. Driven by RunDue, one pass at a time, as a host would.
        const int coroutines = 1000;
        var scheduler = new Scheduler(new VirtualClock());
        var workers = new Worker[coroutines];
        for (var i = 0; i < coroutines; i++)
        {
            workers[i] = scheduler.Spawn(new Worker(steps: 1000, maxDelayMs: 0, seed: 0));
        }
        for (var pass = 0; pass < 10; pass++)
        {
            scheduler.RunDue(); // warm up: queues at their working size, code jitted
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var resumes = 0;
        for (var pass = 0; pass < 500; pass++)
        {
            resumes += scheduler.RunDue();
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(500 * coroutines, resumes);
        Assert.Equal(0, allocated);
        scheduler.Run();
        Assert.All(workers, w => Assert.Equal(CoroutineStatus.Completed, w.Status));
    }

    [Fact]
    public void Sleeping_for_scattered_delays_allocates_nothing_per_resume_in_steady_state()
    {
        // Sleep(n) with n spread over 1..1000 ms: entries land in many buckets of the sleeping
        // queue and move down between them, all in recycled chunks.
        const int coroutines = 10_000;
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        var workers = new Worker[coroutines];
        for (var i = 0; i < coroutines; i++)
        {
            workers[i] = scheduler.Spawn(new Worker(steps: 40, maxDelayMs: 1000, seed: (uint)i * 2654435761u));
        }
        // Measure from t = 5 s to t = 15 s: every coroutine sleeps about 20 s in all (40 x ~500 ms).
        long before = 0;
        long after = 0;
        var resumesBefore = 0;
        var resumesAfter = 0;
        scheduler.CallLater(5000, () =>
        {
            resumesBefore = CountSteps(workers);
            before = GC.GetAllocatedBytesForCurrentThread();
        });
        scheduler.CallLater(15_000, () =>
        {
            after = GC.GetAllocatedBytesForCurrentThread();
            resumesAfter = CountSteps(workers);
        });

        scheduler.Run();

        Assert.True(resumesAfter - resumesBefore > 150_000, $"only {resumesAfter - resumesBefore} resumes were measured");
        Assert.Equal(0, after - before);
        Assert.All(workers, w => Assert.Equal(CoroutineStatus.Completed, w.Status));
        Assert.Equal(0, scheduler.TimerEntryCount);
    }

    private static int CountSteps(Worker[] workers)
    {
        var total = 0;
        foreach (var worker in workers)
        {
            total += worker.StepsRun;
        }
        return total;
    }

    [Fact]
    public void Creating_and_spawning_a_coroutine_allocates_exactly_the_coroutine_object()
    {
        const int count = 1000;
        var scheduler = new Scheduler(new VirtualClock());
        for (var i = 0; i < count; i++)
        {
            scheduler.Spawn(new Worker(steps: 1, maxDelayMs: 0, seed: 0)); // warm up the ready queue
        }
        scheduler.Run();
        var size = SizeOf(() => new Worker(steps: 1, maxDelayMs: 0, seed: 0));
        var coroutines = new Worker[count];

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++)
        {
            coroutines[i] = scheduler.Spawn(new Worker(steps: 1, maxDelayMs: 0, seed: 0));
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(count * size, allocated);
        scheduler.Run();
        Assert.All(coroutines, c => Assert.Equal(CoroutineStatus.Completed, c.Status));
    }

    [Fact]
    public void A_pending_timer_allocates_only_its_40_byte_handle_in_steady_state()
    {
        // The handle keeps its three flags in the top bits of its deadline: header and method
        // table (16), the scheduler and the callback (16), one long (8). Its 16-byte entry in the
        // sleeping queue comes from chunks the queue already has.
        const int count = 100;
        var scheduler = new Scheduler(new VirtualClock());
        Action callback = () => { };
        for (var i = 0; i < count; i++)
        {
            scheduler.CallLater(TimeSpan.FromMilliseconds(5), callback);
        }
        scheduler.Run(); // warm up the sleeping queue's chunks
        var handles = new TimerHandle[count];

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++)
        {
            handles[i] = scheduler.CallLater(TimeSpan.FromMilliseconds(5), callback);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(40L * count, allocated);
        Assert.All(handles, h => Assert.Equal(TimeSpan.FromMilliseconds(10), h.When));
        handles[0].Cancel();
        scheduler.Run();
        Assert.True(handles[0].IsCanceled);
        Assert.False(handles[0].HasRun);
        Assert.All(handles[1..], h => Assert.True(h.HasRun && !h.IsCanceled));
    }

    [Fact]
    public void The_coroutine_base_adds_one_reference_and_a_few_bytes()
    {
        // The object header and method table take 16 bytes on 64-bit; Coroutine's own fields take
        // 12 (a reference and three bytes), so a state machine holding two int locals and its
        // state is 40 bytes.
        Assert.Equal(40, SizeOf(() => new TwoLocals(1)));
    }

    [Fact]
    public void A_suspended_coroutine_with_two_int_locals_costs_at_most_64_bytes_with_its_queue_entry()
    {
        // Spawned in batches so that what is measured is the coroutine and its sleeping-queue
        // entry, not the ready queue's room for a million-strong burst.
        const int count = 100_000;
        const int batch = 1000;
        var scheduler = new Scheduler(new VirtualClock());
        for (var i = 0; i < batch; i++)
        {
            scheduler.Spawn(new TwoLocals(i));
        }
        scheduler.RunDue(); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var b = 0; b < count / batch; b++)
        {
            for (var i = 0; i < batch; i++)
            {
                scheduler.Spawn(new TwoLocals(i));
            }
            scheduler.RunDue(); // each one runs its first step and goes to sleep
        }
        var perCoroutine = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / count;

        Assert.Equal(count + batch, scheduler.TimerEntryCount);
        Assert.True(perCoroutine <= 64, $"{perCoroutine:F1} bytes per suspended coroutine");
    }

    [Fact]
    public void A_million_coroutines_can_sleep_at_once()
    {
        const int count = 1_000_000;
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        // A few shared delay patterns (sharing keeps the test's own memory small).
        var patterns = new int[10][];
        for (var p = 0; p < patterns.Length; p++)
        {
            patterns[p] = new[] { 100 * (p + 1), 1000 - (50 * p), 10 };
        }
        var sleepers = new Sleeper[count];
        for (var i = 0; i < count; i++)
        {
            sleepers[i] = scheduler.Spawn(new Sleeper("s", null, patterns[i % patterns.Length]));
        }
        var sleepingAtOnce = 0;
        scheduler.CallSoon(() => sleepingAtOnce = scheduler.TimerEntryCount); // after every first step

        scheduler.Run();

        Assert.Equal(count, sleepingAtOnce);
        var longest = TimeSpan.Zero;
        foreach (var pattern in patterns)
        {
            var total = TimeSpan.FromMilliseconds(pattern[0] + pattern[1] + pattern[2]);
            longest = total > longest ? total : longest;
        }
        Assert.Equal(longest, clock.Now);
        foreach (var sleeper in sleepers)
        {
            if (sleeper.Status != CoroutineStatus.Completed || sleeper.StepsRun != 4)
            {
                Assert.Fail($"{sleeper} ran {sleeper.StepsRun} steps");
            }
        }
        Assert.Equal(0, scheduler.TimerEntryCount);
    }
}
