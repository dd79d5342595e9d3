using System.Linq;
using Coroutines.Generator.Emitting;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static Coroutines.Generator.Tests.Infrastructure.Passes;

namespace Coroutines.Generator.Tests.Emitting;

/// <summary>The emitting pass alone, on hand-built flat models: what each statement becomes in C#.</summary>
public sealed class EmitterTests
{
    private static string Emit(EquatableArray<StateInfo> states, params Statement[] body) =>
        Emitter.Emit(new LoweredCoroutine(Method(), states, body.ToEquatableArray())).Replace("\r\n", "\n");

    private static string[] StepLines(string source)
    {
        var lines = source.Split('\n');
        var start = System.Array.FindIndex(lines, static l => l.Trim() == "#nullable disable warnings") + 1;
        var end = System.Array.FindIndex(lines, static l => l.Trim() == "#nullable restore warnings");
        return lines.Skip(start).Take(end - start).Where(static l => !l.TrimStart().StartsWith("#line", System.StringComparison.Ordinal)).Select(static l => l.Trim()).ToArray();
    }

    [Fact]
    public void A_suspension_is_a_dispatch_case_a_return_and_a_resume_label()
    {
        var source = Emit(
            Array(new StateInfo(1, "Yield.Sleep(1);", 6)),
            new DispatchStatement(Array(new DispatchCase(1, "resume1"))),
            new SuspendStatement(1, "global::Coroutines.Suspension.Sleep(1)", "Yield.Sleep(1);", 6),
            new LabelStatement("resume1"),
            new ResumedStatement(1),
            new ReturnStatement(null, 0));

        Assert.Contains("//   state 1: after `Yield.Sleep(1);` (line 6)", source);
        Assert.Contains("private int state; // 0: not started; -1: running; k: suspended at suspension k", source);
        Assert.Equal(
            new[]
            {
                "switch (state)", "{", "case 1: goto resume1;", "}", "",
                "state = -1; // running (a nested dispatch and a guarded finally both read this)",
                "return SuspendAt(1, global::Coroutines.Suspension.Sleep(1));",
                "resume1:",
                "state = -1;",
                "ThrowPending(); // a cancellation surfaces here, where the body was suspended",
                "return global::Coroutines.Suspension.Done;",
            },
            StepLines(source));
        Assert.Empty(CSharpSyntaxTree.ParseText(source).GetDiagnostics());
    }

    [Fact]
    public void A_flat_try_writes_its_entry_label_catches_the_held_exception_and_the_replay()
    {
        var source = Emit(
            Array(new StateInfo(1, "Yield.Sleep(1);", 6)),
            new DispatchStatement(Array(new DispatchCase(1, "try1_entry"))),
            new ResetPendingStatement("try1_exception", "try1_branch"),
            new FlatTryStatement(
                Array<Statement>(
                    new DispatchStatement(Array(new DispatchCase(1, "resume1"))),
                    new SuspendStatement(1, "global::Coroutines.Suspension.Sleep(1)", "Yield.Sleep(1);", 6),
                    new LabelStatement("resume1"),
                    new ResumedStatement(1)),
                EquatableArray<CatchModel>.Empty, null, false, 5)
            {
                EntryLabel = "try1_entry",
                HeldException = new HeldException("try1_thrown", "try1_exception"),
            },
            new RethrowPendingStatement("try1_exception"),
            new ExitDispatchStatement("try1_branch", Array(new ExitCase(1, Array<Statement>(new ReturnStatement(null, 0)))), Exhaustive: true),
            new NotReachedStatement("nothing falls out of the replay"));

        var lines = StepLines(source);
        Assert.Equal("try1_exception = null; try1_branch = 0;", lines[6]);
        Assert.Equal(new[] { "try1_entry:", "try" }, lines.Skip(7).Take(2).ToArray());
        Assert.Contains("catch (global::System.Exception try1_thrown)", lines);
        Assert.Contains("try1_exception = try1_thrown; // held until the finally below has run", lines);
        Assert.Contains("RethrowPending(ref try1_exception);", lines);
        Assert.Contains("switch (try1_branch) // replay the jump that left the try", lines);
        Assert.Contains("default: return global::Coroutines.Suspension.Done;", lines);
        Assert.Contains("throw new global::System.InvalidOperationException(\"Not reached: nothing falls out of the replay.\");", lines);
        Assert.Empty(CSharpSyntaxTree.ParseText(source).GetDiagnostics());
    }

    [Fact]
    public void Code_maps_back_to_its_source_line()
    {
        var source = Emit(EquatableArray<StateInfo>.Empty, Code("A();", 7), Code("B();", 8), Code("C();", 12), new ReturnStatement(null, 0));

        // One #line for consecutive lines, a new one after a gap, and the default at the end of Step().
        Assert.Contains("#line 7 \"Workers.cs\"\n            A();\n            B();\n#line 12 \"Workers.cs\"\n            C();", source);
        Assert.Contains("#line default", source);
    }
}
