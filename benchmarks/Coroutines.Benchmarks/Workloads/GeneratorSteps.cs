using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Benchmarks;

/// <summary>
/// Where a cold generator run's time goes (issue 16, point 1): <c>--generator-steps [rounds]</c>
/// runs, alternately in one process, the generator cold on GeneratorThroughput's 1,000 methods
/// (a new compilation and driver each time; once as a build runs it, once with the steps tracked)
/// and the compiler binding the same
/// method bodies on a new compilation (<c>GetMethodBodyDiagnostics</c>), and prints the medians:
/// the generator's total, each tracked step's time, and the ratio of the generator to the binding.
/// Besides the wall clock, each is measured in the process's CPU time (every thread: the compiler
/// binds on several when it can, the generator's transform runs on one) and in bytes allocated
/// (exact), which a busy machine does not disturb. <c>--generator-steps [rounds] ratio</c> leaves out the run with the
/// steps tracked: only the ratio, in less time per round.
/// </summary>
public static class GeneratorSteps
{
    public static int Run(ReadOnlySpan<string> args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        // `--generator-steps N ratio`: the generator and the binding only, without the run that tracks the steps (twice the rounds in the same time).
        var ratioOnly = args.Length > 1 && args[1] == "ratio";
        var trees = Enumerable.Range(0, GeneratorThroughput.Files)
            .Select(f => CSharpSyntaxTree.ParseText(GeneratorInput.WorkerFile(f, GeneratorThroughput.MethodsPerFile), GeneratorInput.ParseOptions, path: $"Workers{f}.cs"))
            .ToList();
        var generator = new List<double>();
        var binding = new List<double>();
        var generatorCpu = new List<double>();
        var bindingCpu = new List<double>();
        var generatorBytes = new List<double>();
        var bindingBytes = new List<double>();
        var process = Process.GetCurrentProcess();
        var steps = new Dictionary<string, List<double>>();
        for (var round = -1; round < rounds; round++) // one round of warm-up
        {
            // Timed as a build runs it (steps not tracked: recording them costs a fifth of the run).
            var compilation = GeneratorInput.Compilation(trees);
            var (cpu, bytes) = (CpuMs(process), GC.GetTotalAllocatedBytes(precise: true));
            var watch = Stopwatch.StartNew();
            var generated = GeneratorInput.NewDriver().RunGenerators(compilation).GetRunResult().GeneratedTrees.Length;
            var generatorMs = watch.Elapsed.TotalMilliseconds;
            var (generatorCpuMs, generatorMb) = (CpuMs(process) - cpu, (GC.GetTotalAllocatedBytes(precise: true) - bytes) / 1e6);

            // Then again with the steps tracked, for their times.
            var driver = CSharpGeneratorDriver.Create(
                [new Coroutines.Generator.CoroutineGenerator().AsSourceGenerator()],
                parseOptions: GeneratorInput.ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
            GeneratorRunResult? result = ratioOnly ? null : driver.RunGenerators(GeneratorInput.Compilation(trees)).GetRunResult().Results.Single();

            compilation = GeneratorInput.Compilation(trees);
            (cpu, bytes) = (CpuMs(process), GC.GetTotalAllocatedBytes(precise: true));
            watch.Restart();
            var errors = compilation.GetMethodBodyDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
            var bindingMs = watch.Elapsed.TotalMilliseconds;
            var (bindingCpuMs, bindingMb) = (CpuMs(process) - cpu, (GC.GetTotalAllocatedBytes(precise: true) - bytes) / 1e6);
            if (errors > 0 || generated != trees.Count * GeneratorThroughput.MethodsPerFile || (result is { } tracked && tracked.GeneratedSources.Length != generated))
            {
                throw new InvalidOperationException($"broken input: {errors} errors, {generated} sources");
            }
            if (round < 0)
            {
                continue;
            }
            generator.Add(generatorMs);
            binding.Add(bindingMs);
            generatorCpu.Add(generatorCpuMs);
            bindingCpu.Add(bindingCpuMs);
            generatorBytes.Add(generatorMb);
            bindingBytes.Add(bindingMb);
            foreach (var (name, runs) in result is { } run ? run.TrackedSteps.Concat(run.TrackedOutputSteps) : [])
            {
                var total = runs.Sum(r => r.ElapsedTime.TotalMilliseconds);
                if (!steps.TryGetValue(name, out var list))
                {
                    steps[name] = list = [];
                }
                list.Add(total);
            }
        }
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"Load average at the end: {string.Join(' ', System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[..3])}; {rounds} rounds, medians"));
        Console.WriteLine();
        Console.WriteLine("| Measured | Median ms |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine(string.Create(inv, $"| Generator, cold, whole run (steps not tracked) | {Median(generator):F0} |"));
        foreach (var (name, list) in steps.OrderByDescending(s => Median(s.Value)))
        {
            Console.WriteLine(string.Create(inv, $"| step `{name}` (sum over its runs; a run with steps tracked) | {Median(list):F0} |"));
        }
        Console.WriteLine(string.Create(inv, $"| Compiler, binding the same method bodies | {Median(binding):F0} |"));
        var ratios = generator.Zip(binding, static (g, b) => g / b).ToList();
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"Generator / binding, median of the {rounds} rounds' ratios: {Median(ratios):F2} (goal: at most 1.0)"));
        var cpuRatios = generatorCpu.Zip(bindingCpu, static (g, b) => g / b).ToList();
        Console.WriteLine(string.Create(inv, $"In process CPU time: generator {Median(generatorCpu):F0} ms, binding {Median(bindingCpu):F0} ms, median ratio {Median(cpuRatios):F2}"));
        Console.WriteLine(string.Create(inv, $"Each round's ratio, wall clock: {string.Join(", ", ratios.Select(r => r.ToString("F2", inv)))}; CPU time: {string.Join(", ", cpuRatios.Select(r => r.ToString("F2", inv)))}"));
        Console.WriteLine(string.Create(inv, $"Allocated: generator {Median(generatorBytes):F1} MB, binding {Median(bindingBytes):F1} MB, ratio {Median(generatorBytes) / Median(bindingBytes):F2}"));
        return 0;
    }

    private static double CpuMs(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(static v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
