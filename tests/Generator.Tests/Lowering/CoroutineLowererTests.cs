using System.Linq;
using Coroutines.Generator.Model;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering;

/// <summary>
/// The lowering pass alone (on what binding gives): field allocation, desugaring of using,
/// foreach and switch, spilling of operands around a suspension, and exception handlers, checked
/// on the structured model before flattening.
/// </summary>
public sealed class CoroutineLowererTests
{
    private static ListExpression Arguments(params CodeExpression[] items) => new(Passes.Array(items));

    [Fact]
    public void A_hoisted_local_becomes_a_field_and_its_declaration_an_assignment()
    {
        var model = Passes.Lower(Passes.Program("""
                    int total = n * 2;
                    Yield.Sleep(1);
                    Console.WriteLine(total);
            """, parameters: "int n"), "Run");

        Assert.Equal(new[] { "n", "total" }, model.Fields.Select(static f => f.Name).ToArray());
        var statements = model.Body.Statements;
        Assert.Equal(new AssignStatement("total", "n * 2", 10), Assert.IsType<BlockStatement>(statements[0]).Statements.Single());
        var suspend = Assert.IsType<SuspendStatement>(statements[1]);
        Assert.Equal(1, suspend.State);
        Assert.Equal(new CallExpression("global::Coroutines.Suspension", "Sleep", Arguments("1")), suspend.Suspension);
        Assert.Equal("Console.WriteLine(total);", Assert.IsType<CodeStatement>(statements[2]).Code);
    }

    [Fact]
    public void A_foreach_that_suspends_is_a_while_loop_over_an_enumerator_field_in_a_try_finally()
    {
        var model = Passes.Lower(Passes.Program("""
                    foreach (var item in new List<int> { 1, 2 })
                    {
                        Yield.Sleep(item);
                    }
            """), "Run");

        Assert.Contains(model.Fields, static f => f.Name == "foreach1_enumerator" && f.Type == "global::System.Collections.Generic.List<int>.Enumerator");
        var block = Assert.IsType<BlockStatement>(model.Body.Statements.Single());
        Assert.Equal(new AssignStatement("foreach1_enumerator", new CallExpression(new ParenthesizedExpression("new List<int> { 1, 2 }"), "GetEnumerator", ""), 10), block.Statements[0]);
        var tryStatement = Assert.IsType<TryStatement>(block.Statements[1]);
        Assert.Equal(new DisposeStatement("foreach1_enumerator", DisposeKind.Disposable), tryStatement.KeptFinally);
        var loop = Assert.IsType<WhileStatement>(tryStatement.Body);
        Assert.Equal(new CallExpression("foreach1_enumerator", "MoveNext", ""), loop.Condition);
        Assert.Equal(new LoopLabels("foreach1_continue", "foreach1_break", "foreach1_top"), loop.Labels);
    }

    [Fact]
    public void Operands_read_again_after_the_resume_are_spilled_into_fields_once()
    {
        var model = Passes.Lower("""
            using System;
            using Coroutines;

            public sealed class Gate
            {
                [SuspensionPoint(nameof(BeginWait), Result = nameof(EndWait))]
                public int Wait(int x) => x;

                public Suspension BeginWait(int x) => Suspension.Sleep(x);

                public int EndWait(int x) => 2 * x;
            }

            public static partial class Workers
            {
                [Coroutine]
                public static int Run(Gate gate, int a)
                {
                    int got = gate.Wait(a + 1);
                    return got;
                }
            }
            """, "Run");

        var suspend = Assert.IsType<SuspendStatement>(model.Body.Statements[0]);
        // The receiver is a parameter's field that nothing writes: read twice as is. The argument is evaluated once, before.
        Assert.Equal(new Statement[] { new AssignStatement("wait1_x", "a + 1", 19) }, suspend.Setup.ToArray());
        Assert.Equal(new CallExpression("gate", "BeginWait", Arguments("wait1_x")), suspend.Suspension);
        var resumed = Assert.IsType<BlockStatement>(suspend.Resumed);
        Assert.Equal(new AssignStatement("got", new CallExpression("gate", "EndWait", Arguments("wait1_x")), 19), resumed.Statements.Single());
        Assert.Contains(model.Fields, static f => f.Name == "wait1_x" && f.Type == "int");
    }

    [Fact]
    public void A_finally_that_suspends_runs_after_the_try_and_a_jump_out_of_the_try_goes_through_it()
    {
        var model = Passes.Lower(Passes.Program("""
                    while (true)
                    {
                        try
                        {
                            break;
                        }
                        finally
                        {
                            Yield.Sleep(1);
                        }
                    }
            """), "Run");

        var loop = Assert.IsType<WhileStatement>(model.Body.Statements.Single());
        var tryStatement = Assert.IsType<TryStatement>(Assert.IsType<BlockStatement>(loop.Body).Statements.Single());
        var flattened = Assert.IsType<FlattenedFinally>(tryStatement.Finally);
        Assert.Equal("try1_finally", flattened.Label);
        Assert.Equal("try1_exception", flattened.ExceptionField);
        // The break records branch 1 and leaves through the finally; after it, branch 1 replays the break.
        var exit = Assert.IsType<JumpStatement>(Assert.Single(flattened.Exits));
        Assert.Equal("while1_break", exit.Label);
        Assert.Contains(model.Fields, static f => f.Name == "try1_branch");
    }

    [Fact]
    public void A_break_in_kept_code_is_a_typed_hole_a_store_and_a_jump_through_the_suspending_finally()
    {
        var model = Passes.Lower(Passes.Program("""
                    while (true)
                    {
                        try
                        {
                            if (n > 0) break;
                            Yield.Sleep(1);
                        }
                        finally
                        {
                            Yield.Sleep(2);
                        }
                    }
            """, parameters: "int n"), "Run");

        var loop = Assert.IsType<WhileStatement>(model.Body.Statements.Single());
        var tryStatement = Assert.IsType<TryStatement>(Assert.IsType<BlockStatement>(loop.Body).Statements.Single());
        var kept = Assert.IsType<CodeStatement>(Assert.IsType<BlockStatement>(tryStatement.Body).Statements[0]);
        var leave = new BlockStatement(
            Passes.Array<Statement>(
                new AssignStatement("try1_branch", "1", 0),
                new JumpStatement("try1_finally", "leave the try through its finally (branch 1)", 0)),
            0);
        Assert.Equal(new SplicedCode(Passes.Array<CodeSegment>(new TextSegment("if (n > 0) "), new StatementSegment(leave))), kept.Code);
        Assert.Equal(new[] { "try1_finally" }, kept.JumpTargets.ToArray());
    }

    [Fact]
    public void A_pattern_variable_that_lives_across_a_suspension_is_stored_by_a_typed_Hoist_hole()
    {
        var model = Passes.Lower(Passes.Program("""
                    if (o is string s && s.Length > 0)
                    {
                        Yield.Sleep(1);
                        Console.WriteLine(s);
                    }
            """, parameters: "object o"), "Run");

        var ifStatement = Assert.IsType<IfStatement>(model.Body.Statements.Single());
        var test = new ParenthesizedExpression(new AndExpression(Passes.Array<CodeExpression>("o is string s__1", new HoistExpression("s", "s__1"))));
        Assert.Equal(
            new SplicedExpression(new SplicedCode(Passes.Array<CodeSegment>(new ExpressionSegment(test), new TextSegment(" && s.Length > 0")))),
            ifStatement.Condition);
    }
}
