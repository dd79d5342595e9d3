namespace Coroutines.Generator.Model;

// The statements only flattening makes. A flattened body is a list of these and of the plain
// statements of Statements.cs (code, labels, branches, jumps, returns, comments, and suspensions
// with no setup and nothing after the resume): one tree, before and after flattening.

/// <summary>A state of the machine: where it resumes, and after which source statement.</summary>
internal sealed record StateInfo(int Number, string SourceText, int Line);

/// <summary>
/// A real C# <c>try</c> after flattening: its body is a level of its own, with its own dispatch at
/// the top; the catch clauses kept as written or storing what they caught; the finally a kept block or a dispose. A finally is guarded when the body can suspend.
/// </summary>
internal sealed record FlatTryStatement(EquatableArray<Statement> Body, EquatableArray<CatchModel> Catches, Statement? Finally, bool GuardFinally, int Line) : Statement(Line)
{
    /// <summary>Flattened labels that kept catch clauses jump to.</summary>
    public EquatableArray<string> JumpTargets { get; init; }

    /// <summary>The label before the try that a resume inside its body jumps to (a goto cannot enter a try); null when the body does not suspend.</summary>
    public string? EntryLabel { get; init; }

    /// <summary>A catch-all after <see cref="Catches"/> that holds the exception for a finally that suspends.</summary>
    public HeldException? HeldException { get; init; }
}

/// <summary><c>catch (global::System.Exception Variable) { Field = Variable; }</c>: the exception held until the suspending finally has run.</summary>
internal sealed record HeldException(string Variable, string Field);

/// <summary>One case of a dispatch: resuming in <see cref="State"/> jumps to <see cref="Label"/>.</summary>
internal sealed record DispatchCase(int State, string Label);

/// <summary>The <c>switch (state)</c> at the top of the method or of a try body.</summary>
internal sealed record DispatchStatement(EquatableArray<DispatchCase> Cases) : Statement(0);

/// <summary>What runs right after a resume label: the pending exception (cancellation) is thrown here.</summary>
internal sealed record ResumedStatement(int State) : Statement(0);

/// <summary>One replayed jump after a suspending finally.</summary>
internal sealed record ExitCase(int Branch, EquatableArray<Statement> Body);

/// <summary>
/// <c>switch (branchField)</c>: replays the jump that left a try whose finally suspends.
/// <see cref="Exhaustive"/>: the try body cannot end normally, so some jump was taken and the last case is <c>default</c>.
/// </summary>
internal sealed record ExitDispatchStatement(string BranchField, EquatableArray<ExitCase> Cases, bool Exhaustive) : Statement(0)
{
    public string Comment { get; init; } = "replay the jump that left the try";
}

/// <summary>Before a try whose finally suspends: no exception pending (<c>ExceptionField = null;</c>), no jump pending (<c>BranchField = 0;</c>, when jumps leave it).</summary>
internal sealed record ResetPendingStatement(string ExceptionField, string? BranchField) : Statement(0);

/// <summary>Before a try with catches whose handlers suspend: no catch has caught anything (<c>CaughtField = 0;</c>).</summary>
internal sealed record ResetCaughtStatement(string CaughtField) : Statement(0);

/// <summary>After a suspending finally: <c>RethrowPending(ref ExceptionField);</c> throws the exception held for it, if any.</summary>
internal sealed record RethrowPendingStatement(string ExceptionField) : Statement(0);

/// <summary>A point C# cannot see is never reached: it throws, saying why.</summary>
internal sealed record NotReachedStatement(string Reason) : Statement(0);
