using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Reliability.Tests.Fuzzing;

/// <summary>
/// Shrinks a failing input while it keeps failing the same way (same verdict; for broken output,
/// the same first error id): delta debugging over lines, then over tokens. Used only to write
/// failure reports and regression tests; bounded in time.
/// </summary>
internal static class Minimizer
{
    public static string Minimize(string source, CheckResult failure, int timeoutMs, int budgetMs = 30_000)
    {
        var clock = Stopwatch.StartNew();
        var signature = Signature(failure);
        bool StillFails(string candidate)
        {
            using var bound = new CancellationTokenSource(timeoutMs);
            try
            {
                return Signature(GeneratorCheck.Check(candidate, bound.Token)) == signature;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        var lines = source.Replace("\r\n", "\n").Split('\n').ToList();
        lines = Reduce(lines, l => string.Join("\n", l), StillFails, clock, budgetMs);
        var text = string.Join("\n", lines);
        var tokens = CSharpSyntaxTree.ParseText(text, GeneratorCheck.ParseOptions).GetRoot().DescendantTokens()
            .Select(static t => t.ToFullString()).ToList();
        tokens = Reduce(tokens, string.Concat, StillFails, clock, budgetMs);
        return string.Concat(tokens);
    }

    private static string Signature(CheckResult result) => FuzzRun.Signature(result);

    private static List<string> Reduce(List<string> parts, Func<List<string>, string> join, Func<string, bool> stillFails, Stopwatch clock, int budgetMs)
    {
        for (var chunk = Math.Max(1, parts.Count / 2); chunk >= 1; chunk /= 2)
        {
            for (var start = 0; start < parts.Count && clock.ElapsedMilliseconds < budgetMs;)
            {
                var candidate = new List<string>(parts);
                candidate.RemoveRange(start, Math.Min(chunk, parts.Count - start));
                if (stillFails(join(candidate)))
                {
                    parts = candidate;
                }
                else
                {
                    start += chunk;
                }
            }
        }
        return parts;
    }
}
