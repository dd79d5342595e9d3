using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Coroutines.Generator;
using Coroutines.Playground.Runner.Protocol;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Playground.Runner.Compiling;

/// <summary>The compiled program: its assembly image, or the errors that stopped it.</summary>
public sealed record CompiledProgram(byte[]? Image, IReadOnlyList<SourceDiagnostic> Errors);

/// <summary>
/// Compiles the user's file the way a project would (the real generator, the runtime, .NET 10
/// reference assemblies), after checking it against <see cref="ApiPolicy"/> and pointing every
/// scheduler it creates at the runner (<see cref="SchedulerHook"/>).
/// </summary>
public static class ProgramCompiler
{
    public const string FileName = "Program.cs";

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ImmutableArray.CreateRange<MetadataReference>(Basic.Reference.Assemblies.Net100.References.All)
            .Add(MetadataReference.CreateFromFile(typeof(Coroutine).Assembly.Location)));

    public static CompiledProgram Compile(string source)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(source, Encoding.UTF8), parseOptions, FileName);
        var hook = CSharpSyntaxTree.ParseText(SchedulerHook.Source, parseOptions, "PlaygroundHook.cs");

        var first = Generate(Create(tree, hook), parseOptions, out var generatorDiagnostics);
        var errors = Errors(generatorDiagnostics.Concat(first.GetDiagnostics()));
        if (errors.Count > 0)
        {
            return new CompiledProgram(null, errors);
        }
        var model = first.GetSemanticModel(tree);
        var violations = ApiPolicy.Check(tree, model);
        if (violations.Count > 0)
        {
            return new CompiledProgram(null, violations);
        }

        // Same lines as the user's file: the hook wraps expressions in place.
        var hooked = tree.WithRootAndOptions(SchedulerHook.Rewrite(tree.GetRoot(), model), parseOptions);
        var final = Generate(Create(hooked, hook), parseOptions, out generatorDiagnostics);
        using var image = new MemoryStream();
        var emit = final.Emit(image);
        errors = Errors(generatorDiagnostics.Concat(emit.Diagnostics));
        return errors.Count > 0 ? new CompiledProgram(null, errors) : new CompiledProgram(image.ToArray(), []);
    }

    private static CSharpCompilation Create(SyntaxTree program, SyntaxTree hook) =>
        CSharpCompilation.Create(
            "PlaygroundProgram",
            [program, hook],
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.ConsoleApplication,
                nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Debug,
                allowUnsafe: false,
                deterministic: true));

    private static Compilation Generate(CSharpCompilation compilation, CSharpParseOptions parseOptions, out ImmutableArray<Diagnostic> diagnostics)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators: [new CoroutineGenerator().AsSourceGenerator()],
            parseOptions: parseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out diagnostics);
        return generated;
    }

    private static List<SourceDiagnostic> Errors(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .Where(static d => d.Severity == DiagnosticSeverity.Error)
            .OrderBy(static d => d.Location.SourceSpan.Start)
            .Select(ToSource)
            .Distinct() // a statement copied into the generated class maps back (#line) to the same place
            .ToList();

    /// <summary>A Roslyn diagnostic as the page shows it: 1-based, mapped through <c>#line</c>.</summary>
    public static SourceDiagnostic ToSource(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        if (!span.IsValid)
        {
            span = diagnostic.Location.GetLineSpan();
        }
        var start = span.StartLinePosition;
        var end = span.EndLinePosition;
        var line = span.IsValid && span.Path == FileName ? start.Line + 1 : 0; // 0: not in the user's file
        return new SourceDiagnostic(
            diagnostic.Id,
            diagnostic.Severity.ToString().ToLowerInvariant(),
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            line,
            line == 0 ? 0 : start.Character + 1,
            line == 0 ? 0 : end.Line + 1,
            line == 0 ? 0 : end.Character + 1);
    }
}
