using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>A test source file: the path is what diagnostics, <c>#line</c> directives and stack traces show.</summary>
public readonly record struct SourceFile(string Path, string Text)
{
    /// <summary>Lets a test write <c>("Workers.cs", text)</c> where a <see cref="SourceFile"/> is expected.</summary>
    public static implicit operator SourceFile((string Path, string Text) file) => new(file.Path, file.Text);
}

/// <summary>
/// Compiles test sources in memory and runs <see cref="CoroutineGenerator"/> on them through a
/// <see cref="CSharpGeneratorDriver"/> (incremental step tracking on). Every compilation also
/// gets <see cref="TraceHelper"/> (<c>Coroutines.Testing.Trace.Log</c>), so test programs can log.
/// </summary>
public static class GeneratorHarness
{
    /// <summary>The default path for a single source passed as a string.</summary>
    public const string DefaultPath = "Test.cs";

    /// <summary>C# latest (14), the language the SDK uses for the consumer.</summary>
    public static CSharpParseOptions ParseOptions { get; } =
        new(LanguageVersion.Latest, DocumentationMode.Parse);

    /// <summary>A class library with nullable enabled and every warning wave on, like a strict consumer.</summary>
    public static CSharpCompilationOptions CompilationOptions { get; } =
        new(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            optimizationLevel: OptimizationLevel.Debug,
            warningLevel: 9999,
            deterministic: true);

    /// <summary>net10.0 reference assemblies plus the Coroutines runtime. Built once, shared by every test.</summary>
    public static ImmutableArray<MetadataReference> References { get; } =
        [
            .. Basic.Reference.Assemblies.Net100.References.All,
            MetadataReference.CreateFromFile(typeof(Coroutine).Assembly.Location),
        ];

    /// <summary>Parses one source with the harness's parse options (UTF-8, so it can be emitted with a PDB).</summary>
    public static SyntaxTree Parse(SourceFile file) =>
        CSharpSyntaxTree.ParseText(SourceText.From(file.Text, Encoding.UTF8), ParseOptions, file.Path);

    /// <summary>The compilation of <paramref name="sources"/> plus the trace helper, before generation.</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<SourceFile> sources, string assemblyName = "CoroutineTestProgram")
    {
        var trees = sources.Select(Parse).Append(Parse(TraceHelper.Source)).ToList();
        var duplicate = trees.GroupBy(t => t.FilePath).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two test sources share the path '{duplicate.Key}'.", nameof(sources));
        }
        return CSharpCompilation.Create(assemblyName, trees, References, CompilationOptions);
    }

    /// <summary>Runs the generator on one source named <see cref="DefaultPath"/>.</summary>
    public static GeneratorRun Run(string source) => Run(new SourceFile(DefaultPath, source));

    /// <summary>Runs the generator on <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(params SourceFile[] sources) => Run(CreateCompilation(sources));

    /// <summary>Runs the generator on <paramref name="compilation"/> with a new driver.</summary>
    public static GeneratorRun Run(CSharpCompilation compilation)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators: [new CoroutineGenerator().AsSourceGenerator()],
            additionalTexts: null,
            parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            optionsProvider: null,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return GeneratorRun.Execute(driver, compilation);
    }

    /// <summary>
    /// Every <see cref="Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer"/> the generator assembly
    /// defines, found by reflection (so these tests compile before the analyzers exist).
    /// </summary>
    public static ImmutableArray<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> CreateAnalyzers() =>
        [
            .. typeof(CoroutineGenerator).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer).IsAssignableFrom(t))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer)Activator.CreateInstance(t)!),
        ];

    /// <summary>"Test.cs(12,9): error COR0007: message" followed by the source line, for failure messages.</summary>
    public static string Format(Diagnostic diagnostic, Compilation? compilation = null)
    {
        var text = diagnostic.ToString();
        if (diagnostic.Location.IsInSource && diagnostic.Location.GetMappedLineSpan().HasMappedPath)
        {
            // A #line directive mapped it to the user's file: also say where it is in the generated file.
            var unmapped = diagnostic.Location.GetLineSpan();
            text += $" [generated: {System.IO.Path.GetFileName(unmapped.Path)}({unmapped.StartLinePosition.Line + 1},{unmapped.StartLinePosition.Character + 1})]";
        }
        var tree = diagnostic.Location.SourceTree
            ?? compilation?.SyntaxTrees.FirstOrDefault(t => t.FilePath == diagnostic.Location.GetLineSpan().Path);
        if (tree is not null && diagnostic.Location.Kind is LocationKind.SourceFile or LocationKind.ExternalFile)
        {
            var span = diagnostic.Location.GetLineSpan();
            var lines = tree.GetText().Lines;
            if (span.StartLinePosition.Line < lines.Count)
            {
                var line = lines[span.StartLinePosition.Line].ToString();
                text += Environment.NewLine + "        | " + line.TrimEnd()
                      + Environment.NewLine + "        | " + new string(' ', Math.Min(span.StartLinePosition.Character, line.Length)) + "^";
            }
        }
        return text;
    }

    /// <summary>One formatted diagnostic per line, or "(none)".</summary>
    public static string Format(IEnumerable<Diagnostic> diagnostics, Compilation? compilation = null)
    {
        var list = diagnostics.Select(d => Format(d, compilation)).ToList();
        return list.Count == 0 ? "  (none)" : string.Join(Environment.NewLine, list.Select(d => "  " + d));
    }
}
