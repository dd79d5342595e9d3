using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Coroutines.Benchmarks.Competitors;

namespace Coroutines.Benchmarks;

// Every benchmark runs a whole workload per invocation and reports time and allocation per
// resume (or per coroutine) through OperationsPerInvoke. The reference (Baseline = true) is the
// minimal hand-written state machine on a Queue + PriorityQueue<T, (long, long)> loop.

/// <summary>W1: 100,000 coroutines x 10 sleeps of 1..1000 ms of virtual time. Per resume.</summary>
public class W1Timers
{
    private const int Resumes = Shape.W1Coroutines * Shape.W1Sleeps;

    [Benchmark(Baseline = true, OperationsPerInvoke = Resumes, Description = Names.HandWritten)]
    public long HandWritten()
    {
        var loop = new HandWrittenLoop();
        for (var i = 0; i < Shape.W1Coroutines; i++)
        {
            loop.Spawn(new HandWrittenTimerWorker(Shape.Seed(i)));
        }
        loop.Run();
        return loop.Now;
    }

    [Benchmark(OperationsPerInvoke = Resumes, Description = Names.Generated)]
    public long Generated()
    {
        var scheduler = new Scheduler(new VirtualClock());
        for (var i = 0; i < Shape.W1Coroutines; i++)
        {
            scheduler.Spawn(GeneratedBodies.TimerWorkerCoroutine(Shape.Seed(i)));
        }
        scheduler.Run();
        return scheduler.Now.Ticks;
    }

    [Benchmark(OperationsPerInvoke = Resumes, Description = Names.Iterator)]
    public long Iterator()
    {
        var loop = new IteratorLoop();
        for (var i = 0; i < Shape.W1Coroutines; i++)
        {
            loop.Spawn(IteratorBodies.TimerWorker(Shape.Seed(i)));
        }
        loop.Run();
        return loop.Now;
    }

    [Benchmark(OperationsPerInvoke = Resumes, Description = Names.IteratorOnScheduler)]
    public long IteratorOnScheduler()
    {
        var scheduler = new Scheduler(new VirtualClock());
        for (var i = 0; i < Shape.W1Coroutines; i++)
        {
            scheduler.Spawn(new IteratorCoroutine(IteratorBodies.TimerWorker(Shape.Seed(i))));
        }
        scheduler.Run();
        return scheduler.Now.Ticks;
    }

    [Benchmark(OperationsPerInvoke = Resumes, Description = Names.AsyncCustomAwaiter)]
    public long AsyncCustomAwaiter()
    {
        var loop = new AwaitLoop();
        for (var i = 0; i < Shape.W1Coroutines; i++)
        {
            _ = AsyncBodies.TimerWorker(loop, Shape.Seed(i));
        }
        loop.Run();
        return loop.Now;
    }
}

/// <summary>W2: 1,000 coroutines x 10,000 yields (Sleep(0)). Per resume.</summary>
public class W2Yields
{
    private const int Resumes = Shape.W2Coroutines * Shape.W2Yields;

    [Benchmark(Baseline = true, OperationsPerInvoke = Resumes, Description = Names.HandWritten)]
    public int HandWritten()
    {
        var loop = new HandWrittenLoop();
        for (var i = 0; i < Shape.W2Coroutines; i++)
        {
            loop.Spawn(new HandWrittenYieldWorker(Shape.W2Yields));
        }
        loop.Run();
        return loop.Sleeping;
    }

    [Benchmark(OperationsPerInvoke = Resumes, Description = Names.Generated)]
    public long Generated()
    {
        var scheduler = new Scheduler(new VirtualClock());
        for (var i = 0; i < Shape.W2Coroutines; i++)
        {
            scheduler.Spawn(GeneratedBodies.YieldWorkerCoroutine(Shape.W2Yields));
        }
        scheduler.Run();
        return scheduler.Now.Ticks;
    }

    [Benchmark(OperationsPerInvoke = Resumes, Description = Names.Iterator)]
    public long Iterator()
    {
        var loop = new IteratorLoop();
        for (var i = 0; i < Shape.W2Coroutines; i++)
        {
            loop.Spawn(IteratorBodies.YieldWorker(Shape.W2Yields));
        }
        loop.Run();
        return loop.Now;
    }

    [Benchmark(OperationsPerInvoke = Resumes, Description = Names.IteratorOnScheduler)]
    public long IteratorOnScheduler()
    {
        var scheduler = new Scheduler(new VirtualClock());
        for (var i = 0; i < Shape.W2Coroutines; i++)
        {
            scheduler.Spawn(new IteratorCoroutine(IteratorBodies.YieldWorker(Shape.W2Yields)));
        }
        scheduler.Run();
        return scheduler.Now.Ticks;
    }

