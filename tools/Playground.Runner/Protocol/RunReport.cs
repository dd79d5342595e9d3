using System.Collections.Generic;

namespace Coroutines.Playground.Runner.Protocol;

/// <summary>What the runner reads on standard input: the program, one C# file.</summary>
public sealed record RunRequest(string Source);

/// <summary>A diagnostic in the user's file (1-based lines and columns).</summary>
public sealed record SourceDiagnostic(string Id, string Severity, string Message, int Line, int Column, int EndLine, int EndColumn);

/// <summary>One hoisted field of a state machine and its value, as text.</summary>
public sealed record FieldValue(string Name, string Value);

/// <summary>
/// One resume: a call of <c>Step()</c> on <see cref="Coroutine"/> (a <see cref="Machine"/>) at
/// virtual time <see cref="TimeSeconds"/>, which resumed in state <see cref="ResumedIn"/> and ended
/// as <see cref="Ended"/> ("suspended", "completed", "faulted" or "canceled"), suspended in
/// <see cref="SuspendedAt"/>; <see cref="Fields"/> are the machine's fields after the step.
/// </summary>
public sealed record StepSnapshot(
    int Index,
    double TimeSeconds,
    string Coroutine,
    string Machine,
    int? ResumedIn,
    string Ended,
    int? SuspendedAt,
    IReadOnlyList<FieldValue> Fields);

/// <summary>What the runner writes on standard error, alone on a line, when the compiled program starts: the server's run-time limit starts there.</summary>
public static class RunSignals
{
    public const string Running = "running";
}

/// <summary>Outcomes a run can have; the server adds the ones only it can see (a time limit, a crash).</summary>
public static class RunOutcomes
{
    public const string Completed = "completed";
    public const string Faulted = "faulted";
    public const string CompileErrors = "compile-errors";
    public const string TimeLimit = "time-limit";
    public const string Crashed = "crashed";
}

/// <summary>What the runner writes on standard output when the run is over.</summary>
public sealed record RunReport
{
    public string Outcome { get; init; } = RunOutcomes.Completed;

    /// <summary>One sentence for the user: what happened and, if it went wrong, what to do.</summary>
    public string Message { get; init; } = "";

    public IReadOnlyList<SourceDiagnostic> Diagnostics { get; init; } = [];

    public string Output { get; init; } = "";

    public bool OutputTruncated { get; init; }

    /// <summary>One SVG timeline per scheduler the program ran.</summary>
    public IReadOnlyList<string> Timelines { get; init; } = [];

    public IReadOnlyList<StepSnapshot> Steps { get; init; } = [];

    public bool StepsTruncated { get; init; }
}
