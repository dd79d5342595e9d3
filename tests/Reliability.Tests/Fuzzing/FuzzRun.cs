using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Coroutines.Reliability.Tests.Fuzzing;

/// <summary>A failing mutant and its verdict.</summary>
internal sealed record FuzzFailure(Mutant Mutant, CheckResult Result);

/// <summary>The figures of one fuzz run.</summary>
internal sealed record FuzzSummary(
    int Mutants,
    IReadOnlyDictionary<Verdict, int> Verdicts,
    IReadOnlyList<FuzzFailure> Failures,
    IReadOnlyDictionary<string, int> KnownIssues,
    TimeSpan Elapsed,
    TimeSpan Slowest,
    int SlowestIndex)
{
    public int Count(Verdict verdict) => Verdicts.TryGetValue(verdict, out var n) ? n : 0;

    public string Table() =>
        string.Join(Environment.NewLine, Verdicts.OrderBy(static v => v.Key).Select(static v => $"  {v.Key,-22} {v.Value,8}"))
        + (KnownIssues.Count == 0 ? "" : Environment.NewLine + string.Join(Environment.NewLine, KnownIssues.Select(static k => $"  known issue {k.Key}: {k.Value}")));
}

/// <summary>
/// Runs mutants through the generator in parallel, each with a time bound: a cancellation token
/// that fires after the bound, and a watchdog for a generator that ignores it (an infinite loop).
/// </summary>
internal static class FuzzRun
{
    private const int MaxFailuresKept = 500;

    public static FuzzSummary Run(int count, Func<int, Mutant> mutant, int timeoutMs, int determinismEvery = 25)
    {
        var verdicts = new ConcurrentDictionary<Verdict, int>();
        var known = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentBag<FuzzFailure>();
        var running = new ConcurrentDictionary<int, (long Start, Mutant Mutant)>();
        long slowestTicks = 0;
        var slowestIndex = -1;
        var slowestGate = new object();
        var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();

        var work = Task.Run(() => Parallel.For(
            0,
            count,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = stop.Token },
            i =>
            {
                var m = mutant(i);
                var started = Stopwatch.GetTimestamp();
                running[i] = (started, m);
                CheckResult result;
                using (var bound = new CancellationTokenSource(timeoutMs))
                {
                    result = GeneratorCheck.Check(m.Text, bound.Token, checkDeterminism: i % determinismEvery == 0, fullCompile: i % determinismEvery == 1);
                }
                running.TryRemove(i, out _);
                var ticks = Stopwatch.GetTimestamp() - started;
                lock (slowestGate)
                {
                    if (ticks > slowestTicks)
                    {
                        (slowestTicks, slowestIndex) = (ticks, i);
                    }
                }
                verdicts.AddOrUpdate(result.Verdict, 1, static (_, n) => n + 1);
                if (!result.IsFailure)
                {
                    return;
                }
                var issue = KnownIssues.Match(result);
                if (issue is not null)
                {
                    known.AddOrUpdate(issue, 1, static (_, n) => n + 1);
                    return;
                }
                if (failures.Count < MaxFailuresKept)
                {
                    failures.Add(new FuzzFailure(m, result));
                }
            }));

        // Watchdog: the token bounds a generator that checks it; one that never returns is reported here.
        while (!work.Wait(250))
        {
            foreach (var (index, (start, m)) in running)
            {
                if (Stopwatch.GetElapsedTime(start) > TimeSpan.FromMilliseconds(timeoutMs * 2L))
                {
                    stop.Cancel();
                    verdicts.AddOrUpdate(Verdict.Hang, 1, static (_, n) => n + 1);
                    failures.Add(new FuzzFailure(m, new CheckResult(Verdict.Hang, m.Text, [], [], [], $"still running after {timeoutMs * 2} ms and ignoring cancellation")));
                    return Summary();
                }
            }
        }
        work.GetAwaiter().GetResult();
        return Summary();

        FuzzSummary Summary() => new(
            count,
            new SortedDictionary<Verdict, int>(verdicts),
            failures.OrderBy(static f => f.Mutant.Index).ToList(),
            new SortedDictionary<string, int>(known, StringComparer.Ordinal),
            clock.Elapsed,
            Stopwatch.GetElapsedTime(0, Interlocked.Read(ref slowestTicks)),
            slowestIndex);
    }

    /// <summary>"Verdict" or "BrokenOutput CS0542": failures with one signature are most likely one bug.</summary>
    public static string Signature(CheckResult result) => result.Verdict switch
    {
        Verdict.BrokenOutput => $"{result.Verdict} {string.Join(",", result.OutputErrors.Select(static e => e.Id).Distinct().Order(StringComparer.Ordinal).Take(3))}",
        Verdict.InternalError or Verdict.Threw => $"{result.Verdict} {FirstWords(result.Detail)}",
        _ => result.Verdict.ToString(),
    };

    private static string FirstWords(string? text)
    {
        if (text is null)
        {
            return "";
        }
        var paren = text.IndexOf('(');
        var from = paren >= 0 && text.Contains("could not process", StringComparison.Ordinal) ? text[(paren + 1)..] : text;
        return string.Join(" ", from.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8));
    }

    /// <summary>A failure report: for each failing mutant its recipe, a minimized source and the full evidence.</summary>
    public static string Report(FuzzSummary summary, int runSeed, int timeoutMs)
    {
        var b = new StringBuilder();
        b.AppendLine($"{summary.Failures.Count} failing mutant(s) of {summary.Mutants} (FUZZ_SEED={runSeed}). Verdicts:");
        b.AppendLine(summary.Table());
        var groups = summary.Failures.GroupBy(static f => Signature(f.Result)).ToList();
        b.AppendLine("Failures by signature (one example of each follows):");
        foreach (var group in groups)
        {
            b.AppendLine($"  {group.Count(),5}  {group.Key}   e.g. mutants {string.Join(", ", group.Take(5).Select(static f => f.Mutant.Index))}");
        }
        foreach (var failure in groups.Select(static g => g.First()).Take(6))
        {
            b.AppendLine();
            b.AppendLine($"===== {failure.Mutant.Description} =====");
            b.AppendLine($"Reproduce alone: Mutator.Create(SeedCorpus.All, {runSeed}, {failure.Mutant.Index}).");
            if (failure.Result.Verdict != Verdict.Hang)
            {
                var minimal = Minimizer.Minimize(failure.Mutant.Text, failure.Result, timeoutMs);
                b.AppendLine("----- minimized input (same verdict) -----");
                b.AppendLine(minimal);
            }
            b.AppendLine(failure.Result.Describe());
        }
        return b.ToString();
    }
}
