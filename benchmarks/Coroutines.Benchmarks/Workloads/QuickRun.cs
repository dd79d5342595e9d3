using System;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Coroutines.Benchmarks;

/// <summary>
/// For development only: runs each benchmark method a few times with a stopwatch and prints the
/// best time per operation. <c>--quick [class-name-substring] [repeats]</c>.
/// </summary>
public static class QuickRun
{
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
