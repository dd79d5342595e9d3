namespace Coroutines.Generator.Model;

/// <summary>
/// The coroutine body as a tree of the statements that contain a suspension (and must be
/// flattened) and <see cref="CodeStatement"/>s: everything else, kept as the user wrote it.
/// Texts are already rewritten for the state machine (hoisted locals, <c>@this</c>, jumps).
/// </summary>
internal abstract record Statement(int Line);

/// <summary>
/// A statement kept as written (after renaming). <see cref="Text"/> may span several lines;
/// <see cref="JumpTargets"/> are the flattened loops' labels its <c>break</c>/<c>continue</c> became.
/// </summary>
internal sealed record CodeStatement(string Text, int Line, bool KeepContinuationIndent, EquatableArray<string> JumpTargets) : Statement(Line);

/// <summary>A suspension: <c>return Suspension.Factory(Arguments)</c>, then resume after it.</summary>
internal sealed record SuspendStatement(string Factory, string Arguments, string SourceText, int Line) : Statement(Line);

internal sealed record BlockStatement(EquatableArray<Statement> Statements, int Line) : Statement(Line);

internal sealed record IfStatement(string Condition, string Header, Statement Then, Statement? Else, int Line) : Statement(Line);

/// <summary>A loop's labels, named by the parser so kept code inside it can jump to them.</summary>
internal sealed record LoopLabels(string Continue, string Break);

internal sealed record WhileStatement(string Condition, string Header, Statement Body, LoopLabels Labels, bool ConditionIsTrue, int Line) : Statement(Line);

internal sealed record DoStatement(Statement Body, string Condition, string Header, LoopLabels Labels, bool ConditionIsTrue, int Line) : Statement(Line);

internal sealed record ForStatement(
    EquatableArray<Statement> Initializers,
    string? Condition,
    EquatableArray<string> Incrementors,
    string Header,
    Statement Body,
    LoopLabels Labels,
    int Line) : Statement(Line);

internal sealed record JumpStatement(string Label, string SourceText, int Line) : Statement(Line);

/// <summary><c>return;</c> or <c>return Expression;</c> at a flattened level.</summary>
internal sealed record ReturnStatement(string? Expression, int Line) : Statement(Line);
