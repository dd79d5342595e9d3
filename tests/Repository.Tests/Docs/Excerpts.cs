using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Coroutines.Repository.Tests.Docs;

/// <summary>One marker in a Markdown file: <c>&lt;!-- excerpt: KIND key=value ... --&gt;</c>, the line it is on, and what it asks for.</summary>
internal sealed record ExcerptMarker(string File, int Line, string Kind, IReadOnlyDictionary<string, string> Arguments)
{
    public string Argument(string key) =>
        Arguments.TryGetValue(key, out var value) ? value : throw new FormatException($"{File}:{Line}: the excerpt '{Kind}' needs {key}=...");

    public string? OptionalArgument(string key) => Arguments.TryGetValue(key, out var value) ? value : null;

    public override string ToString() => $"{File}:{Line} ({Kind} {string.Join(' ', Arguments.Select(static a => a.Key + "=" + a.Value))})";
}

/// <summary>
/// Excerpts in Markdown that must equal what the code really produces. A marker line
/// <c>&lt;!-- excerpt: KIND key=value ... --&gt;</c> owns the fenced code block that follows it
/// (or, for <c>fragments</c>, the table that follows it); <see cref="ExcerptSources"/> says what
/// each kind produces. <see cref="Refresh"/> returns the text with every owned block replaced by
/// the real output and the list of blocks that differed: a test fails on that list, and with
/// UPDATE_SNAPSHOTS=1 writes the refreshed text instead.
/// </summary>
internal static partial class Excerpts
{
    [GeneratedRegex(@"^<!-- excerpt: (?<kind>[a-z-]+)(?<args>( [a-z-]+=\S+)*) -->$")]
    private static partial Regex MarkerPattern();

    public static IReadOnlyList<ExcerptMarker> Markers(string file, string markdown) =>
        Lines(markdown)
            .Select((line, index) => (Match: MarkerPattern().Match(line), Index: index))
            .Where(static m => m.Match.Success)
            .Select(m => new ExcerptMarker(
                file,
                m.Index + 1,
                m.Match.Groups["kind"].Value,
                m.Match.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(static a => a.Split('=', 2))
                    .ToDictionary(static a => a[0], static a => a[1], StringComparer.Ordinal)))
            .ToList();

    /// <summary>The markdown with each marked block made equal to what <paramref name="produce"/> gives, and a description of each block that was not.</summary>
    public static (string Text, IReadOnlyList<string> Differences) Refresh(string file, string markdown, Func<ExcerptMarker, string> produce, Func<ExcerptMarker, string, string?> check)
    {
        if (Markers(file, markdown).Count != Lines(markdown).Count(static l => l.StartsWith("<!-- excerpt", StringComparison.Ordinal)))
        {
            throw new FormatException($"{file}: a line with '<!-- excerpt' is not a marker of the form <!-- excerpt: kind key=value ... -->.");
        }
        var lines = Lines(markdown).ToList();
        var differences = new List<string>();
        foreach (var marker in Markers(file, markdown).OrderByDescending(static m => m.Line))
        {
            if (marker.Kind == "fragments")
            {
                if (check(marker, TableAfter(lines, marker)) is { } problem)
                {
                    differences.Add($"{marker}: {problem}");
                }
                continue;
            }
            var (open, close) = FenceAfter(lines, marker);
            var actual = string.Join("\n", lines.Skip(open + 1).Take(close - open - 1));
            var expected = produce(marker).TrimEnd('\n');
            if (actual != expected)
            {
                differences.Add($"{marker}: the block differs from the real output.\n{FirstDifference(expected, actual)}");
                lines.RemoveRange(open + 1, close - open - 1);
                lines.InsertRange(open + 1, expected.Split('\n'));
            }
        }
        differences.Reverse();
        return (string.Join("\n", lines), differences);
    }

    private static IEnumerable<string> Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    // The fenced block that starts on the line after the marker: its opening and closing fence lines.
    private static (int Open, int Close) FenceAfter(IReadOnlyList<string> lines, ExcerptMarker marker)
    {
        var open = marker.Line; // the line after the marker (Line is 1-based)
        if (open >= lines.Count || !lines[open].StartsWith("```", StringComparison.Ordinal))
        {
            throw new FormatException($"{marker}: the next line must open a fenced code block (```).");
        }
        for (var close = open + 1; close < lines.Count; close++)
        {
            if (lines[close] == "```")
            {
                return (open, close);
            }
        }
        throw new FormatException($"{marker}: the code block is not closed.");
    }

    // The Markdown table that starts on the line after the marker.
    private static string TableAfter(IReadOnlyList<string> lines, ExcerptMarker marker)
    {
        var table = lines.Skip(marker.Line).TakeWhile(static l => l.StartsWith('|')).ToList();
        if (table.Count == 0)
        {
            throw new FormatException($"{marker}: the next line must start a table.");
        }
        return string.Join("\n", table);
    }

    public static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "(end)";
            var al = i < a.Length ? a[i] : "(end)";
            if (el != al)
            {
                return new StringBuilder()
                    .Append("  first difference at line ").Append(i + 1).Append(" of the block:\n")
                    .Append("  - real:    ").Append(el).Append('\n')
                    .Append("  + in docs: ").Append(al)
                    .ToString();
            }
        }
        return "  (same lines)";
    }
}
