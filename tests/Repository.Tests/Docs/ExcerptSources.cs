using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Coroutines.Inspect;

namespace Coroutines.Repository.Tests.Docs;

/// <summary>
/// What each excerpt kind really is, computed now from the repository's code:
/// <list type="bullet">
/// <item><c>source file=PATH</c>: the file, as it is.</item>
/// <item><c>generated files=A.cs,B.cs machine=NameStateMachine part=full|step|abridged|header</c>: the
/// class the real generator writes for those files compiled together (#line paths relative to the
/// repository); <c>step</c> is <c>Step()</c> alone, <c>abridged</c> the class's fields (and nested classes) and <c>Step()</c>,
/// both without the #line and #nullable directives; <c>header</c> its leading comment.</item>
/// <item><c>mermaid files=... machine=...</c>: the state diagram the inspect tool draws.</item>
/// <item><c>output project=SeedDemo args=--virtual from=PREFIX until=PREFIX</c>: what the sample
/// prints (run in-process; args comma-separated), or its lines from the first that starts with
/// <c>from</c> up to the next blank line, or up to the line that starts with <c>until</c>.</item>
/// <item><c>fragments files=... machine=...</c>: a table whose second column's code spans each
/// occur in the generated class (checked, not rewritten).</item>
/// </list>
/// </summary>
internal sealed class ExcerptSources
{
    private static readonly object ConsoleLock = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<MachineReport>> _inspections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _outputs = new(StringComparer.Ordinal);

