using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Coroutines.Inspect;
using Coroutines.Playground.Diagrams;
using Coroutines.Playground.Runner.Compiling;
using Coroutines.Playground.Runner.Protocol;

namespace Coroutines.Playground.Api;

/// <summary>A line of generated code: the state it belongs to (if any) and the user's line it was made from (if known).</summary>
internal sealed record GeneratedLine(string Text, int? State, int? SourceLine);

/// <summary>A resume state: the statement it resumes after and that statement's line.</summary>
internal sealed record StateView(int Number, string SourceText, int Line);

/// <summary>One step's possible ends: <see cref="To"/> is null when the coroutine completes.</summary>
internal sealed record TransitionView(int From, int? To, bool OnException);

/// <summary>A generated state machine as the page shows it.</summary>
internal sealed record MachineView(
    string Method,
    string MachineName,
    string HintName,
    IReadOnlyList<GeneratedLine> Lines,
    IReadOnlyList<StateView> States,
    IReadOnlyList<TransitionView> Transitions,
    string Diagram);

/// <summary>The answer to /api/generate.</summary>
internal sealed record GenerateResponse(IReadOnlyList<SourceDiagnostic> Diagnostics, IReadOnlyList<MachineView> Machines);

/// <summary>Runs the real generator (through the inspect tool) and shapes its answer for the page's linked views.</summary>
internal static partial class GeneratedView
{
    public static GenerateResponse Generate(string source)
    {
        var result = Inspector.Inspect([new SourceInput(ProgramCompiler.FileName, source)], new InspectOptions(Mermaid: false, Dot: false));
        var machines = result.Machines.Select(static machine =>
        {
            var states = GraphReader.States(machine.Graph);
            var transitions = GraphReader.Transitions(machine.Graph);
            return new MachineView(
                machine.Method,
                machine.MachineName,
                machine.HintName,
                Annotate(machine.Source),
                states,
                transitions,
                StateDiagramSvg.Render(machine.MachineName, states, transitions));
        }).ToList();
        // A statement copied into the generated class maps back (#line) to the same place: report it once.
        return new GenerateResponse(result.Diagnostics.Select(ProgramCompiler.ToSource).Distinct().ToList(), machines);
    }

    /// <summary>
    /// Each generated line with the state it shows (the header's list, the dispatch's case, the
    /// comment before a suspension, <c>SuspendAt(k, ...)</c>, the resume label) and, for the line
    /// after a <c>#line</c> directive, the user's line it was made from.
    /// </summary>
    public static IReadOnlyList<GeneratedLine> Annotate(string generated)
    {
        var lines = new List<GeneratedLine>();
        int? pendingSourceLine = null;
        foreach (var text in generated.TrimEnd('\n').Split('\n'))
        {
            var directive = LineDirective().Match(text);
            if (directive.Success)
            {
                pendingSourceLine = int.Parse(directive.Groups[1].Value, CultureInfo.InvariantCulture);
                lines.Add(new GeneratedLine(text, null, null));
                continue;
            }
            var state = StateMark().Match(text);
            lines.Add(new GeneratedLine(
                text,
                state.Success ? int.Parse(state.Groups.Values.Skip(1).First(static g => g.Success).Value, CultureInfo.InvariantCulture) : null,
                text.TrimStart().StartsWith("#line", System.StringComparison.Ordinal) ? null : pendingSourceLine));
            pendingSourceLine = null;
        }
        return lines;
    }

    [GeneratedRegex("""^\s*#line (\d+) "[^"]*"\s*$""")]
    private static partial Regex LineDirective();

    [GeneratedRegex("""^//\s+state (\d+): after|\(state (\d+)\)|\bSuspendAt\((\d+),|^\s*resume(\d+):|\bcase (\d+): goto """)]
    private static partial Regex StateMark();
}
