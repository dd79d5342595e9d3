using Coroutines.Generator.Model;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// The lowered body: a flat list the emitter writes line by line. Lines that come from user
/// code carry the source line they map back to with <c>#line</c>.
/// </summary>
internal abstract record Instruction;

/// <summary>A label; the emitter writes only those something jumps to.</summary>
internal sealed record LabelInstruction(string Name) : Instruction;

/// <summary>A user statement, kept as written (after renaming).</summary>
internal sealed record CodeInstruction(string Text, int Line, bool KeepContinuationIndent, EquatableArray<string> JumpTargets) : Instruction;

/// <summary><c>if (!(Condition)) goto Label;</c> (or without the negation).</summary>
internal sealed record BranchInstruction(string Condition, bool JumpWhenTrue, string Label, int Line) : Instruction;

internal sealed record GotoInstruction(string Label) : Instruction;

/// <summary><c>state = State; return Suspension.Factory(Arguments);</c> followed by its resume label.</summary>
internal sealed record SuspendInstruction(int State, string Factory, string Arguments, string SourceText, int Line) : Instruction;

/// <summary><c>return Complete(Expression);</c>, or the end of a void body.</summary>
internal sealed record ReturnInstruction(string? Expression, int Line) : Instruction;

/// <summary>A comment that ties generated lines to the user statement they come from.</summary>
internal sealed record CommentInstruction(string Text) : Instruction;

/// <summary>A state of the machine: where it resumes, and after which source statement.</summary>
internal sealed record StateInfo(int Number, string SourceText, int Line);