    [Benchmark(OperationsPerInvoke = Resumes, Description = Names.AsyncCustomAwaiter)]
    public long AsyncCustomAwaiter()
    {
        var loop = new AwaitLoop();
        for (var i = 0; i < Shape.W2Coroutines; i++)
        {
            _ = AsyncBodies.YieldWorker(loop, Shape.W2Yields);
        }
        loop.Run();
        return loop.Now;
    }

    [Benchmark(OperationsPerInvoke = Resumes, Description = Names.TaskYieldContext)]
    public void TaskYieldSingleThreadContext()
    {
        var context = new SingleThreadContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            for (var i = 0; i < Shape.W2Coroutines; i++)
            {
                _ = TaskBodies.YieldWorker(Shape.W2Yields);
            }
            context.RunUntilEmpty();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    [Benchmark(OperationsPerInvoke = Resumes, Description = Names.TaskYieldThreadPool)]
    public void TaskYieldThreadPool()
    {
        var tasks = new Task[Shape.W2Coroutines];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = Task.Run(() => TaskBodies.YieldWorker(Shape.W2Yields));
        }
        Task.WaitAll(tasks);
    }
}

/// <summary>
/// W3: 1,000,000 coroutines brought to their first suspension, all suspended at once (two int
/// locals each). Time and bytes allocated per coroutine; the retained bytes per suspended
/// coroutine are measured separately (<c>--memory</c>).
/// </summary>
public class W3Suspended
{
    private const int Count = Shape.W3Coroutines;

    [Benchmark(Baseline = true, OperationsPerInvoke = Count, Description = Names.HandWritten)]
    public int HandWritten()
    {
        Shape.ResetW3();
        var loop = new HandWrittenLoop();
        for (var i = 0; i < Count; i++)
        {
            loop.Spawn(new HandWrittenHeld());
        }
        loop.RunPass(mayWait: false);
        return loop.Sleeping;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = Names.Generated)]
    public int Generated()
    {
        Shape.ResetW3();
        var scheduler = new Scheduler(new VirtualClock());
        for (var i = 0; i < Count; i++)
        {
            scheduler.Spawn(GeneratedBodies.HeldCoroutine());
        }
        return scheduler.RunDue();
    }

    [Benchmark(OperationsPerInvoke = Count, Description = Names.Iterator)]
    public long Iterator()
    {
        Shape.ResetW3();
        var loop = new IteratorLoop();
        for (var i = 0; i < Count; i++)
        {
            loop.Spawn(IteratorBodies.Held());
        }
        loop.RunPass(mayWait: false);
        return loop.Now;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = Names.AsyncCustomAwaiter)]
    public long AsyncCustomAwaiter()
    {
        Shape.ResetW3();
        var loop = new AwaitLoop();
        for (var i = 0; i < Count; i++)
        {
            _ = AsyncBodies.Held(loop);
        }
        return loop.Now;
    }
}

/// <summary>Spawn cost: 100,000 coroutines created, started, suspended once (a yield) and finished. Per coroutine.</summary>
public class Spawn
{
    private const int Count = Shape.SpawnCoroutines;

    [Benchmark(Baseline = true, OperationsPerInvoke = Count, Description = Names.HandWritten)]
    public long HandWritten()
    {
        var loop = new HandWrittenLoop();
        for (var i = 0; i < Count; i++)
        {
            loop.Spawn(new HandWrittenOnce());
        }
        loop.Run();
        return loop.Now;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = Names.Generated)]
    public long Generated()
    {
        var scheduler = new Scheduler(new VirtualClock());
        for (var i = 0; i < Count; i++)
        {
            scheduler.Spawn(GeneratedBodies.OnceCoroutine());
        }
        scheduler.Run();
        return scheduler.Now.Ticks;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = Names.Iterator)]
    public long Iterator()
    {
        var loop = new IteratorLoop();
        for (var i = 0; i < Count; i++)
        {
            loop.Spawn(IteratorBodies.Once());
        }
        loop.Run();
        return loop.Now;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = Names.IteratorOnScheduler)]
    public long IteratorOnScheduler()
    {
        var scheduler = new Scheduler(new VirtualClock());
        for (var i = 0; i < Count; i++)
        {
            scheduler.Spawn(new IteratorCoroutine(IteratorBodies.Once()));
        }
        scheduler.Run();
        return scheduler.Now.Ticks;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = Names.AsyncCustomAwaiter)]
    public long AsyncCustomAwaiter()
    {
        var loop = new AwaitLoop();
        for (var i = 0; i < Count; i++)
        {
            _ = AsyncBodies.Once(loop);
        }
        loop.Run();
        return loop.Now;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = Names.TaskYieldContext)]
    public void TaskYieldSingleThreadContext()
    {
        var context = new SingleThreadContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            for (var i = 0; i < Count; i++)
            {
                _ = TaskBodies.Once();
            }
            context.RunUntilEmpty();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }
}
