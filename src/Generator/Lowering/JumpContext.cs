using System.Collections.Generic;
using System.Collections.Immutable;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;

namespace Coroutines.Generator.Lowering;

/// <summary>A label that <c>break</c>, <c>continue</c> or <c>goto case</c> jumps to, and how many suspending finallys enclose it.</summary>
internal sealed record JumpTarget(string Label, int FrameDepth);

/// <summary>
/// A <c>try</c> whose <c>finally</c> suspends. Its finally runs after the C# <c>try</c>, so a
/// jump that leaves the try body is recorded as a pending branch number, and replayed (in the
/// context outside the try) once the finally has run: the C# compiler's own rewrite.
/// </summary>
internal sealed class FinallyFrame
{
    public FinallyFrame(int tryId, JumpContext outside)
    {
        TryId = tryId;
        Outside = outside;
    }

    public int TryId { get; }

    public JumpContext Outside { get; }

    public string Label => GeneratedNames.Try(TryId).Finally;

    public string BranchField => GeneratedNames.Try(TryId).BranchField;

    public string ExceptionField => GeneratedNames.Try(TryId).ExceptionField;

    /// <summary>Replays of the jumps that left the try, in branch-number order (branch n is Exits[n - 1]).</summary>
    public List<Statement> Exits { get; } = new();
}

/// <summary>Where jumps go at a point of the body: the innermost loop and switch, and the suspending finallys around it.</summary>
internal sealed record JumpContext(
    JumpTarget? Break,
    JumpTarget? Continue,
    ImmutableList<FinallyFrame> Frames,
    SwitchTargets? Switch,
    string? RethrowField)
{
    public static JumpContext Method { get; } = new(null, null, ImmutableList<FinallyFrame>.Empty, null, null);

    public int Depth => Frames.Count;

    public JumpContext InLoop(LoopLabels labels) =>
        this with { Break = new JumpTarget(labels.Break, Depth), Continue = new JumpTarget(labels.Continue, Depth) };

    public JumpContext InFinallyFrame(FinallyFrame frame) => this with { Frames = Frames.Add(frame) };
}

/// <summary>The labels of a flattened switch's sections, for <c>goto case</c> and <c>goto default</c>.</summary>
internal sealed record SwitchTargets(IReadOnlyList<(object? Value, string Label)> Cases, string? DefaultLabel, int FrameDepth);
