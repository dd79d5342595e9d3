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
/// (a new compilation and driver each time, steps tracked) and the compiler binding the same
/// method bodies on a new compilation (<c>GetMethodBodyDiagnostics</c>), and prints the medians:
/// the generator's total, each tracked step's time, and the ratio of the generator to the binding.
/// </summary>
public static class GeneratorSteps
{
    public static int Run(ReadOnlySpan<string> args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        var trees = Enumerable.Range(0, GeneratorThroughput.Files)
            .Select(f => CSharpSyntaxTree.ParseText(GeneratorInput.WorkerFile(f, GeneratorThroughput.MethodsPerFile), GeneratorInput.ParseOptions, path: $"Workers{f}.cs"))
            .ToList();
        var generator = new List<double>();
        var binding = new List<double>();
        var steps = new Dictionary<string, List<double>>();
        for (var round = -1; round < rounds; round++) // one round of warm-up
        {
            var driver = CSharpGeneratorDriver.Create(
                [new Coroutines.Generator.CoroutineGenerator().AsSourceGenerator()],
                parseOptions: GeneratorInput.ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
            var compilation = GeneratorInput.Compilation(trees);
            var watch = Stopwatch.StartNew();
            var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();
            var generatorMs = watch.Elapsed.TotalMilliseconds;

            compilation = GeneratorInput.Compilation(trees);
            watch.Restart();
            var errors = compilation.GetMethodBodyDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
            var bindingMs = watch.Elapsed.TotalMilliseconds;
            if (errors > 0 || result.GeneratedSources.Length != trees.Count * GeneratorThroughput.MethodsPerFile)
            {
                throw new InvalidOperationException($"broken input: {errors} errors, {result.GeneratedSources.Length} sources");
            }
            if (round < 0)
            {
                continue;
            }
            generator.Add(generatorMs);
            binding.Add(bindingMs);
            foreach (var (name, runs) in result.TrackedSteps.Concat(result.TrackedOutputSteps))
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
        Console.WriteLine(string.Create(inv, $"| Generator, cold, whole run | {Median(generator):F0} |"));
        foreach (var (name, list) in steps.OrderByDescending(s => Median(s.Value)))
        {
            Console.WriteLine(string.Create(inv, $"| step `{name}` (sum over its runs) | {Median(list):F0} |"));
        }
        Console.WriteLine(string.Create(inv, $"| Compiler, binding the same method bodies | {Median(binding):F0} |"));
        var ratios = generator.Zip(binding, static (g, b) => g / b).ToList();
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"Generator / binding, median of the {rounds} rounds' ratios: {Median(ratios):F2} (goal: at most 1.0)"));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(static v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
