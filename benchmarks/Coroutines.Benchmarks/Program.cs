using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;
using Perfolizer.Metrology;

namespace Coroutines.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>--memory [count]</c>: the W3 retained-memory table (markdown on stdout).
    /// <c>--scale [count]</c>: 10 million suspended coroutines and pending timers against the hand-written references (markdown on stdout).
    /// <c>--generator-steps [rounds] [ratio]</c>: a cold generator run's steps, and its ratio to the compiler binding the same bodies (with <c>ratio</c>: the ratio only).
    /// <c>--report ...</c>: writes docs/benchmarks.md from a run's results (see <see cref="Report"/>).
    /// <c>--quick [filter] [repeats]</c>: one stopwatch-timed pass of each workload (development only).
    /// <c>--pair A B [pairs]</c>: the median ratio of B to A run alternately (development only).
    /// <c>--snapshot-size</c>: bytes per coroutine of a snapshot of 100,000 suspended workers (issue 19).
    /// Anything else goes to BenchmarkDotNet, e.g. <c>--filter * --job short</c>; no job option
    /// means BenchmarkDotNet's default (full) job.
    /// </summary>
    public static int Main(string[] args)
    {
        switch (args.Length > 0 ? args[0] : "")
        {
            case "--memory":
                return MemoryReport.Run(args.AsSpan(1));
            case "--report":
                return Report.Run(args.AsSpan(1));
            case "--quick":
                return QuickRun.Run(args.AsSpan(1));
            case "--scale":
                return ScaleReport.Run(args.AsSpan(1));
            case "--generator-steps":
                return GeneratorSteps.Run(args.AsSpan(1));
            case "--pair":
                return QuickRun.Pair(args.AsSpan(1));
            case "--snapshot-size":
                return SnapshotWorkload.PrintSizes();
        }
        var defaults = DefaultConfig.Instance;
        var config = ManualConfig.CreateMinimumViable()
            .AddValidator(defaults.GetValidators().ToArray())
            .AddAnalyser(defaults.GetAnalysers().ToArray())
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median)
            .AddExporter(MarkdownExporter.GitHub)
            // Plain numbers in fixed units for `--report`.
            .AddExporter(new CsvExporter(
                CsvSeparator.Semicolon,
                new SummaryStyle(CultureInfo.InvariantCulture, printUnitsInHeader: true, sizeUnit: SizeUnit.B, timeUnit: TimeUnit.Nanosecond, printUnitsInContent: false)))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
