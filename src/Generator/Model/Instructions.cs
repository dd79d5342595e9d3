using Coroutines.Generator.Model;

namespace Coroutines.Generator.Model;

/// <summary>
/// The lowered body: a flat list the emitter writes line by line. Lines that come from user
/// code carry the source line they map back to with <c>#line</c>.
/// </summary>
internal abstract record Instruction;

/// <summary>A label; the emitter writes only those something jumps to.</summary>
internal sealed record LabelInstruction(string Name) : Instruction;

/// <summary>A user statement, kept as written (after renaming).</summary>
internal sealed record CodeInstruction(string Text, int Line, bool KeepContinuationIndent, EquatableArray<string> JumpTargets) : Instruction
{
    public bool EndReachable { get; init; } = true;

    public bool IsDeclaration { get; init; }
}

/// <summary><c>if (!(Condition)) goto Label;</c> (or without the negation).</summary>
internal sealed record BranchInstruction(string Condition, bool JumpWhenTrue, string Label, int Line) : Instruction;

internal sealed record GotoInstruction(string Label) : Instruction;

/// <summary><c>return SuspendAt(State, Suspension);</c> (<see cref="Suspension"/> is the C# expression that builds it), followed by its resume label.</summary>
internal sealed record SuspendInstruction(int State, string Suspension, string SourceText, int Line) : Instruction;

/// <summary><c>return Complete(Expression);</c>, or the end of a void body.</summary>
internal sealed record ReturnInstruction(string? Expression, int Line) : Instruction;

/// <summary>A comment that ties generated lines to the user statement they come from.</summary>
internal sealed record CommentInstruction(string Text) : Instruction;

/// <summary>A state of the machine: where it resumes, and after which source statement.</summary>
internal sealed record StateInfo(int Number, string SourceText, int Line);

/// <summary>
/// A real C# <c>try</c>: its body is its own level, with its own dispatch at the top; the catch
/// clauses and the finally are C# text. A finally is guarded when the body can suspend.
/// </summary>
internal sealed record TryInstruction(EquatableArray<Instruction> Body, EquatableArray<string> Catches, string? Finally, bool GuardFinally, int Line) : Instruction
{
    /// <summary>The label before the try that a resume inside its body jumps to (a goto cannot enter a try); null when the body does not suspend.</summary>
    public string? EntryLabel { get; init; }

    /// <summary>A catch-all after <see cref="Catches"/> that holds the exception for a finally that suspends.</summary>
    public HeldException? HeldException { get; init; }

    /// <summary>Flattened labels that kept catch clauses jump to.</summary>
    public EquatableArray<string> JumpTargets { get; init; }
}

/// <summary>One case of a dispatch: resuming in <see cref="State"/> jumps to <see cref="Label"/>.</summary>
internal sealed record DispatchCase(int State, string Label);

/// <summary>The <c>switch (state)</c> at the top of the method or of a try body.</summary>
internal sealed record DispatchInstruction(EquatableArray<DispatchCase> Cases) : Instruction;

/// <summary>What runs right after a resume label: the pending exception (cancellation) is thrown here.</summary>
internal sealed record ResumedInstruction(int State) : Instruction;

/// <summary>One replayed jump after a suspending finally.</summary>
internal sealed record ExitCase(int Branch, EquatableArray<Instruction> Instructions);

/// <summary>
/// <c>switch (branchField)</c>: replays the jump that left a try whose finally suspends.
/// <see cref="Exhaustive"/>: the try body cannot end normally, so some jump was taken and the last case is <c>default</c>.
/// </summary>
internal sealed record ExitDispatchInstruction(string BranchField, EquatableArray<ExitCase> Cases, bool Exhaustive) : Instruction
{
    public string Comment { get; init; } = "replay the jump that left the try";
}

/// <summary><c>catch (global::System.Exception Variable) { Field = Variable; }</c>: the exception held until the suspending finally has run.</summary>
internal sealed record HeldException(string Variable, string Field);

/// <summary>Before a try whose finally suspends: no exception pending (<c>ExceptionField = null;</c>), no jump pending (<c>BranchField = 0;</c>, when jumps leave it).</summary>
internal sealed record ResetPendingInstruction(string ExceptionField, string? BranchField) : Instruction;

/// <summary>Before a try with catches whose handlers suspend: no catch has caught anything (<c>CaughtField = 0;</c>).</summary>
internal sealed record ResetCaughtInstruction(string CaughtField) : Instruction;

/// <summary>After a suspending finally: <c>RethrowPending(ref ExceptionField);</c> throws the exception held for it, if any.</summary>
internal sealed record RethrowPendingInstruction(string ExceptionField) : Instruction;

/// <summary>A point C# cannot see is never reached: it throws, saying why.</summary>
internal sealed record NotReachedInstruction(string Reason) : Instruction;
