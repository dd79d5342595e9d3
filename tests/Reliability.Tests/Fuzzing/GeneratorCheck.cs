using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Coroutines.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Reliability.Tests.Fuzzing;

/// <summary>What one input did to the generator. The first members are fine; the rest are failures.</summary>
internal enum Verdict
{
    /// <summary>The input has syntax errors: the generator only had to survive it (no exception, no hang).</summary>
    SyntaxErrors,

    /// <summary>Valid syntax, nothing generated (no [Coroutine] method left, or every one got a COR error).</summary>
    NothingGenerated,

    /// <summary>Something was generated and the whole output compiles.</summary>
    OutputCompiles,

    /// <summary>The output has errors, explained by a COR error diagnostic.</summary>
    ExplainedByCorError,

    /// <summary>The output has errors, explained by compiler errors in the user's own source.</summary>
    ExplainedByUserErrors,

    // ---- failures ----

    /// <summary>The generator threw (Results[i].Exception, or CS8785).</summary>
    Threw,

    /// <summary>The generator caught its own exception and reported COR0017 (an internal error).</summary>
    InternalError,

    /// <summary>The generator did not finish within the time bound.</summary>
    Hang,

    /// <summary>The user's code compiles, no COR error explains it, and the output does not compile.</summary>
    BrokenOutput,

    /// <summary>A [Coroutine] method of code that compiles got neither a factory nor a COR error.</summary>
    SilentlyDropped,

    /// <summary>The same input generated different text twice.</summary>
    NotDeterministic,
}

/// <summary>The verdict on one input, with everything a failure report needs.</summary>
internal sealed record CheckResult(
    Verdict Verdict,
    string Source,
    IReadOnlyList<(string HintName, string Text)> Generated,
    IReadOnlyList<Diagnostic> GeneratorDiagnostics,
    IReadOnlyList<Diagnostic> OutputErrors,
    string? Detail)
{
    public bool IsFailure => Verdict >= Verdict.Threw;

    public bool HasCorDiagnostic => GeneratorDiagnostics.Any(static d => d.Id.StartsWith("COR", StringComparison.Ordinal));

    /// <summary>A self-contained report: the input, the diagnostics and the generated code.</summary>
    public string Describe()
    {
        var b = new StringBuilder();
        b.AppendLine($"Verdict: {Verdict}{(Detail is null ? "" : " — " + Detail)}");
        b.AppendLine("----- input -----");
        AppendNumbered(b, Source);
        b.AppendLine("----- generator diagnostics -----");
        foreach (var d in GeneratorDiagnostics)
        {
            b.AppendLine("  " + d);
        }
        b.AppendLine("----- output compilation errors -----");
        foreach (var d in OutputErrors.Take(30))
        {
            b.AppendLine($"  {d} [in {d.Location.SourceTree?.FilePath}]");
        }
        foreach (var (hint, text) in Generated)
        {
            b.AppendLine($"----- generated {hint} -----");
            AppendNumbered(b, text);
        }
        return b.ToString();
    }

    private static void AppendNumbered(StringBuilder b, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            b.Append((i + 1).ToString().PadLeft(5)).Append("  ").AppendLine(lines[i]);
        }
    }
}

