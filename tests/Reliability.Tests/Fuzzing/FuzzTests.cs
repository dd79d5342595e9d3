using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Coroutines.Reliability.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace Coroutines.Reliability.Tests.Fuzzing;

/// <summary>
/// Generator fuzzing. Every input must leave the generator without an exception (no CS8785, no
/// COR0017), within a time bound, and what it emits must compile or come with an error: a COR
/// diagnostic or the compiler's own errors in the user's source.
/// </summary>
/// <remarks>
/// Long run (any seed; failures print the mutant, a minimized source, the diagnostics and the generated code):
/// <code>FUZZ_MUTANTS=200000 FUZZ_SEED=7 dotnet test tests/Reliability.Tests --filter Category=Fuzz</code>
/// </remarks>
[Trait("Category", "Fuzz")]
public sealed class FuzzTests
{
    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> EmbeddedSeeds() => [.. SeedCorpus.Embedded.Select(static s => s.Name)];

    [Theory]
    [MemberData(nameof(EmbeddedSeeds))]
    public void Each_seed_is_valid_csharp_and_passes_the_check(string name)
    {
        var seed = SeedCorpus.Embedded.Single(s => s.Name == name);
        var userErrors = GeneratorCheck.Compile(seed.Text).GetDiagnostics()
            .Where(static d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.True(userErrors.Count == 0, $"Seed {name} must be valid C# (mutants start from valid code):\n{string.Join("\n", userErrors)}");

        var result = GeneratorCheck.Check(seed.Text, CancellationToken.None, checkDeterminism: true);
        Assert.False(result.IsFailure, result.Describe());
        Assert.Contains(result.Verdict, new[] { Verdict.OutputCompiles, Verdict.ExplainedByCorError, Verdict.NothingGenerated });
    }

    [Fact]
    public void The_seed_corpus_exercises_the_generator()
    {
        // Most seeds must produce state machines that compile: mutants of them are the interesting ones.
        var results = SeedCorpus.All.Select(s => (s.Name, Result: GeneratorCheck.Check(s.Text, CancellationToken.None))).ToList();
        var generating = results.Where(static r => r.Result.Generated.Count > 0).Select(static r => r.Name).ToList();
        _output.WriteLine($"{SeedCorpus.All.Count} seeds; generating: {string.Join(", ", generating)}");
        Assert.True(generating.Count >= 8, $"Only {generating.Count} seeds generate code: {string.Join(", ", generating)}");
        Assert.True(results.Sum(static r => r.Result.Generated.Count) >= 25, "The seeds should hold at least 25 generated coroutines.");
        Assert.Contains(results, static r => r.Result.HasCorDiagnostic); // and some exercise the diagnostics
    }

    [Fact]
    public void Fixed_seed_mutants_never_crash_hang_or_emit_code_that_does_not_compile()
    {
        var seeds = SeedCorpus.All;
        var runSeed = Settings.FuzzSeed;
        var count = Settings.FuzzMutants;
        var timeout = Settings.FuzzTimeoutMs;

        var summary = FuzzRun.Run(count, i => Mutator.Create(seeds, runSeed, i), timeout);

        _output.WriteLine($"{count} mutants of {seeds.Count} seeds, FUZZ_SEED={runSeed}, {summary.Elapsed.TotalSeconds:0.0} s, slowest input {summary.Slowest.TotalMilliseconds:0} ms (mutant #{summary.SlowestIndex})");
        _output.WriteLine(summary.Table());
        _output.WriteLine("Time by phase (all threads): " + Phases.Report());
        Results.Write("fuzz", new Dictionary<string, object?>
        {
            ["mutants"] = count,
            ["seed"] = runSeed,
            ["seeds"] = seeds.Count,
            ["timeoutMs"] = timeout,
            ["elapsedSeconds"] = Math.Round(summary.Elapsed.TotalSeconds, 1),
            ["slowestMs"] = Math.Round(summary.Slowest.TotalMilliseconds),
            ["verdicts"] = summary.Verdicts.ToDictionary(static v => v.Key.ToString(), static v => v.Value),
            ["knownIssues"] = summary.KnownIssues,
            ["bugsFound"] = KnownIssues.Found.Select(static b => new { b.Id, b.Fixed, b.Summary }).ToList(),
            ["newFailures"] = summary.Failures.Count,
            ["failures"] = summary.Failures.Take(50).Select(static f => new { f.Mutant.Index, f.Mutant.SeedName, Verdict = f.Result.Verdict.ToString(), f.Result.Detail, Steps = f.Mutant.Steps }).ToList(),
        });

        Assert.True(summary.Failures.Count == 0, FuzzRun.Report(summary, runSeed, timeout));
        // The run must reach the interesting verdicts, or it proves little.
        Assert.True(summary.Count(Verdict.OutputCompiles) >= count / 20, $"Too few mutants generated compiling code:\n{summary.Table()}");
        Assert.True(summary.Count(Verdict.SyntaxErrors) >= count / 20, $"Too few mutants had syntax errors:\n{summary.Table()}");
        Assert.True(summary.Count(Verdict.ExplainedByCorError) + summary.Count(Verdict.NothingGenerated) >= count / 50, $"Too few mutants hit a COR diagnostic:\n{summary.Table()}");
    }

    /// <summary>
    /// What an IDE does: one incremental driver sees the file grow keystroke by keystroke (here in
    /// steps of a few characters). No step may throw, and once the file is whole again the cached,
    /// incremental output must be byte for byte what a fresh driver generates.
    /// </summary>
    [Theory]
    [MemberData(nameof(EmbeddedSeeds))]
    public void Typing_a_seed_through_one_incremental_driver_never_throws_and_ends_where_a_fresh_run_does(string name)
    {
        var text = SeedCorpus.Embedded.Single(s => s.Name == name).Text;
        var step = Math.Max(1, text.Length / 80);
        Microsoft.CodeAnalysis.GeneratorDriver driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(
            generators: [new Coroutines.Generator.CoroutineGenerator().AsSourceGenerator()],
            parseOptions: GeneratorCheck.ParseOptions);
        var previous = GeneratorCheck.Compile("");
        for (var length = 0; ; length = Math.Min(text.Length, length + step))
        {
            var compilation = previous.ReplaceSyntaxTree(
                previous.SyntaxTrees[0],
                Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(text[..length], GeneratorCheck.ParseOptions, GeneratorCheck.InputPath));
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
            var result = driver.GetRunResult().Results[0];
            Assert.True(result.Exception is null, $"The generator threw at {length} characters:\n{result.Exception}\n{text[..length]}");
            Assert.DoesNotContain(diagnostics, static d => d.Id is "CS8785" or "COR0017");
            previous = compilation;
            if (length == text.Length)
            {
                break;
            }
        }
        var incremental = driver.GetRunResult().Results[0].GeneratedSources.Select(static s => (s.HintName, Text: s.SourceText.ToString())).ToList();
        var (fresh, _, _) = GeneratorCheck.RunGenerator(GeneratorCheck.Compile(text), CancellationToken.None);
        Assert.Equal(fresh.Results[0].GeneratedSources.Select(static s => (s.HintName, Text: s.SourceText.ToString())), incremental);
    }

    public static TheoryData<string> DeepInputNames() => [.. DeepInputs.All.Keys];

    [Theory]
    [MemberData(nameof(DeepInputNames))]
    public void Deep_and_long_inputs_generate_code_that_compiles(string name)
    {
        var source = DeepInputs.All[name];
        using var bound = new CancellationTokenSource(Settings.FuzzTimeoutMs * 4);
        var result = GeneratorCheck.Check(source, bound.Token);
        Assert.True(result.Verdict == Verdict.OutputCompiles, result.Describe());
    }

    [Fact]
    public void Mutants_of_deep_inputs_never_crash_or_hang()
    {
        // The 5,000-statement method takes seconds per run: it has its own test above.
        var seeds = DeepInputs.All.Where(static d => d.Key != DeepInputs.LongMethodName).Select(static d => new SeedSource(d.Key, d.Value)).ToList();
        var runSeed = Settings.FuzzSeed;
        var summary = FuzzRun.Run(40, i => Mutator.Create(seeds, runSeed, i), Settings.FuzzTimeoutMs * 4, determinismEvery: int.MaxValue);
        _output.WriteLine(summary.Table());
        Assert.True(summary.Failures.Count == 0, FuzzRun.Report(summary, runSeed, Settings.FuzzTimeoutMs * 4));
    }
}
