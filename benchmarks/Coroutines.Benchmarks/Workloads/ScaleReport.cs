using System;
using System.Diagnostics;
using System.Globalization;
using Coroutines.Benchmarks.Competitors;

namespace Coroutines.Benchmarks;

/// <summary>
/// Scale (issue 16), outside BenchmarkDotNet (one pass: a run of 10 million takes seconds and
/// gigabytes): <c>--scale [count]</c> suspends <c>count</c> coroutines at once (W3's body: two int
/// locals, one sleep of 1,000 to 1,999 s of virtual time), and separately schedules <c>count</c>
/// timers (<see cref="Scheduler.CallLater(TimeSpan, Action)"/>, the same delays), then runs each
/// to the end. Bytes retained per coroutine or timer (<see cref="GC.GetTotalMemory(bool)"/> after
/// a full collection, queue entries included) and time per coroutine or timer, the generated
/// coroutines and the Scheduler against the hand-written references at the same scale.
/// </summary>
public static class ScaleReport
{
    private static readonly Action Tick = static () => Shape.Sink++;

    public static int Run(ReadOnlySpan<string> args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
        Console.WriteLine($"Scale: {count:N0} at once; load average at start: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| Workload | Competitor | Retained B each | Ratio | Setup ns each | Ratio | Run to the end ns each | Ratio |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        var reference = Measure(count, static n =>
        {
            var loop = new HandWrittenLoop();
            for (var i = 0; i < n; i++)
            {
                loop.Spawn(new HandWrittenHeld());
            }
            loop.RunPass(mayWait: false);
            Check(loop.Sleeping, n);
            return (loop, loop.Run);
        });
        Print("Suspended coroutines", Names.HandWritten + " (reference)", reference, reference);
        Print("Suspended coroutines", Names.Generated, Measure(count, static n =>
        {
            var scheduler = new Scheduler(new VirtualClock());
            for (var i = 0; i < n; i++)
            {
                scheduler.Spawn(GeneratedBodies.HeldCoroutine());
            }
            Check(scheduler.RunDue(), n);
            return (scheduler, scheduler.Run);
        }), reference);

        var timers = Measure(count, static n =>
        {
            var loop = new HandWrittenTimers();
            for (var i = 0; i < n; i++)
            {
                loop.CallLater(Shape.W3DelayMs(i) * Shape.TicksPerMs, Tick);
            }
            return (loop, loop.Run);
        });
        Print("Pending timers", "Hand-written, PriorityQueue (reference)", timers, timers);
        Print("Pending timers", "Scheduler.CallLater, VirtualClock", Measure(count, static n =>
        {
            var scheduler = new Scheduler(new VirtualClock());
            for (var i = 0; i < n; i++)
            {
                scheduler.CallLater(TimeSpan.FromTicks(Shape.W3DelayMs(i) * Shape.TicksPerMs), Tick);
            }
            return (scheduler, scheduler.Run);
        }), timers);
        return 0;
    }

    private readonly record struct Result(double Retained, double SetupNs, double RunNs);

    // Setup (timed, retained memory measured after it), then the run to the end (timed).
    private static Result Measure(int count, Func<int, (object Root, Action RunToEnd)> setup)
    {
        Shape.ResetW3();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var (root, runToEnd) = setup(count);
        var setupNs = watch.Elapsed.TotalNanoseconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        watch.Restart();
        runToEnd();
        var runNs = watch.Elapsed.TotalNanoseconds;
        GC.KeepAlive(root);
        return new Result((double)(after - before) / count, setupNs / count, runNs / count);
    }

    private static void Print(string workload, string name, Result row, Result reference) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {workload} | {name} | {row.Retained:F1} | {row.Retained / reference.Retained:F2} | {row.SetupNs:F1} | {row.SetupNs / reference.SetupNs:F2} | {row.RunNs:F1} | {row.RunNs / reference.RunNs:F2} |"));

    private static string LoadAverage() =>
        System.IO.File.Exists("/proc/loadavg") ? string.Join(' ', System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";

    private static void Check(int actual, int expected)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"expected {expected} suspended, saw {actual}");
        }
    }
}
