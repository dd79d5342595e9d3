using Coroutines.Generator.Names;

namespace Coroutines.Generator.Model;

/// <summary>
/// The coroutine body, the one tree every pass after binding works on. Lowering makes the
/// structured form: the statements that contain a suspension (and must be flattened) and
/// <see cref="CodeStatement"/>s, everything else, kept as the user wrote it (texts already
/// rewritten for the state machine: hoisted locals, <c>@this</c>, jumps). Flattening turns it
/// into a flat list of the plain statements here and those of FlatStatements.cs.
/// </summary>
internal abstract record Statement(int Line);

/// <summary>
/// A statement kept as written (after renaming). <see cref="Code"/> may span several lines; its
/// holes are the jumps its <c>break</c>/<c>continue</c>/<c>return</c> became, and
/// <see cref="JumpTargets"/> the flattened labels they go to.
/// </summary>
internal sealed record CodeStatement(SplicedCode Code, int Line, bool KeepContinuationIndent, EquatableArray<string> JumpTargets) : Statement(Line)
{
    /// <summary>False when control never leaves the statement at its end (it always returns, jumps or throws).</summary>
    public bool EndReachable { get; init; } = true;

    /// <summary>A declaration (a local function): written even where no control flow reaches it.</summary>
    public bool IsDeclaration { get; init; }
}

/// <summary>
/// A suspension, numbered <see cref="State"/>: <see cref="Setup"/> runs first (operands that are
/// read again after the resume, evaluated once into fields; the called coroutine, created), then
/// <c>return SuspendAt(State, Suspension);</c>, and after the resume <see cref="Resumed"/>: the
/// value read back (or the failure rethrown) and stored, returned or discarded.
/// </summary>
internal sealed record SuspendStatement(int State, EquatableArray<Statement> Setup, CodeExpression Suspension, Statement? Resumed, string SourceText, int Line) : Statement(Line)
{
    /// <summary>The flattened form: only <c>return SuspendAt(State, Suspension);</c> (setup and resume are statements of their own).</summary>
    public SuspendStatement(int state, CodeExpression suspension, string sourceText, int line)
        : this(state, EquatableArray<Statement>.Empty, suspension, null, sourceText, line)
    {
    }
}

/// <summary>
/// <c>Target = Value;</c>: a store the lowering makes (a hoisted local's initializer, a resource,
/// an enumerator, a spilled operand, a value read back after a resume, a pending branch).
/// <see cref="Value"/> is usually the user's expression (rewritten text), or what a suspension reads back;
/// <see cref="KeepContinuationIndent"/> as for <see cref="CodeStatement"/>.
/// </summary>
internal sealed record AssignStatement(CodeExpression Target, CodeExpression Value, int Line) : Statement(Line)
{
    public bool KeepContinuationIndent { get; init; }

    /// <summary>Said after the store, as a comment.</summary>
    public string? Comment { get; init; }
}

/// <summary>
/// <c>Value;</c>: a value evaluated for its effect (a result method that rethrows, read and dropped;
/// the user's expression of an expression body, a for initializer or incrementor).
/// </summary>
internal sealed record EvaluateStatement(CodeExpression Value, int Line) : Statement(Line)
{
    /// <summary>As for <see cref="CodeStatement"/>.</summary>
    public bool KeepContinuationIndent { get; init; }
}

/// <summary>How a lowered <c>using</c> or <c>foreach</c> disposes of its resource (C# spec 13.9.5, 13.14).</summary>
internal enum DisposeKind
{
    /// <summary><c>Dispose(ref field);</c>: a reference or struct type known to implement IDisposable (null is skipped, the field cleared).</summary>
    Disposable,

    /// <summary><c>((IDisposable?)field)?.Dispose();</c>: a nullable value type.</summary>
    Nullable,

    /// <summary><c>(field as IDisposable)?.Dispose();</c>: an enumerator that may implement IDisposable only at run time.</summary>
    IfDisposable,
}

/// <summary>The block of a finally that disposes of <see cref="Field"/>, as a lowered <c>using</c> or <c>foreach</c> needs.</summary>
internal sealed record DisposeStatement(CodeExpression Field, DisposeKind Kind) : Statement(0);

internal sealed record BlockStatement(EquatableArray<Statement> Statements, int Line) : Statement(Line);

internal sealed record IfStatement(CodeExpression Condition, string Header, Statement Then, Statement? Else, int Line) : Statement(Line);

/// <summary>A loop's labels, named by the lowering so kept code inside it can jump to them; <see cref="Top"/>: the top of a loop that tests at its end.</summary>
internal sealed record LoopLabels(string Continue, string Break, string Top)
{
    public static LoopLabels Of(LoopNames names) => new(names.Continue, names.Break, names.Top);
}

internal sealed record WhileStatement(CodeExpression Condition, string Header, Statement Body, LoopLabels Labels, bool ConditionIsTrue, int Line) : Statement(Line)
{
    /// <summary>Runs before each test of the condition: the suspensions spilled out of it (a <c>continue</c> comes back here).</summary>
    public EquatableArray<Statement> ConditionSetup { get; init; } = EquatableArray<Statement>.Empty;
}

