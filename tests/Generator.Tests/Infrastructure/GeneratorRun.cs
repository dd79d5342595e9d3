using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>What one run of the generator produced, and the compilation that includes it.</summary>
public sealed class GeneratorRun
{
    private ImmutableArray<Diagnostic>? _analyzerDiagnostics;
    private ImmutableArray<Diagnostic>? _compilationDiagnostics;

    private GeneratorRun(
        GeneratorDriver driver,
        CSharpCompilation input,
        CSharpCompilation output,
        ImmutableArray<Diagnostic> generatorDiagnostics)
    {
        Driver = driver;
        InputCompilation = input;
        OutputCompilation = output;
        GeneratorDiagnostics = generatorDiagnostics;
        Result = driver.GetRunResult().Results.Single();
        GeneratedSources = Result.GeneratedSources
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
    }

    /// <summary>The driver after this run: pass it a changed compilation to test incrementality (<see cref="Rerun"/>).</summary>
    public GeneratorDriver Driver { get; }

    /// <summary>The compilation the generator saw (test sources and the trace helper).</summary>
    public CSharpCompilation InputCompilation { get; }

    /// <summary>The input compilation plus every generated tree.</summary>
    public CSharpCompilation OutputCompilation { get; }

    /// <summary>This generator's part of the driver's run result (tracked steps, exception, sources).</summary>
    public GeneratorRunResult Result { get; }

    /// <summary>Generated sources, hint name to text, in ordinal order of hint names.</summary>
    public IReadOnlyDictionary<string, string> GeneratedSources { get; }

    /// <summary>Diagnostics the generator reported (and CS8785 if it threw).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    /// <summary>The output compilation's own diagnostics (generated trees included; computed on first use, once).</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics => _compilationDiagnostics ??= OutputCompilation.GetDiagnostics();

    /// <summary>Diagnostics of every analyzer in the generator assembly, run on the output compilation (computed once).</summary>
    public ImmutableArray<Diagnostic> AnalyzerDiagnostics => _analyzerDiagnostics ??= RunAnalyzers(GeneratorHarness.CreateAnalyzers());

    /// <summary>Generator and compilation diagnostics (no analyzers: see <see cref="AllDiagnosticsWithAnalyzers"/>).</summary>
    public IEnumerable<Diagnostic> AllDiagnostics => GeneratorDiagnostics.Concat(CompilationDiagnostics);

    /// <summary>Generator, compilation and analyzer diagnostics.</summary>
    public IEnumerable<Diagnostic> AllDiagnosticsWithAnalyzers => AllDiagnostics.Concat(AnalyzerDiagnostics);

    /// <summary>The trees the generator added.</summary>
    public IEnumerable<SyntaxTree> GeneratedTrees => Result.GeneratedSources.Select(s => s.SyntaxTree);

    internal static GeneratorRun Execute(GeneratorDriver driver, CSharpCompilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, compilation, (CSharpCompilation)output, diagnostics);
    }

    /// <summary>Runs the same driver again on <paramref name="compilation"/> (an edited <see cref="InputCompilation"/>).</summary>
    public GeneratorRun Rerun(CSharpCompilation compilation) => Execute(Driver, compilation);

    /// <summary>Replaces the source at <paramref name="path"/> with <paramref name="newText"/> and runs the same driver again.</summary>
    public GeneratorRun RerunWithEdit(string path, string newText)
    {
        var old = InputCompilation.SyntaxTrees.SingleOrDefault(t => t.FilePath == path)
            ?? throw new ArgumentException($"No source at '{path}'. Sources: {string.Join(", ", InputCompilation.SyntaxTrees.Select(t => t.FilePath))}");
        return Rerun(InputCompilation.ReplaceSyntaxTree(old, GeneratorHarness.Parse(new SourceFile(path, newText))));
    }

    /// <summary>Diagnostics with <paramref name="id"/> from the generator and the compilation (and analyzers when asked).</summary>
    public ImmutableArray<Diagnostic> DiagnosticsById(string id, bool includeAnalyzers = false) =>
        [.. (includeAnalyzers ? AllDiagnosticsWithAnalyzers : AllDiagnostics).Where(d => d.Id == id)];

    /// <summary>The generated source whose hint name ends with <paramref name="hintNameSuffix"/> (exactly one).</summary>
    public string GeneratedSource(string hintNameSuffix)
    {
        var matches = GeneratedSources.Where(s => s.Key.EndsWith(hintNameSuffix, StringComparison.Ordinal)).ToList();
        if (matches.Count != 1)
        {
            Assert.Fail($"Expected one generated source ending with '{hintNameSuffix}', found {matches.Count}. {DescribeGeneratedSources()}");
        }
        return matches[0].Value;
    }

    /// <summary>Fails if the generator threw (it must never throw: CS8785 in the IDE).</summary>
    public void AssertGeneratorDidNotThrow()
    {
        var thrown = GeneratorDiagnostics.Where(d => d.Id == "CS8785").ToList();
        if (Result.Exception is not null || thrown.Count > 0)
        {
            Assert.Fail($"The generator threw: {Result.Exception}{Environment.NewLine}{GeneratorHarness.Format(thrown)}");
        }
    }

    /// <summary>
    /// Fails, listing each one with its location, if the generator threw or if the generator or the
    /// output compilation (generated trees included) reported any error or warning, except
    /// <paramref name="allowedIds"/>.
    /// </summary>
    public void AssertNoErrorsOrWarnings(params string[] allowedIds)
    {
        AssertGeneratorDidNotThrow();
        var problems = AllDiagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !allowedIds.Contains(d.Id))
            .ToList();
        if (problems.Count > 0)
        {
            Assert.Fail(
                $"Expected no errors or warnings, got {problems.Count}:{Environment.NewLine}" +
                GeneratorHarness.Format(problems, OutputCompilation) + Environment.NewLine + DescribeGeneratedSources());
        }
    }

    /// <summary>A summary of what was generated, for failure messages.</summary>
    public string DescribeGeneratedSources() =>
        GeneratedSources.Count == 0
            ? "The generator produced no sources."
            : $"Generated sources: {string.Join(", ", GeneratedSources.Keys)}.";

    /// <summary>Every generated source with line numbers, for failure messages that need the code.</summary>
    /// <param name="hintNameContains">Only the sources whose hint name contains this (all of them if none does).</param>
    public string DumpGeneratedSources(string? hintNameContains = null)
    {
        if (GeneratedSources.Count == 0)
        {
            return "The generator produced no sources.";
        }
        var selected = GeneratedSources.Where(s => hintNameContains is null || s.Key.Contains(hintNameContains, StringComparison.Ordinal)).ToList();
        if (selected.Count == 0)
        {
            selected = [.. GeneratedSources];
        }
        var builder = new System.Text.StringBuilder();
        foreach (var (hint, text) in selected)
        {
            builder.AppendLine($"===== {hint} =====");
            var lines = SourceText.From(text).Lines;
            foreach (var line in lines)
            {
                builder.AppendLine($"{line.LineNumber + 1,4}  {line}");
            }
        }
        return builder.ToString();
    }

    private ImmutableArray<Diagnostic> RunAnalyzers(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        if (analyzers.IsEmpty)
        {
            return [];
        }
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        return OutputCompilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }
}
