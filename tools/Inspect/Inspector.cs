using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using Coroutines.Generator;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Inspect;

/// <summary>A C# file to inspect: the path diagnostics and <c>#line</c> directives show, and its text.</summary>
internal sealed record SourceInput(string Path, string Text);

/// <summary>What the inspection asks for.</summary>
/// <remarks>
/// <see cref="ImplicitUsings"/> is on by default: a loose file most often comes from a project made by
/// <c>dotnet new</c>, which relies on the SDK's implicit global usings (<c>Console</c> without <c>using System;</c>).
/// </remarks>
internal sealed record InspectOptions(bool ImplicitUsings = true, bool Code = true, bool Mermaid = true, bool Dot = true)
{
    /// <summary>Only some sections: printed raw (no Markdown around them), for piping into other tools.</summary>
    public bool Raw { get; init; }

    /// <summary>Assemblies (file paths) to compile against besides the framework and the runtime: a project's packages.</summary>
    public IReadOnlyList<string> ExtraReferences { get; init; } = [];
}

/// <summary>One generated state machine: its source and its diagrams.</summary>
internal sealed record MachineReport(string Method, string MachineName, string HintName, string Source, StateGraph Graph, LoweredCoroutine Lowered)
{
    public string Mermaid => Diagrams.Mermaid(Graph);

    public string Dot => Diagrams.Dot(Graph);
}

