using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// Source with expected-location markup: every <c>[|...|]</c> span marks where one diagnostic is
/// expected. <see cref="Parse"/> strips the markers and keeps the spans.
/// </summary>
public sealed record MarkedSource(string Text, ImmutableArray<TextSpan> Spans)
{
    /// <summary>Strips <c>[|</c> and <c>|]</c> from <paramref name="markup"/>, recording each span (no nesting).</summary>
    public static MarkedSource Parse(string markup)
    {
        var text = new StringBuilder(markup.Length);
        var spans = ImmutableArray.CreateBuilder<TextSpan>();
        int? start = null;
        for (var i = 0; i < markup.Length; i++)
        {
            if (string.CompareOrdinal(markup, i, "[|", 0, 2) == 0)
            {
                if (start is not null)
                {
                    throw new ArgumentException("Nested [| markers are not supported.", nameof(markup));
                }
                start = text.Length;
                i++;
            }
            else if (string.CompareOrdinal(markup, i, "|]", 0, 2) == 0)
            {
                if (start is null)
                {
                    throw new ArgumentException("|] without a matching [|.", nameof(markup));
                }
                spans.Add(TextSpan.FromBounds(start.Value, text.Length));
                start = null;
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }
        if (start is not null)
        {
            throw new ArgumentException("[| without a matching |].", nameof(markup));
        }
        return new MarkedSource(text.ToString(), spans.ToImmutable());
    }
}

/// <summary>
/// Assertions on the generator's (and its analyzers') diagnostics. A diagnostic matches a marked
/// span when it is in the same file, starts on the span's first line, and overlaps the span: the
/// marked span is the region a precise location must point into (for example the <c>Yield.Sleep</c>
/// call, either the invocation or its whole statement).
/// </summary>
public static class DiagnosticAssert
{
    /// <summary>
    /// Runs the generator and every analyzer of the generator assembly on the marked source and
    /// asserts that <paramref name="id"/> is reported exactly once per marked span, at that span,
    /// with <paramref name="severity"/> and a real message; and that the generated code adds no
    /// compiler error (invalid methods are reported, never turned into wrong code).
    /// </summary>
    public static GeneratorRun Fires(string id, DiagnosticSeverity severity, string markup, string path = GeneratorHarness.DefaultPath)
    {
        var marked = MarkedSource.Parse(markup);
        if (marked.Spans.IsEmpty)
        {
            throw new ArgumentException("Mark the expected location with [|...|].", nameof(markup));
        }
        var run = GeneratorHarness.Run(new SourceFile(path, marked.Text));
        run.AssertGeneratorDidNotThrow();
        var all = run.AllDiagnosticsWithAnalyzers.ToList();
        var found = all.Where(d => d.Id == id).ToList();
        var tree = run.InputCompilation.SyntaxTrees.Single(t => t.FilePath == path);

        var problems = new List<string>();
        foreach (var span in marked.Spans)
        {
            var line = tree.GetLineSpan(span).StartLinePosition;
            if (!found.Any(d => Matches(d, tree, span)))
            {
                problems.Add($"expected {id} at {path}({line.Line + 1},{line.Character + 1}) on '{marked.Text.Substring(span.Start, span.Length)}', but it was not reported there.");
            }
        }
        foreach (var diagnostic in found.Where(d => !marked.Spans.Any(s => Matches(d, tree, s))))
        {
            problems.Add($"unexpected {id} (no marked span there): {GeneratorHarness.Format(diagnostic, run.InputCompilation)}");
        }
        if (found.Count > marked.Spans.Length)
        {
            problems.Add($"{id} was reported {found.Count} times for {marked.Spans.Length} marked spans.");
        }
        foreach (var diagnostic in found)
        {
            if (diagnostic.Severity != severity)
            {
                problems.Add($"{id} has severity {diagnostic.Severity}; expected {severity}.");
            }
            var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            if (message.Length < 20 || message.Contains("{0}", StringComparison.Ordinal))
            {
                problems.Add($"{id} has no real message: '{message}'.");
            }
        }

        var generatedErrors = run.CompilationDiagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } t && run.GeneratedTrees.Contains(t))
            .ToList();
        if (generatedErrors.Count > 0)
        {
            problems.Add("the generated code does not compile:" + Environment.NewLine + GeneratorHarness.Format(generatedErrors));
        }

        if (problems.Count > 0)
        {
            Assert.Fail(
                string.Join(Environment.NewLine, problems) + Environment.NewLine +
                "All diagnostics (generator, analyzers, compilation):" + Environment.NewLine + GeneratorHarness.Format(all.Where(d => d.Severity != DiagnosticSeverity.Hidden), run.InputCompilation) +
                Environment.NewLine + run.DescribeGeneratedSources());
        }
        return run;
    }

    /// <summary>Asserts that none of <paramref name="ids"/> is reported (generator, analyzers or compilation) for <paramref name="source"/>.</summary>
    public static GeneratorRun DoesNotFire(string source, params string[] ids) =>
        DoesNotFire([new SourceFile(GeneratorHarness.DefaultPath, source)], ids);

    /// <summary>Asserts that none of <paramref name="ids"/> is reported for <paramref name="sources"/>.</summary>
    public static GeneratorRun DoesNotFire(SourceFile[] sources, params string[] ids)
    {
        var run = GeneratorHarness.Run(sources);
        run.AssertGeneratorDidNotThrow();
        var unexpected = run.AllDiagnosticsWithAnalyzers.Where(d => ids.Contains(d.Id)).ToList();
        if (unexpected.Count > 0)
        {
            Assert.Fail($"Expected none of {string.Join(", ", ids)}, got:" + Environment.NewLine + GeneratorHarness.Format(unexpected, run.InputCompilation));
        }
        return run;
    }

    private static bool Matches(Diagnostic diagnostic, SyntaxTree tree, TextSpan span)
    {
        // Generators that cache their diagnostics report them at external-file locations
        // (path, span, line span) rather than on the tree itself: accept both.
        var location = diagnostic.Location;
        if (location.Kind is not (LocationKind.SourceFile or LocationKind.ExternalFile)
            || location.GetLineSpan().Path != tree.FilePath)
        {
            return false;
        }
        var startLine = tree.GetLineSpan(span).StartLinePosition.Line;
        return location.GetLineSpan().StartLinePosition.Line == startLine
            && (location.SourceSpan.OverlapsWith(span) || (span.IsEmpty && location.SourceSpan.Contains(span.Start)));
    }

    /// <summary>
    /// Runs the generator on <paramref name="source"/>, which holds a coroutine and its <c>async</c> twin, and compiles the twin:
    /// the compiler refuses it with exactly <paramref name="csharpId"/> when <paramref name="refused"/>, else not at all, and the generator
    /// then reports only COR0009 (whose first message it returns; null when accepted) or nothing.
    /// </summary>
    public static string? Cor0009ExactlyWhenTheTwinIsRefused(string source, bool refused, string csharpId)
    {
        var run = GeneratorHarness.Run(source);
        var twin = run.InputCompilation.Emit(new System.IO.MemoryStream()).Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error).Select(static d => d.Id).Distinct().ToList();
        Assert.Equal(refused ? [csharpId] : [], twin);
        var errors = run.AllDiagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (!refused)
        {
            Assert.Empty(errors);
            return null;
        }
        Assert.All(errors, static d => Assert.Equal("COR0009", d.Id));
        return errors[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }
}
