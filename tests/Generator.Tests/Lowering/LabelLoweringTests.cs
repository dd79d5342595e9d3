using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Model;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering;

/// <summary>
/// Labels and <c>goto</c> in the lowering pass (BodyLowerer.Labels): a label of a flattened block
/// becomes a label of Step() named by GeneratedNames, a <c>goto</c> to it a jump, routed through
/// a finally that suspends; a label inside code kept as written keeps its name.
/// </summary>
public sealed class LabelLoweringTests
{
    [Fact]
    public void A_label_beside_a_sleep_becomes_a_generated_label_and_its_goto_a_jump()
    {
        var model = Passes.Lower(Passes.Program("""
                    int n = 0;
                again:
                    n++;
                    Yield.Sleep(1);
                    if (n < 3) goto again;
                    goto again;
            """), "Run");

        var statements = All(model.Body).ToList();
        var label = Assert.Single(statements.OfType<LabelStatement>());
        Assert.Equal("label1_again", label.Name);
        Assert.Contains(new CommentStatement("again:"), statements);
        var kept = statements.OfType<CodeStatement>().Single(static c => Coroutines.Generator.Emitting.InlineStatements.Code(c.Code).StartsWith("if", System.StringComparison.Ordinal));
        Assert.Equal("if (n < 3) goto label1_again;", Coroutines.Generator.Emitting.InlineStatements.Code(kept.Code));
        Assert.Equal(new[] { "label1_again" }, kept.JumpTargets.ToArray());
        Assert.Contains(statements, static s => s is JumpStatement { Label: "label1_again", SourceText: "goto again;" });
    }

    [Fact]
    public void Same_named_labels_of_sibling_blocks_get_their_own_names()
    {
        var model = Passes.Lower(Passes.Program("""
                    {
                    step:
                        Yield.Sleep(1);
                        goto step;
                    }
                    {
                    step:
                        Yield.Sleep(2);
                        goto step;
                    }
            """), "Run");

        Assert.Equal(new[] { "label1_step", "label2_step" }, All(model.Body).OfType<LabelStatement>().Select(static l => l.Name).ToArray());
    }

    [Fact]
    public void A_goto_out_of_a_try_whose_finally_sleeps_runs_the_finally_then_jumps()
    {
        var model = Passes.Lower(Passes.Program("""
                top:
                    try
                    {
                        Yield.Sleep(2);
                        goto top;
                    }
                    finally
                    {
                        Yield.Sleep(1);
                    }
            """), "Run");

        var tryStatement = All(model.Body).OfType<TryStatement>().Single();
        var body = All(tryStatement.Body).ToList();
        Assert.Contains(new AssignStatement("try1_branch", "1", 0), body);
        Assert.Contains(body, static s => s is JumpStatement { Label: "try1_finally" });
        Assert.Equal(new JumpStatement("label1_top", null, 0), Assert.Single(tryStatement.Finally!.Exits));
    }

    [Fact]
    public void A_label_inside_kept_code_keeps_its_name()
    {
        var model = Passes.Lower(Passes.Program("""
                    Yield.Sleep(1);
                    {
                        int i = 0;
                    inner:
                        if (++i < 3) goto inner;
                    }
            """), "Run");

        Assert.Empty(All(model.Body).OfType<LabelStatement>());
        Assert.Contains(All(model.Body).OfType<CodeStatement>(), static c => Coroutines.Generator.Emitting.InlineStatements.Code(c.Code).Contains("goto inner;", System.StringComparison.Ordinal));
    }

    private static IEnumerable<Statement> All(Statement statement)
    {
        yield return statement;
        var children = statement switch
        {
            BlockStatement block => block.Statements.AsEnumerable(),
            IfStatement ifStatement => new[] { ifStatement.Then, ifStatement.Else }.OfType<Statement>(),
            TryStatement tryStatement => new[] { tryStatement.Body },
            _ => [],
        };
        foreach (var child in children.SelectMany(All))
        {
            yield return child;
        }
    }
}