internal sealed record DoStatement(Statement Body, CodeExpression Condition, string Header, LoopLabels Labels, bool ConditionIsTrue, int Line) : Statement(Line)
{
    /// <summary>As for <see cref="WhileStatement.ConditionSetup"/>.</summary>
    public EquatableArray<Statement> ConditionSetup { get; init; } = EquatableArray<Statement>.Empty;
}

internal sealed record ForStatement(
    EquatableArray<Statement> Initializers,
    CodeExpression? Condition,
    EquatableArray<CodeExpression> Incrementors, // evaluated for their effect: `i++`
    string Header,
    Statement Body,
    LoopLabels Labels,
    int Line) : Statement(Line)
{
    /// <summary>As for <see cref="WhileStatement.ConditionSetup"/>.</summary>
    public EquatableArray<Statement> ConditionSetup { get; init; } = EquatableArray<Statement>.Empty;

    /// <summary>Incrementors that suspend, spilled into statements (run after <see cref="Incrementors"/>, which is then empty).</summary>
    public EquatableArray<Statement> IncrementorStatements { get; init; } = EquatableArray<Statement>.Empty;
}

/// <summary>
/// <c>goto Label;</c>; <see cref="SourceText"/> is the comment flattening writes above it (null: the
/// jump itself, as the emitter spells it, see <see cref="JumpComment"/>).
/// </summary>
internal sealed record JumpStatement(string Label, string? SourceText, int Line) : Statement(Line)
{
    /// <summary>A plain jump, as flattening makes them.</summary>
    public JumpStatement(string label)
        : this(label, "", 0)
    {
    }
}

/// <summary><c>return;</c> or <c>return Expression;</c> at a flattened level.</summary>
internal sealed record ReturnStatement(CodeExpression? Expression, int Line) : Statement(Line);

/// <summary>A label that desugared code (switch sections, try exits) jumps to.</summary>
internal sealed record LabelStatement(string Name) : Statement(0);

/// <summary><c>if (Condition) goto Label;</c> (or its negation): a desugared test.</summary>
internal sealed record BranchStatement(CodeExpression Condition, bool JumpWhenTrue, string Label, int Line) : Statement(Line);

/// <summary>
/// A <c>try</c> whose body, a catch or the finally contains a suspension. The body keeps a real
/// C# <c>try</c> with its own dispatch at its top. Catches are kept inline in source order; a
/// catch whose handler suspends only stores the exception there and runs its handler after the
/// <c>try</c> (<see cref="CatchModel.Handler"/>). A finally that suspends runs after the <c>try</c>
/// too, with the pending exception and pending branch replayed after it.
/// </summary>
internal sealed record TryStatement(
    int Id,
    Statement Body,
    EquatableArray<CatchModel> Catches,
    Statement? KeptFinally,
    FlattenedFinally? Finally,
    int Line) : Statement(Line)
{
    /// <summary>The try's fields and labels.</summary>
    public TryNames Names => GeneratedNames.Try(Id);
}

/// <summary>
/// One catch clause. Kept: the clause as written (<see cref="Code"/>, rewritten user code). Flattened:
/// <see cref="Store"/>, a clause that only stores the exception; its <see cref="Handler"/> runs after
/// the <c>try</c>, at <see cref="HandlerLabel"/>.
/// </summary>
internal sealed record CatchModel(int Index, SplicedCode Code, Statement? Handler, string? HandlerLabel, EquatableArray<string> JumpTargets, int Line)
{
    /// <summary>For a kept catch: whether control can leave its block at the end (else it always jumps, returns or throws).</summary>
    public bool EndReachable { get; init; } = true;

    /// <summary>For a flattened catch: the clause that stores the exception.</summary>
    public StoringCatch? Store { get; init; }
}

/// <summary>
/// <c>catch (Type Variable) when (Hoist(out HoistField, Variable) &amp;&amp; (Filter)) { Stores }</c>: a catch whose
/// handler suspends only stores what it caught. <see cref="Type"/> and <see cref="Filter"/> are the
/// user's (rewritten) text; <see cref="HoistField"/> is set when a filter reads the catch variable,
/// which lives in a field and is stored before the filter runs.
/// </summary>
internal sealed record StoringCatch(string Type, string Variable, CodeExpression? HoistField, CodeExpression? Filter, EquatableArray<AssignStatement> Stores);

/// <summary>The comment above a flattened catch's handler, naming its clause.</summary>
internal sealed record HandlerComment(StoringCatch Clause) : Statement(0);

/// <summary>A finally that suspends: its body, the fields that carry a pending exception and branch across it, and the jumps to replay.</summary>
internal sealed record FlattenedFinally(
    Statement Body,
    string Label,
    string ExceptionField,
    string BranchField,
    EquatableArray<Statement> Exits);

/// <summary><c>throw Rethrow(ExceptionField);</c>: a <c>throw;</c> in a catch whose handler suspends (runs after the try).</summary>
internal sealed record RethrowStatement(string ExceptionField) : Statement(0);

/// <summary>A comment that repeats the jump below it (<c>// goto Label;</c>): a jump the lowering made, not one the user wrote.</summary>
internal sealed record JumpComment(string Label) : Statement(0);

/// <summary>A comment in the generated code that names the user statement the next lines come from.</summary>
internal sealed record CommentStatement(string Text) : Statement(0);
