using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Coroutines.Benchmarks;

/// <summary>
/// For development only: runs each benchmark method a few times with a stopwatch and prints the
/// best time per operation. <c>--quick [class-name-substring] [repeats]</c>.
/// <c>--pair Class.MethodA Class.MethodB [pairs]</c>: runs the two alternately and prints the
/// median of the B/A ratios of adjacent runs, timed in thread CPU time, which a busy machine
/// disturbs far less than either wall-clock time (both halves of a pair see about the same load).
/// </summary>
public static class QuickRun
{
    public static int Pair(ReadOnlySpan<string> args)
    {
        var a = Find(args[0]);
        var b = Find(args[1]);
        var pairs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 21;
        var ratios = new List<double>();
        var timesA = new List<double>();
        var timesB = new List<double>();
        for (var p = -2; p < pairs; p++) // two pairs of warm-up
        {
            var ta = Time(a);
            var tb = Time(b);
            if (p >= 0)
            {
                ratios.Add(tb / ta);
                timesA.Add(ta / a.Operations);
                timesB.Add(tb / b.Operations);
            }
        }
        ratios.Sort();
        timesA.Sort();
        timesB.Sort();
        // The medians of each side's CPU time per operation too: they tell which side moved when
        // the ratio differs between two processes.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{args[1]} / {args[0]}: median {ratios[ratios.Count / 2]:F3}, quartiles {ratios[ratios.Count / 4]:F3} to {ratios[3 * ratios.Count / 4]:F3}, {pairs} pairs " +
            $"({timesB[timesB.Count / 2]:F2} / {timesA[timesA.Count / 2]:F2} ns per operation)"));
        return 0;

        static (object Instance, MethodInfo Method, int Operations) Find(string name)
        {
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            var type = typeof(QuickRun).Assembly.GetType("Coroutines.Benchmarks." + name[..dot], throwOnError: true)!;
            var method = type.GetMethod(name[(dot + 1)..])!;
            var operations = method.GetCustomAttribute<BenchmarkAttribute>()?.OperationsPerInvoke ?? 1;
            return (Activator.CreateInstance(type)!, method, operations);
        }

        static double Time((object Instance, MethodInfo Method, int Operations) benchmark)
        {
            var start = ThreadCpuNanoseconds();
            benchmark.Method.Invoke(benchmark.Instance, null);
            return ThreadCpuNanoseconds() - start;
        }
    }

    // The CPU time of this thread (Linux: CLOCK_THREAD_CPUTIME_ID), so that time spent waiting
    // for a core on a busy machine is not counted; elsewhere, the wall clock.
    private static double ThreadCpuNanoseconds()
    {
        if (OperatingSystem.IsLinux() && clock_gettime(3, out var time) == 0)
        {
            return (time.Seconds * 1e9) + time.Nanoseconds;
        }
        return Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency);
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    public static int Run(ReadOnlySpan<string> args)
    {
        var filter = args.Length > 0 ? args[0] : "";
        var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        foreach (var type in new[] { typeof(W1Timers), typeof(W2Yields), typeof(W3Suspended), typeof(Spawn), typeof(TaskResume) })
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var benchmark = method.GetCustomAttribute<BenchmarkAttribute>();
                var name = $"{type.Name}.{method.Name}";
                if (benchmark is null || !name.Contains(filter, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                var instance = Activator.CreateInstance(type);
                var best = double.MaxValue;
                long allocated = 0;
                for (var r = 0; r < repeats; r++)
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    var watch = Stopwatch.StartNew();
                    method.Invoke(instance, null);
                    watch.Stop();
                    allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                    best = Math.Min(best, watch.Elapsed.TotalNanoseconds / benchmark.OperationsPerInvoke);
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-40} {best,9:F2} ns/op {(double)allocated / benchmark.OperationsPerInvoke,9:F2} B/op"));
            }
        }
        return 0;
    }
}
