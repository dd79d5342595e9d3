using System.Linq;
using Coroutines.Generator.Flattening;
using Coroutines.Generator.Model;
using Xunit;
using static Coroutines.Generator.Tests.Infrastructure.Passes;

namespace Coroutines.Generator.Tests.Flattening;

/// <summary>
/// The flattening pass alone, on hand-built structured models: numbered states, one dispatch per
/// level (the method's and each try body's), labels only where something jumps, and the replay
/// of jumps that leave a try through a finally that suspends.
/// </summary>
public sealed class FlattenerTests
{
    private static readonly LoopLabels Outer = new("while1_continue", "while1_break", "while1_top");
    private static readonly LoopLabels Inner = new("for1_continue", "for1_break", "for1_top");

    [Fact]
    public void A_suspension_gets_a_dispatch_case_a_resume_label_and_a_state()
    {
        var flat = Flattener.Flatten(Method(Code("A();", 5), Sleep(1, 6), Code("B();", 7)));

        Assert.Equal(new StateInfo(1, "Yield.Sleep(1);", 6), Assert.Single(flat.States));
        Assert.Equal(
            new Statement[]
            {
                new DispatchStatement(Array(new DispatchCase(1, "resume1"))),
                Code("A();", 5),
                new CommentStatement("Yield.Sleep(1);  (state 1)"),
                new SuspendStatement(1, "global::Coroutines.Suspension.Sleep(1)", "Yield.Sleep(1);", 6),
                new LabelStatement("resume1"),
                new ResumedStatement(1),
                Code("B();", 7),
                new ReturnStatement(null, 0),
            },
            flat.Body.ToArray());
    }

    [Fact]
    public void Nested_loops_in_a_try_with_a_suspending_finally_resume_through_the_try_entry()
    {
        // while (c) { try { for (; d; ) { Sleep(1); if (e) break-outer; } } finally { Sleep(2); } }
        var breakOuter = new BlockStatement(Array<Statement>(
            Code("try1_branch = 1;", 0),
            new JumpStatement("try1_finally", "leave the try through its finally (branch 1)", 0)), 0);
        var forLoop = new ForStatement(
            EquatableArray<Statement>.Empty, "d", EquatableArray<CodeExpression>.Empty, "for (; d; )",
            new BlockStatement(Array<Statement>(Sleep(1, 8), new IfStatement("e", "if (e)", breakOuter, null, 9)), 7),
            Inner, 7);
        var finallyBody = new BlockStatement(Array<Statement>(Sleep(2, 12)), 11);
        var tryStatement = new TryStatement(
            1, new BlockStatement(Array<Statement>(forLoop), 6), EquatableArray<CatchModel>.Empty, null,
            new FlattenedFinally(finallyBody, "try1_finally", "try1_exception", "try1_branch", Array<Statement>(new JumpStatement("while1_break"))),
            6);
        var loop = new WhileStatement("c", "while (c)", new BlockStatement(Array<Statement>(tryStatement), 5), Outer, false, 5);

        var flat = Flattener.Flatten(Method(loop));

        Assert.Equal(new[] { 1, 2 }, flat.States.Select(static s => s.Number).ToArray());
        // The method's dispatch: state 1 is inside the try (enter it at its entry label), state 2 in the finally after it.
        Assert.Equal(Array(new DispatchCase(1, "try1_entry"), new DispatchCase(2, "resume2")), Assert.IsType<DispatchStatement>(flat.Body[0]).Cases);
        var flatTry = Assert.Single(flat.Body.OfType<FlatTryStatement>());
        Assert.Equal("try1_entry", flatTry.EntryLabel);
        Assert.Equal(new HeldException("try1_thrown", "try1_exception"), flatTry.HeldException);
        // The try body's own dispatch jumps on to the resume label inside it.
        Assert.Equal(Array(new DispatchCase(1, "resume1")), Assert.IsType<DispatchStatement>(flatTry.Body[0]).Cases);
        Assert.Contains(new LabelStatement("resume1"), flatTry.Body);
        // Before the try: nothing pending; after the finally: the pending exception, then the jump that left, replayed.
        var index = flat.Body.ToList().IndexOf(flatTry);
        Assert.Equal(new ResetPendingStatement("try1_exception", "try1_branch"), flat.Body.Take(index).OfType<ResetPendingStatement>().Single());
        var after = flat.Body.Skip(index + 1).ToList();
        Assert.True(after.IndexOf(new RethrowPendingStatement("try1_exception")) < after.FindIndex(static s => s is ExitDispatchStatement));
        var exits = after.OfType<ExitDispatchStatement>().Single();
        Assert.Equal("try1_branch", exits.BranchField);
        Assert.Equal(new Statement[] { new JumpStatement("while1_break") }, exits.Cases.Single().Body.ToArray());
    }

    [Fact]
    public void Code_after_an_unconditional_jump_is_dropped_unless_a_live_label_is_before_it()
    {
        // while (true) { Sleep(1); } A();  -- the loop never ends: A() is unreachable, as C# would say.
        var loop = new WhileStatement("true", "while (true)", new BlockStatement(Array<Statement>(Sleep(1, 6)), 5), Outer, true, 5);

        var flat = Flattener.Flatten(Method(loop, Code("A();", 8)));

        Assert.DoesNotContain(Code("A();", 8), flat.Body);
        Assert.DoesNotContain(new LabelStatement("while1_break"), flat.Body);
        Assert.Contains(new LabelStatement("while1_continue"), flat.Body);
    }
}
