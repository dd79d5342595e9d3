using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Coroutines.Benchmarks;
using Xunit;

namespace Coroutines.Repository.Tests.BenchmarkReport;

/// <summary>
/// The writer of docs/benchmarks.md (<c>--report</c>, benchmarks/run.sh) on a results directory
/// shaped like BenchmarkDotNet's: every workload the suite runs is in the report.
/// </summary>
public sealed class ReportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("coroutines-report-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Each workload's rows: method, the GeneratorKeystrokes parameter (or null), median ns, allocated B.
    private static readonly Dictionary<string, (string Method, string? Inside, double Median, double Allocated)[]> Results = new()
    {
        ["W1Timers"] = [(Names.HandWritten, null, 336.4, 0), (Names.Generated, null, 78.6, 0)],
        ["W2Yields"] = [(Names.HandWritten, null, 6.5, 0), (Names.Generated, null, 4.8, 0)],
        ["W3Suspended"] = [(Names.HandWritten, null, 120, 80), (Names.Generated, null, 90, 56)],
        ["Spawn"] = [(Names.HandWritten, null, 50, 40), (Names.Generated, null, 45, 40)],
        ["GeneratorThroughput"] =
        [
            (Names.GeneratorCold, null, 700e6, 140e6),
            (Names.CompilerBindsBodies, null, 300e6, 37e6),
            (Names.GeneratorCached, null, 20e6, 4e6),
        ],
        ["GeneratorKeystrokes"] =
        [
            ("TypeTwentyKeystrokes", "a coroutine", 132e6, 11.6e6),
            ("TypeTwentyKeystrokes", "an ordinary method", 138e6, 11.5e6),
        ],
    };

    [Fact]
    public void The_report_includes_the_IDE_keystroke_benchmark_like_every_other_workload()
    {
        WriteResults(Results.Keys);

        var text = RunReport(expectedExit: 0);

        Assert.Contains("| Generator in an IDE: one keystroke in a solution of 200 files, 2,000 coroutines (issue 16) | none set: measured | **132 ms** inside a coroutine, **138 ms** inside an ordinary method (11.6 and 11.5 MB allocated per keystroke) | - |", text, StringComparison.Ordinal);
        Assert.Contains("### GeneratorKeystrokes\n\n| Method | Inside | Median |", text, StringComparison.Ordinal);
        Assert.Contains("| TypeTwentyKeystrokes | an ordinary method | 138.0 ms |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_keystroke_results_the_report_is_refused_as_for_any_missing_workload()
    {
        WriteResults(Results.Keys.Where(w => w != "GeneratorKeystrokes"));

        RunReport(expectedExit: 1);

        Assert.False(File.Exists(Path.Combine(_directory, "benchmarks.md")));
    }

    private string RunReport(int expectedExit)
    {
        var memory = Path.Combine(_directory, "memory.md");
        File.WriteAllText(memory, $"| Competitor | Retained B | Allocated B |\n|---|---:|---:|\n| {Names.HandWritten} | 65.6 | 80 |\n| {Names.Generated} | 56.3 | 56 |\n");
        var output = Path.Combine(_directory, "benchmarks.md");
        var exit = Report.Run([Path.Combine(_directory, "results"), memory, Path.Combine(_directory, "no-analysis.md"), output, "short"]);
        Assert.Equal(expectedExit, exit);
        return exit == 0 ? File.ReadAllText(output) : "";
    }

    // BenchmarkDotNet's two files per workload: the CSV (semicolons, plain numbers; a parameter is a
    // column of its own) and the GitHub markdown (the environment in a ``` block, then the table).
    private void WriteResults(IEnumerable<string> workloads)
    {
        var results = Directory.CreateDirectory(Path.Combine(_directory, "results")).FullName;
        foreach (var workload in workloads)
        {
            var rows = Results[workload];
            var hasParameter = rows.Any(r => r.Inside is not null);
            var csv = new List<string> { "Method;Job;" + (hasParameter ? "Inside;" : "") + "Mean [ns];Error [ns];StdDev [ns];Median [ns];Allocated [B]" };
            var md = new List<string> { "```", "BenchmarkDotNet v0.15.8, Linux", "```", "| Method | " + (hasParameter ? "Inside | " : "") + "Median |", "|---|" + (hasParameter ? "---|" : "") + "---:|" };
            foreach (var (method, inside, median, allocated) in rows)
            {
                csv.Add($"{method};ShortRun;{(hasParameter ? inside + ";" : "")}{median};1;1;{median};{allocated}");
                md.Add($"| {method} | {(hasParameter ? inside + " | " : "")}{median / 1e6:0.0} ms |");
            }
            File.WriteAllLines(Path.Combine(results, $"Coroutines.Benchmarks.{workload}-report.csv"), csv);
            File.WriteAllLines(Path.Combine(results, $"Coroutines.Benchmarks.{workload}-report-github.md"), md);
        }
    }
}
