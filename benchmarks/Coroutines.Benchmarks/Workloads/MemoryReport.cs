using System;
using System.Collections.Generic;
using System.Globalization;
using Coroutines.Benchmarks.Competitors;

namespace Coroutines.Benchmarks;

/// <summary>
/// W3, measured outside BenchmarkDotNet: bytes retained per suspended coroutine (the
/// difference in <see cref="GC.GetTotalMemory(bool)"/> after a full collection, with
/// 1,000,000 coroutines suspended at once), and bytes allocated per coroutine on the way
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>, array growth included).
/// </summary>
public static class MemoryReport
{
    public static int Run(ReadOnlySpan<string> args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : Shape.W3Coroutines;
        var rows = new List<(string Name, double Retained, double Allocated, long ObjectSize)>
        {
            Measure(Names.HandWritten + " (reference)", count, HandWritten, () => new HandWrittenHeld()),
            Measure(Names.Generated, count, Generated, () => GeneratedBodies.HeldCoroutine()),
            Measure(Names.Iterator, count, Iterator, () => IteratorBodies.Held()),
            Measure(Names.IteratorOnScheduler, count, IteratorOnScheduler, null),
            Measure(Names.AsyncCustomAwaiter, count, Async, null),
            // Last: its timers stay in the runtime's timer queue until the process exits.
            Measure("async/await, Task.Delay (runtime timers)", count, TaskDelay, null),
        };

        var reference = rows[0].Retained;
        Console.WriteLine($"W3: {count:N0} coroutines suspended at once, two int locals each.");
        Console.WriteLine();
        Console.WriteLine("| Competitor | Retained B/coroutine | Ratio | Allocated B/coroutine | State machine object B |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var size = row.ObjectSize > 0 ? row.ObjectSize.ToString(CultureInfo.InvariantCulture) : "-";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.Retained:F1} | {row.Retained / reference:F2} | {row.Allocated:F1} | {size} |"));
        }
        return 0;
    }

    private static (string, double, double, long) Measure(string name, int count, Func<int, object> suspendAll, Func<object>? one)
    {
        Shape.ResetW3();
        var objectSize = one is null ? 0 : SizeOf(one);
        Shape.ResetW3();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var root = suspendAll(count);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(root);
        return (name, (double)(after - before) / count, (double)allocated / count, objectSize);
    }

    public static long SizeOf(Func<object> create)
    {
        const int n = 1000;
        var keep = new object[n];
        create();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < n; i++)
        {
            keep[i] = create();
        }
        var size = (GC.GetAllocatedBytesForCurrentThread() - before) / n;
        GC.KeepAlive(keep);
        return size;
    }

    private static object HandWritten(int count)
    {
        var loop = new HandWrittenLoop();
        for (var i = 0; i < count; i++)
        {
            loop.Spawn(new HandWrittenHeld());
        }
        loop.RunPass(mayWait: false);
        Check(loop.Sleeping, count);
        return loop;
    }

    private static object Generated(int count)
    {
        var scheduler = new Scheduler(new VirtualClock());
        for (var i = 0; i < count; i++)
        {
            scheduler.Spawn(GeneratedBodies.HeldCoroutine());
        }
        Check(scheduler.RunDue(), count);
        return scheduler;
    }

    private static object Iterator(int count)
    {
        var loop = new IteratorLoop();
        for (var i = 0; i < count; i++)
        {
            loop.Spawn(IteratorBodies.Held());
        }
        loop.RunPass(mayWait: false);
        return loop;
    }

    private static object IteratorOnScheduler(int count)
    {
        var scheduler = new Scheduler(new VirtualClock());
        for (var i = 0; i < count; i++)
        {
            scheduler.Spawn(new IteratorCoroutine(IteratorBodies.Held()));
        }
        Check(scheduler.RunDue(), count);
        return scheduler;
    }

    private static object Async(int count)
    {
        var loop = new AwaitLoop();
        for (var i = 0; i < count; i++)
        {
            _ = AsyncBodies.Held(loop);
        }
        return loop;
    }

    private static object TaskDelay(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _ = TaskBodies.HeldOnDelay();
        }
        return count; // the runtime's timer queue roots them
    }

    private static void Check(int actual, int expected)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"expected {expected} coroutines suspended, saw {actual}");
        }
    }
}
