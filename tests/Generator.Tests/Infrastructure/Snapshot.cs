using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// Snapshot testing without Verify: <c>Snapshots/{name}.verified.cs</c> next to the calling test
/// file holds the approved text. On a mismatch (or a missing file) the actual text is written to
/// <c>Snapshots/{name}.received.cs</c> and the test fails with a line diff. Run with
/// <c>UPDATE_SNAPSHOTS=1</c> to accept: the verified file is (re)written and the test passes.
/// Line endings are normalized to <c>\n</c>, with exactly one final newline.
/// </summary>
public static class Snapshot
{
    /// <summary>The environment variable that turns verification into acceptance.</summary>
    public const string UpdateVariable = "UPDATE_SNAPSHOTS";

    /// <summary>Compares <paramref name="actual"/> with <c>Snapshots/{name}.verified.cs</c> next to the calling source file.</summary>
    public static void Verify(string actual, string name, [CallerFilePath] string callerFilePath = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerFilePath) ?? ".", "Snapshots");
        VerifyIn(directory, actual, name, Environment.GetEnvironmentVariable(UpdateVariable) == "1");
    }

    /// <summary>The same with an explicit directory and update switch (for the helper's own tests).</summary>
    public static void VerifyIn(string directory, string actual, string name, bool update)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"'{name}' is not a valid snapshot name (it becomes a file name).", nameof(name));
        }
        var verifiedPath = Path.Combine(directory, name + ".verified.cs");
        var receivedPath = Path.Combine(directory, name + ".received.cs");
        var received = Normalize(actual);

        if (update)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, received, Utf8NoBom);
            File.Delete(receivedPath);
            return;
        }

        string? verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (verified == received)
        {
            File.Delete(receivedPath); // a stale one from an earlier failure
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(receivedPath, received, Utf8NoBom);
        var accept = $"To accept: run the tests with {UpdateVariable}=1, or copy the received file over the verified one.";
        if (verified is null)
        {
            Assert.Fail(
                $"Snapshot '{name}' has no verified file yet: {verifiedPath}" + Environment.NewLine +
                $"Received: {receivedPath}" + Environment.NewLine + accept + Environment.NewLine +
                LineDiff.Format(LineDiff.Compute([], SplitLines(received))));
        }
        Assert.Fail(
            $"Snapshot '{name}' does not match {verifiedPath}" + Environment.NewLine +
            $"Received: {receivedPath}" + Environment.NewLine + accept + Environment.NewLine +
            "(- verified, + received; line numbers: verified / received)" + Environment.NewLine +
            LineDiff.Format(LineDiff.Compute(SplitLines(verified), SplitLines(received))));
    }

    /// <summary>CRLF and CR become LF; trailing newlines become exactly one.</summary>
    public static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

    private static string[] SplitLines(string normalized) => normalized.TrimEnd('\n').Split('\n');

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
}

/// <summary>A small line diff (longest common subsequence) printed as hunks with context.</summary>
public static class LineDiff
{
    /// <summary>What happened to one line.</summary>
    public enum Kind
    {
        /// <summary>In both.</summary>
        Same,

        /// <summary>Only in the expected (old) text.</summary>
        Removed,

        /// <summary>Only in the actual (new) text.</summary>
        Added,
    }

    /// <summary>One line of the diff; line numbers are 1-based, 0 where the line does not exist on that side.</summary>
    public readonly record struct Line(Kind Kind, int OldNumber, int NewNumber, string Text);

    /// <summary>The lines of both texts in order, each marked same, removed or added.</summary>
    public static IReadOnlyList<Line> Compute(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        // Trim the common head and tail first: snapshots usually differ in a few places.
        var head = 0;
        while (head < expected.Count && head < actual.Count && expected[head] == actual[head])
        {
            head++;
        }
        var tail = 0;
        while (tail < expected.Count - head && tail < actual.Count - head
               && expected[expected.Count - 1 - tail] == actual[actual.Count - 1 - tail])
        {
            tail++;
        }

        var n = expected.Count - head - tail;
        var m = actual.Count - head - tail;
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = expected[head + i] == actual[head + j]
                    ? lcs[i + 1, j + 1] + 1
                    : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var result = new List<Line>(expected.Count + actual.Count);
        for (var k = 0; k < head; k++)
        {
            result.Add(new Line(Kind.Same, k + 1, k + 1, expected[k]));
        }
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && expected[head + x] == actual[head + y])
            {
                result.Add(new Line(Kind.Same, head + x + 1, head + y + 1, expected[head + x]));
                x++;
                y++;
            }
            else if (y < m && (x == n || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                result.Add(new Line(Kind.Added, 0, head + y + 1, actual[head + y]));
                y++;
            }
            else
            {
                result.Add(new Line(Kind.Removed, head + x + 1, 0, expected[head + x]));
                x++;
            }
        }
        for (var k = 0; k < tail; k++)
        {
            result.Add(new Line(Kind.Same, head + n + k + 1, head + m + k + 1, expected[head + n + k]));
        }
        return result;
    }

    /// <summary>
    /// Hunks of changed lines with <paramref name="context"/> lines around them, at most
    /// <paramref name="maxChangedLines"/> changed lines in all.
    /// </summary>
    public static string Format(IReadOnlyList<Line> diff, int context = 3, int maxChangedLines = 40)
    {
        var changed = Enumerable.Range(0, diff.Count).Where(i => diff[i].Kind != Kind.Same).ToList();
        if (changed.Count == 0)
        {
            return "(no differences)";
        }
        var show = new bool[diff.Count];
        foreach (var i in changed.Take(maxChangedLines))
        {
            for (var k = Math.Max(0, i - context); k <= Math.Min(diff.Count - 1, i + context); k++)
            {
                show[k] = true;
            }
        }

        var builder = new StringBuilder();
        var printedChanges = 0;
        var previous = -2;
        for (var i = 0; i < diff.Count; i++)
        {
            if (!show[i])
            {
                continue;
            }
            var line = diff[i];
            if (line.Kind != Kind.Same && printedChanges == maxChangedLines)
            {
                break;
            }
            if (i != previous + 1)
            {
                builder.AppendLine($"@@ verified line {FirstNumber(diff, i, old: true)}, received line {FirstNumber(diff, i, old: false)} @@");
            }
            var marker = line.Kind switch { Kind.Removed => '-', Kind.Added => '+', _ => ' ' };
            var oldNumber = line.OldNumber == 0 ? "" : line.OldNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var newNumber = line.NewNumber == 0 ? "" : line.NewNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
            builder.AppendLine($"{marker} {oldNumber,5} {newNumber,5} | {line.Text}");
            if (line.Kind != Kind.Same)
            {
                printedChanges++;
            }
            previous = i;
        }
        if (changed.Count > printedChanges)
        {
            builder.AppendLine($"... and {changed.Count - printedChanges} more changed lines.");
        }
        return builder.ToString();
    }

    private static int FirstNumber(IReadOnlyList<Line> diff, int from, bool old)
    {
        for (var i = from; i < diff.Count; i++)
        {
            var number = old ? diff[i].OldNumber : diff[i].NewNumber;
            if (number != 0)
            {
                return number;
            }
        }
        return old ? diff.Count(l => l.OldNumber != 0) + 1 : diff.Count(l => l.NewNumber != 0) + 1;
    }
}