/// <summary>
/// Runs <see cref="CoroutineGenerator"/> in memory on one source and judges the outcome: the
/// generator must never throw, never hang, and what it emits must compile or come with an error
/// (a COR diagnostic, or the compiler's own errors in the user's source).
/// </summary>
internal static class GeneratorCheck
{
    public const string InputPath = "Fuzz.cs";

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Parse);

    public static CSharpCompilationOptions CompilationOptions { get; } = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: true,
        concurrentBuild: false, // inputs run in parallel already
        deterministic: true);

    /// <summary>net10.0 reference assemblies and the Coroutines runtime, loaded once for every run.</summary>
    public static ImmutableArray<MetadataReference> References { get; } =
        [
            .. Basic.Reference.Assemblies.Net100.References.All,
            MetadataReference.CreateFromFile(typeof(Coroutine).Assembly.Location),
        ];

    /// <summary>
    /// An empty compilation whose references are already bound. Every input's compilation is made
    /// from it with <c>AddSyntaxTrees</c>, which reuses those bound references (the assembly
    /// symbols of ~170 reference assemblies) instead of binding them again for each input.
    /// </summary>
    private static readonly Lazy<CSharpCompilation> s_empty = new(static () =>
    {
        var empty = CSharpCompilation.Create("FuzzInput", [], References, CompilationOptions);
        _ = empty.GetTypeByMetadataName("Coroutines.Coroutine"); // binds the references once
        return empty;
    });

    public static CSharpCompilation Compile(string source, CancellationToken ct = default)
    {
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(source, Encoding.UTF8), ParseOptions, InputPath, ct);
        return s_empty.Value.AddSyntaxTrees(tree);
    }

    /// <summary>Runs the generator on <paramref name="source"/> and returns the verdict.</summary>
    /// <param name="checkDeterminism">Also run a second, fresh driver and compare the generated text.</param>
    /// <param name="fullCompile">Also compile the user's trees when the generated ones are clean (slower; the fuzz loop does it for a sample).</param>
    public static CheckResult Check(string source, CancellationToken ct, bool checkDeterminism = false, bool fullCompile = true)
    {
        try
        {
            return CheckCore(source, ct, checkDeterminism, fullCompile);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new CheckResult(Verdict.Hang, source, [], [], [], "the time bound ran out (in the generator or while compiling its output)");
        }
    }

    private static CheckResult CheckCore(string source, CancellationToken ct, bool checkDeterminism, bool fullCompile)
    {
        var input = Compile(source, ct);
        GeneratorDriverRunResult run;
        Compilation output;
        ImmutableArray<Diagnostic> generatorDiagnostics;
        try
        {
            using var _ = Phases.Measure(Phase.Generator);
            (run, output, generatorDiagnostics) = RunGenerator(input, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new CheckResult(Verdict.Hang, source, [], [], [], "the generator did not finish within the time bound");
        }

        var result = run.Results[0];
        var generated = result.GeneratedSources.Select(static s => (s.HintName, s.SourceText.ToString())).ToList();
        List<Diagnostic> diagnostics = [.. generatorDiagnostics];
        CheckResult Judge(Verdict verdict, IReadOnlyList<Diagnostic>? errors = null, string? detail = null) =>
            new(verdict, source, generated, diagnostics, errors ?? [], detail);

        if (result.Exception is not null)
        {
            return Judge(Fuzzing.Verdict.Threw, detail: result.Exception.ToString());
        }
        if (diagnostics.FirstOrDefault(static d => d.Id == "CS8785") is { } cs8785)
        {
            return Judge(Fuzzing.Verdict.Threw, detail: cs8785.GetMessage());
        }
        if (diagnostics.FirstOrDefault(static d => d.Id == "COR0017") is { } internalError)
        {
            return Judge(Fuzzing.Verdict.InternalError, detail: internalError.GetMessage());
        }

        if (checkDeterminism)
        {
            var (again, _, _) = RunGenerator(Compile(source, ct), ct);
            var second = again.Results[0].GeneratedSources.Select(static s => (s.HintName, s.SourceText.ToString())).ToList();
            if (!second.SequenceEqual(generated))
            {
                return Judge(Fuzzing.Verdict.NotDeterministic, detail: "a second run generated different sources");
            }
        }

        var inputTree = input.SyntaxTrees[0];
        if (inputTree.GetDiagnostics(ct).Any(static d => d.Severity == DiagnosticSeverity.Error))
        {
            return Judge(Fuzzing.Verdict.SyntaxErrors);
        }

        var hasCorError = diagnostics.Any(static d => d.Id.StartsWith("COR", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
        if (generated.Count == 0 && hasCorError)
        {
            return Judge(Fuzzing.Verdict.NothingGenerated); // every method with output trouble said so
        }

        // Errors the generated code causes are reported in the generated trees, or, for a clash of
        // member names, among the declarations of the user's tree: check those first (cheap), and
        // the whole output only when they are clean.
        var generatedTrees = new HashSet<SyntaxTree>(result.GeneratedSources.Select(static s => s.SyntaxTree));
        List<Diagnostic> outputErrors;
        using (Phases.Measure(Phase.GeneratedTrees))
        {
            outputErrors = generatedTrees
                .SelectMany(t => output.GetSemanticModel(t).GetDiagnostics(cancellationToken: ct))
                .Concat(generatedTrees.Count == 0 ? [] : output.GetSemanticModel(inputTree).GetDeclarationDiagnostics(cancellationToken: ct))
                .Where(static d => d.Severity == DiagnosticSeverity.Error)
                .ToList();
        }
        var compiledAll = false;
        if (outputErrors.Count == 0 && (fullCompile || generated.Count == 0))
        {
            using var _ = Phases.Measure(Phase.WholeOutput);
            outputErrors = output.GetDiagnostics(ct).Where(static d => d.Severity == DiagnosticSeverity.Error).ToList();
            compiledAll = true;
        }
        if (outputErrors.Count == 0)
        {
            // Only for code known to compile: a method with errors of its own may be skipped.
            var dropped = compiledAll ? DroppedMethod(output, inputTree, diagnostics, ct) : null;
            if (dropped is not null)
            {
                return Judge(Fuzzing.Verdict.SilentlyDropped, detail: $"[Coroutine] method '{dropped}' has no factory and no COR error");
            }
            return Judge(generated.Count == 0 ? Fuzzing.Verdict.NothingGenerated : Fuzzing.Verdict.OutputCompiles);
        }

        List<Diagnostic> userErrors;
        using (Phases.Measure(Phase.Input))
        {
            userErrors = input.GetDiagnostics(ct).Where(static d => d.Severity == DiagnosticSeverity.Error).ToList();
        }
        if (userErrors.Count > 0)
        {
            return Judge(Fuzzing.Verdict.ExplainedByUserErrors, outputErrors);
        }
        // The user's code compiles. A COR error means no output for that method; any generated tree
        // is for a method the generator accepted, so an error inside one is never explained.
        var inGenerated = outputErrors.Where(d => d.Location.SourceTree is { } t && generatedTrees.Contains(t)).ToList();
        if (hasCorError && inGenerated.Count == 0)
        {
            return Judge(Fuzzing.Verdict.ExplainedByCorError, outputErrors);
        }
        return Judge(
            Fuzzing.Verdict.BrokenOutput,
            outputErrors,
            hasCorError
                ? "errors inside generated code of a method the generator accepted (COR errors elsewhere do not explain them)"
                : "the input compiles, the generator reported no COR error, and the output does not compile");
    }

    public static (GeneratorDriverRunResult Run, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) RunGenerator(
        CSharpCompilation input, CancellationToken ct)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators: [new CoroutineGenerator().AsSourceGenerator()],
            additionalTexts: null,
            parseOptions: (CSharpParseOptions)input.SyntaxTrees[0].Options,
            optionsProvider: null,
            driverOptions: default);
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics, ct);
        return (driver.GetRunResult(), output, diagnostics);
    }

    /// <summary>A [Coroutine] method (of code that compiles) that got neither its factory nor a COR error, or null.</summary>
    private static string? DroppedMethod(Compilation output, SyntaxTree inputTree, List<Diagnostic> diagnostics, CancellationToken ct)
    {
        var attribute = output.GetTypeByMetadataName("Coroutines.CoroutineAttribute");
        if (attribute is null)
        {
            return null;
        }
        var tree = output.SyntaxTrees.First(t => t.FilePath == inputTree.FilePath);
        var model = output.GetSemanticModel(tree);
        foreach (var method in tree.GetRoot(ct).DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            if (method.AttributeLists.Count == 0 ||
                model.GetDeclaredSymbol(method, ct) is not { } symbol ||
                !symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)))
            {
                continue;
            }
            var factory = symbol.ContainingType.GetMembers(symbol.Name + "Coroutine").OfType<IMethodSymbol>()
                .Any(m => m.Parameters.Length == symbol.Parameters.Length && m.TypeParameters.Length == symbol.TypeParameters.Length);
            if (factory)
            {
                continue;
            }
            // COR errors land on the method, or (COR0001) on the identifier of a containing type.
            var spans = new List<TextSpan> { method.Span };
            spans.AddRange(method.Ancestors().OfType<BaseTypeDeclarationSyntax>().Select(static t => t.Identifier.Span));
            var explained = diagnostics.Any(d =>
                d.Id.StartsWith("COR", StringComparison.Ordinal) &&
                d.Severity == DiagnosticSeverity.Error &&
                d.Location.GetLineSpan().Path == tree.FilePath && // the generator's locations are external (path and span)
                spans.Any(s => s.IntersectsWith(d.Location.SourceSpan)));
            if (!explained)
            {
                return symbol.ToDisplayString();
            }
        }
        return null;
    }
}

/// <summary>Where checking time goes, for tuning the fuzz run (summed over threads).</summary>
internal enum Phase
{
    Generator,
    GeneratedTrees,
    WholeOutput,
    Input,
}

internal static class Phases
{
    private static readonly long[] s_ticks = new long[4];
    private static readonly long[] s_counts = new long[4];

    public static Scope Measure(Phase phase) => new(phase, System.Diagnostics.Stopwatch.GetTimestamp());

    public static string Report() => string.Join(", ", Enum.GetValues<Phase>().Select(p =>
        $"{p} {Interlocked.Read(ref s_counts[(int)p])}x {System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref s_ticks[(int)p])).TotalSeconds:0.0} s"));

    public readonly struct Scope(Phase phase, long start) : IDisposable
    {
        public void Dispose()
        {
            Interlocked.Add(ref s_ticks[(int)phase], System.Diagnostics.Stopwatch.GetTimestamp() - start);
            Interlocked.Increment(ref s_counts[(int)phase]);
        }
    }
}