    // The samples' packages (the Generic Host of samples/TaskInterop): this test project references
    // them too, so their assemblies sit beside it. Orleans and Coroutines.Orleans, of
    // samples/DurableOrders, are copied from that sample's build into sample-references/ (see the project file).
    private static readonly Lazy<IReadOnlyList<string>> PackageAssemblies = new(static () =>
        Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Extensions.*.dll")
            .Concat(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "sample-references"))
                ? Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "sample-references"), "*.dll", SearchOption.AllDirectories)
                : [])
            .Order(StringComparer.Ordinal)
            .ToList());

    public ExcerptSources(string repositoryRoot) => Root = repositoryRoot;

    public string Root { get; }

    public string Produce(ExcerptMarker marker) => marker.Kind switch
    {
        "source" => Read(marker.Argument("file")).TrimEnd('\n'),
        "generated" => Part(Machine(marker).Source, marker.Argument("part"), marker),
        "mermaid" => Machine(marker).Mermaid.TrimEnd('\n'),
        "output" => Output(marker),
        _ => throw new FormatException($"{marker}: unknown excerpt kind '{marker.Kind}'."),
    };

    /// <summary>For <c>fragments</c>: null if every code span of the table's second column occurs in the generated class, else which do not.</summary>
    public string? Check(ExcerptMarker marker, string table)
    {
        var source = WithoutDirectives(Machine(marker).Source);
        var missing = table.Split('\n')
            .Skip(2) // header and separator rows
            .Select(static row => row.Split('|', StringSplitOptions.TrimEntries))
            .Where(static cells => cells.Length > 2)
            .SelectMany(static cells => Regex.Matches(cells[2], "`([^`]+)`").Select(static m => m.Groups[1].Value))
            .Where(fragment => !source.Contains(fragment, StringComparison.Ordinal))
            .ToList();
        return missing.Count == 0 ? null : "not in the generated code: " + string.Join(", ", missing.Select(static f => "`" + f + "`"));
    }

    /// <summary>Every machine generated from the files of <paramref name="folder"/> (repository-relative), compiled together as its project does.</summary>
    public IReadOnlyList<MachineReport> Inspect(IReadOnlyList<string> files) =>
        _inspections.GetOrAdd(string.Join(",", files), _ =>
        {
            var inputs = files.Select(f => new SourceInput(f, Read(f))).ToList();
            // The repository's projects turn implicit usings off (Directory.Build.props): so does this.
            var result = Inspector.Inspect(inputs, new InspectOptions(ImplicitUsings: false) { ExtraReferences = PackageAssemblies.Value });
            // CS1701: Orleans was built against Microsoft.Extensions 10, the samples run on 11 (the build unifies them too).
            var reported = result.Diagnostics.Where(static d => d.Id != "CS1701").ToList();
            if (reported.Count > 0)
            {
                throw new InvalidOperationException($"Inspecting {string.Join(", ", files)} reported:\n{string.Join("\n", reported)}");
            }
            return result.Machines;
        });

    /// <summary>The C# files of a project folder, repository-relative with '/', as its build compiles them (not bin/, obj/ or Generated/).</summary>
    public IReadOnlyList<string> ProjectFiles(string folder) =>
        Directory.GetFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !f[(folder.Length + 1)..].Split('/').Any(static part => part is "bin" or "obj" or "Generated"))
            .Order(StringComparer.Ordinal)
            .ToList();

    private MachineReport Machine(ExcerptMarker marker)
    {
        var name = marker.Argument("machine");
        var machines = Inspect(marker.Argument("files").Split(','));
        return machines.SingleOrDefault(m => m.MachineName == name)
            ?? throw new FormatException($"{marker}: no machine {name}; there are {string.Join(", ", machines.Select(static m => m.MachineName))}.");
    }

    private string Read(string file) => File.ReadAllText(Path.Combine(Root, file)).ReplaceLineEndings("\n");

    private static string WithoutDirectives(string source) =>
        string.Join("\n", source.Split('\n').Where(static l => !l.TrimStart().StartsWith("#line", StringComparison.Ordinal) && !l.TrimStart().StartsWith("#nullable", StringComparison.Ordinal)));

    private static string Part(string source, string part, ExcerptMarker marker)
    {
        if (part == "full")
        {
            return source.TrimEnd('\n');
        }
        if (part == "header")
        {
            return string.Join("\n", source.Split('\n').TakeWhile(static l => l.StartsWith("//", StringComparison.Ordinal)));
        }
        var lines = WithoutDirectives(source).Split('\n');
        var step = Block(lines, Array.FindIndex(lines, static l => l.Contains("Suspension Step()", StringComparison.Ordinal)), marker);
        if (part == "step")
        {
            return Dedent(step);
        }
        if (part == "abridged")
        {
            var classLine = Array.FindIndex(lines, static l => l.Contains("public sealed class ", StringComparison.Ordinal));
            var indent = lines[classLine][..^lines[classLine].TrimStart().Length];
            var fields = lines.Skip(classLine + 2).TakeWhile(static l => l.TrimStart().StartsWith("private ", StringComparison.Ordinal) && l.Contains("; //", StringComparison.Ordinal));
            // Nested classes (closure environments) with their summary line: part of what the fields hold.
            var nested = new List<string>();
            for (var i = classLine + 2; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("private sealed class ", StringComparison.Ordinal))
                {
                    nested.Add("");
                    nested.Add(lines[i - 1]);
                    nested.AddRange(Block(lines, i, marker));
                }
            }
            var body = new[] { lines[classLine], lines[classLine + 1] }.Concat(fields).Concat(nested).Append("").Concat(step).Append(indent + "}");
            return Dedent(body.ToList());
        }
        throw new FormatException($"{marker}: part is full, step, abridged or header.");
    }

    // The lines from `start` to the closing brace at its indentation.
    private static List<string> Block(string[] lines, int start, ExcerptMarker marker)
    {
        if (start < 0)
        {
            throw new FormatException($"{marker}: the generated class has no Step().");
        }
        var indent = lines[start][..^lines[start].TrimStart().Length];
        var end = Array.FindIndex(lines, start + 1, l => l == indent + "}");
        return lines[start..(end + 1)].ToList();
    }

    private static string Dedent(IReadOnlyList<string> lines)
    {
        var indent = lines.Where(static l => l.Trim().Length > 0).Min(static l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    private string Output(ExcerptMarker marker)
    {
        var project = marker.Argument("project");
        var args = marker.OptionalArgument("args")?.Split(',') ?? Array.Empty<string>();
        var output = _outputs.GetOrAdd(project + " " + string.Join(" ", args), _ => Run(project, args));
        if (marker.OptionalArgument("from") is not { } prefix)
        {
            return output.TrimEnd('\n');
        }
        var lines = output.Split('\n');
        var first = Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        if (first < 0)
        {
            throw new FormatException($"{marker}: no line of the output starts with '{prefix}'.");
        }
        var rest = lines.Skip(first);
        var selected = marker.OptionalArgument("until") is { } end
            ? rest.TakeWhile(l => !l.StartsWith(end, StringComparison.Ordinal))
            : rest.TakeWhile(static l => l.Length > 0);
        return string.Join("\n", selected).TrimEnd('\n');
    }

    // The sample's Main, in this process, with Console.Out captured (and its SVG into a temp file).
    private static string Run(string project, string[] args)
    {
        var entry = Assembly.Load(new AssemblyName(project)).EntryPoint
            ?? throw new InvalidOperationException($"{project} has no entry point.");
        var svg = Path.Combine(Path.GetTempPath(), $"coroutines-excerpt-{Guid.NewGuid():N}.svg");
        lock (ConsoleLock)
        {
            var original = Console.Out;
            var output = new StringWriter { NewLine = "\n" };
            Console.SetOut(output);
            try
            {
                var exit = entry.Invoke(null, new object[] { args.Concat(new[] { "--svg", svg }).ToArray() });
                if (exit is int code && code != 0)
                {
                    throw new InvalidOperationException($"{project} {string.Join(' ', args)} exited with {code}:\n{output}");
                }
            }
            finally
            {
                Console.SetOut(original);
                File.Delete(svg);
            }
            return output.ToString().ReplaceLineEndings("\n").Replace(svg, "SVG", StringComparison.Ordinal);
        }
    }
}