/// <summary>The machines generated from the inputs and every diagnostic (generator, analyzer and compiler).</summary>
internal sealed record InspectionResult(IReadOnlyList<MachineReport> Machines, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>
/// Runs the real Coroutines generator over a compilation of the given files (plus the .NET 10
/// reference assemblies and the Coroutines runtime) and reports what it generated.
/// </summary>
internal static class Inspector
{
    public const int ExitOk = 0;
    public const int ExitErrors = 1;
    public const int ExitUsage = 2;

    public const string Usage =
        "usage: coroutines-inspect [options] File.cs [More.cs ...]\n" +
        "       (from a clone of the repository: dotnet run --project tools/Inspect -- [options] File.cs ...)\n" +
        "\n" +
        "Prints, as Markdown, the state machine the Coroutines generator writes for each [Coroutine]\n" +
        "method in the files (compiled together, as one project), and a state diagram of each in Mermaid\n" +
        "and Graphviz DOT. Diagnostics go to standard error, as the compiler prints them.\n" +
        "\n" +
        "options:\n" +
        "  --only code|mermaid|dot   print only that section (repeatable), raw, without Markdown\n" +
        "  --no-implicit-usings      compile without the SDK's implicit global usings (System, System.IO,\n" +
        "                            System.Linq, System.Collections.Generic, System.Net.Http, System.Threading,\n" +
        "                            System.Threading.Tasks), for files from projects that turn them off;\n" +
        "                            by default they are added, as `dotnet new console` projects have them\n" +
        "  --implicit-usings         add them (the default; kept for older scripts)\n" +
        "  -h, --help                this text\n" +
        "\n" +
        "exit codes:\n" +
        "  0  the report was printed and no diagnostic is an error (warnings may have been printed)\n" +
        "  1  an error was reported (the generator's, its analyzer's or the compiler's); the report\n" +
        "     still shows every machine that was generated\n" +
        "  2  usage error: unknown option, no file given, or a file not found\n";

    private static readonly string[] ImplicitUsingNamespaces =
    {
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
    };

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ImmutableArray.CreateRange<MetadataReference>(Basic.Reference.Assemblies.Net100.References.All)
            .Add(MetadataReference.CreateFromFile(typeof(Coroutine).Assembly.Location)));

    /// <summary>The command line: parses <paramref name="args"/>, inspects, prints. Returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var paths = new List<string>();
        var options = new InspectOptions();
        var only = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    output.Write(Usage);
                    return ExitOk;
                case "--implicit-usings":
                    options = options with { ImplicitUsings = true };
                    break;
                case "--no-implicit-usings":
                    options = options with { ImplicitUsings = false };
                    break;
                case "--only":
                    if (i + 1 >= args.Length || args[i + 1] is not ("code" or "mermaid" or "dot"))
                    {
                        error.WriteLine("error: --only takes code, mermaid or dot.");
                        return ExitUsage;
                    }
                    only.Add(args[++i]);
                    break;
                case var flag when flag.StartsWith('-'):
                    error.WriteLine($"error: unknown option '{flag}'.");
                    error.Write(Usage);
                    return ExitUsage;
                default:
                    paths.Add(args[i]);
                    break;
            }
        }
        if (paths.Count == 0)
        {
            error.Write(Usage);
            return ExitUsage;
        }
        if (only.Count > 0)
        {
            options = options with { Code = only.Contains("code"), Mermaid = only.Contains("mermaid"), Dot = only.Contains("dot"), Raw = true };
        }

        var inputs = new List<SourceInput>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                error.WriteLine($"error: file not found: {path}");
                return ExitUsage;
            }
            inputs.Add(new SourceInput(path, File.ReadAllText(path)));
        }

        var result = Inspect(inputs, options);
        output.Write(Format(result, inputs, options));
        foreach (var diagnostic in result.Diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
        }
        if (Hint(result, options) is { } hint)
        {
            error.WriteLine("hint: " + hint);
        }
        return result.HasErrors ? ExitErrors : ExitOk;
    }

    // Compiler errors that say a name is not known: the usual cause is a missing using.
    private static readonly string[] UnknownNameIds = { "CS0103", "CS0246", "CS0234", "CS0116" };

    // Names the runtime defines: not finding one means `using Coroutines;` is missing.
    private static readonly string[] RuntimeNames = { "'Coroutine'", "'CoroutineAttribute'", "'Yield'", "'Scheduler'", "'VirtualClock'", "'Clock'" };

    /// <summary>
    /// When the errors are the likely reason a machine is missing, what to pass or add (one sentence),
    /// or null. Unknown names (CS0103, CS0246) without implicit usings: drop --no-implicit-usings;
    /// the runtime's names unknown: add <c>using Coroutines;</c>.
    /// </summary>
    public static string? Hint(InspectionResult result, InspectOptions options)
    {
        var unknown = result.Diagnostics
            .Where(static d => d.Severity == DiagnosticSeverity.Error && UnknownNameIds.Contains(d.Id))
            .Select(static d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        if (unknown.Count == 0)
        {
            return result.Machines.Count == 0 && result.HasErrors
                ? "no state machine was generated because of the errors above: fix them (the generator skips a method it cannot compile)."
                : null;
        }
        if (unknown.Any(static m => RuntimeNames.Any(n => m.Contains(n, StringComparison.Ordinal))))
        {
            return "the file does not import the Coroutines runtime: add `using Coroutines;` at its top.";
        }
        if (!options.ImplicitUsings)
        {
            return "names are not found and --no-implicit-usings was given: if the file comes from a project with implicit usings (the default of `dotnet new`), run without --no-implicit-usings.";
        }
        // Machines were generated: an unknown name is then an ordinary error of the file, not the cause.
        return result.Machines.Count == 0
            ? "names are not found: add the usings the file needs (the SDK's implicit usings are already added), or pass every file of the project together."
            : null;
    }

    /// <summary>Compiles <paramref name="inputs"/>, runs the generator and its analyzer, and collects the machines and diagnostics.</summary>
    public static InspectionResult Inspect(IReadOnlyList<SourceInput> inputs, InspectOptions options)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Parse);
        var trees = inputs
            .Select(input => CSharpSyntaxTree.ParseText(SourceText.From(input.Text, Encoding.UTF8), parseOptions, input.Path))
            .ToList();
        if (options.ImplicitUsings)
        {
            var usings = string.Concat(ImplicitUsingNamespaces.Select(static n => $"global using global::{n};\n"));
            trees.Add(CSharpSyntaxTree.ParseText(usings, parseOptions, "ImplicitUsings.g.cs"));
        }
        var hasTopLevelStatements = trees.Any(static t =>
            t.GetRoot().ChildNodes().Any(static n => n.IsKind(SyntaxKind.GlobalStatement)));
        var compilation = CSharpCompilation.Create(
            "Inspected",
            trees,
            References.Value.AddRange(options.ExtraReferences.Select(static path => MetadataReference.CreateFromFile(path))),
            new CSharpCompilationOptions(
                hasTopLevelStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                deterministic: true));

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators: new[] { new CoroutineGenerator().AsSourceGenerator() },
            additionalTexts: null,
            parseOptions: parseOptions,
            optionsProvider: null,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        var run = driver.GetRunResult();

        var sources = run.Results
            .SelectMany(static r => r.GeneratedSources)
            .ToDictionary(static s => s.HintName, static s => s.SourceText.ToString(), StringComparer.Ordinal);
        var machines = new List<MachineReport>();
        foreach (var result in run.Results)
        {
            if (!result.TrackedSteps.TryGetValue(TrackingNames.Flatten, out var steps))
            {
                continue;
            }
            foreach (var output in steps.SelectMany(static s => s.Outputs))
            {
                if (FindLowered(output.Value) is { } lowered && sources.TryGetValue(lowered.Model.HintName, out var source))
                {
                    machines.Add(new MachineReport(
                        lowered.Model.Method.DisplaySignature,
                        lowered.Model.Method.StateMachineName,
                        lowered.Model.HintName,
                        source.ReplaceLineEndings("\n"),
                        StateGraph.Build(lowered),
                        lowered));
                }
            }
        }

        var analyzers = typeof(CoroutineGenerator).Assembly.GetTypes()
            .Where(static t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .OrderBy(static t => t.FullName, StringComparer.Ordinal)
            .Select(static t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        var analyzerDiagnostics = analyzers.IsEmpty
            ? ImmutableArray<Diagnostic>.Empty
            : generated.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();

        var order = inputs.Select(static (input, index) => (input.Path, index)).ToDictionary(static p => p.Path, static p => p.index, StringComparer.Ordinal);
        var diagnostics = generatorDiagnostics
            .Concat(generated.GetDiagnostics())
            .Concat(analyzerDiagnostics)
            .Where(static d => d.Severity is DiagnosticSeverity.Warning or DiagnosticSeverity.Error)
            // An error in a statement the generator copied shows twice, mapped to the same line by #line
            // (the column is the copy's): once is enough.
            .DistinctBy(static d => (d.Id, d.Location.GetMappedLineSpan().Path, d.Location.GetMappedLineSpan().StartLinePosition.Line, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(d => order.TryGetValue(d.Location.GetLineSpan().Path ?? "", out var index) ? index : int.MaxValue)
            .ThenBy(static d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(static d => d.Location.SourceSpan.Start)
            .ThenBy(static d => d.Id, StringComparer.Ordinal)
            .ToList();

        return new InspectionResult(
            machines.OrderBy(static m => m.HintName, StringComparer.Ordinal).ToList(),
            diagnostics);
    }

    // The Lower step's output: the lowered coroutine itself, or a result that holds it.
    private static LoweredCoroutine? FindLowered(object? value) => value switch
    {
        null => null,
        LoweredCoroutine lowered => lowered,
        _ => value.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(static p => p.PropertyType == typeof(LoweredCoroutine) && p.GetIndexParameters().Length == 0)
            .Select(p => p.GetValue(value) as LoweredCoroutine)
            .FirstOrDefault(static l => l is not null),
    };

    /// <summary>The report: Markdown with a section per machine, or the raw sections asked for.</summary>
    public static string Format(InspectionResult result, IReadOnlyList<SourceInput> inputs, InspectOptions options)
    {
        var text = new StringBuilder();
        if (options.Raw)
        {
            foreach (var machine in result.Machines)
            {
                if (options.Code)
                {
                    text.Append(machine.Source.TrimEnd('\n')).Append("\n\n");
                }
                if (options.Mermaid)
                {
                    text.Append(machine.Mermaid).Append('\n');
                }
                if (options.Dot)
                {
                    text.Append(machine.Dot).Append('\n');
                }
            }
            return text.ToString();
        }

        var names = string.Join(", ", inputs.Select(static i => Path.GetFileName(i.Path)));
        text.Append("# Coroutines in ").Append(names).Append("\n\n");
        if (result.Machines.Count == 0)
        {
            text.Append(result.HasErrors
                ? "No state machine was generated: see the errors.\n"
                : "No [Coroutine] method here: nothing was generated.\n");
            if (Hint(result, options) is { } hint)
            {
                text.Append("\nHint: ").Append(hint).Append('\n');
            }
            return text.ToString();
        }
        foreach (var machine in result.Machines)
        {
            var graph = machine.Graph;
            text.Append("## ").Append(machine.Method).Append("\n\n");
            text.Append("State machine `").Append(machine.MachineName).Append("`, generated file `").Append(machine.HintName).Append("`.\n\n");
            text.Append("| state | resumes | source line |\n| --- | --- | --- |\n");
            text.Append("| 0 | at the start of the method | |\n");
            foreach (var state in graph.States)
            {
                text.Append("| ").Append(state.Number).Append(" | after `").Append(state.SourceText.Replace("|", "\\|", StringComparison.Ordinal))
                    .Append("` | ").Append(state.Line).Append(" |\n");
            }
            text.Append('\n');
            text.Append("One call of `Step()` resumes in a state and runs to the next suspension (a state) or to the end (done): ")
                .Append(string.Join(", ", graph.Transitions.Select(static t =>
                    $"{t.From} → {(t.To == StateGraph.Done ? "done" : t.To.ToString(System.Globalization.CultureInfo.InvariantCulture))}{(t.OnException ? " (on exception)" : "")}")))
                .Append(".\n\n");
            if (options.Code)
            {
                text.Append("### Generated code\n\n```csharp\n").Append(machine.Source.TrimEnd('\n')).Append("\n```\n\n");
            }
            if (options.Mermaid)
            {
                text.Append("### State diagram (Mermaid)\n\n```mermaid\n").Append(machine.Mermaid).Append("```\n\n");
            }
            if (options.Dot)
            {
                text.Append("### State diagram (Graphviz DOT)\n\n```dot\n").Append(machine.Dot).Append("```\n\n");
            }
        }
        return text.ToString().TrimEnd('\n') + "\n";
    }
}
