using System.Linq;
using Coroutines.Generator.Model;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering.Spilling;

/// <summary>
/// The spilling pass alone (Lowering/Spilling, on what binding gives): the statements a suspension
/// inside an expression becomes, checked on the structured model before flattening.
/// </summary>
public sealed class ExpressionSpillerTests
{
    private static CoroutineModel Lower(string body, string parameters = "") => Passes.Lower($$"""
        using System;
        using Coroutines;

        public static partial class Workers
        {
            private static int s_total;

            [Coroutine]
            private static int Fetch(int x)
            {
                Yield.Sleep(x);
                return x;
            }

            [Coroutine]
            public static void Run({{parameters}})
            {
        {{body}}
            }
        }
        """, "Run");

    private static Statement[] Spilled(CoroutineModel model) =>
        Assert.IsType<BlockStatement>(model.Body.Statements.Single()).Statements.ToArray();

    [Fact]
    public void An_operand_left_of_a_suspension_is_kept_in_a_temporary_named_after_it()
    {
        var model = Lower("        Console.WriteLine(s_total + Fetch(1));");

        var statements = Spilled(model);
        Assert.IsType<CommentStatement>(statements[0]);
        Assert.Equal(new AssignStatement("s_total_before1", "s_total", 18), statements[1]);
        var suspend = Assert.IsType<SuspendStatement>(statements[2]);
        Assert.Equal(1, suspend.State);
        Assert.Equal(new AssignStatement("fetch1", new MemberExpression("call1", "Result"), 18), Assert.IsType<BlockStatement>(suspend.Resumed).Statements[0]);
        Assert.Equal("Console.WriteLine(s_total_before1 + fetch1);", Assert.IsType<CodeStatement>(statements[3]).Code);
        var kept = model.Fields.Single(static f => f.Name == "s_total_before1");
        Assert.Equal("int", kept.Type);
        Assert.Equal("s_total (line 18), evaluated before Fetch suspends, as C# does", kept.Comment);
        Assert.Equal("the value of Fetch(1) (line 18)", model.Fields.Single(static f => f.Name == "fetch1").Comment);
    }

    [Fact]
    public void A_parameter_that_nothing_writes_or_captures_needs_no_temporary()
    {
        var model = Lower("        Console.WriteLine(n + Fetch(n));", "int n");

        Assert.DoesNotContain(model.Fields, static f => f.Name.StartsWith("n_before", System.StringComparison.Ordinal));
        Assert.Equal("Console.WriteLine(n + fetch1);", Assert.IsType<CodeStatement>(Spilled(model).Last()).Code);
    }

    [Fact]
    public void A_parameter_written_later_in_the_statement_is_kept()
    {
        var model = Lower("        Console.WriteLine(n + Fetch(n = 5));", "int n");

        Assert.Equal(new AssignStatement("n_before1", "n", 18), Spilled(model)[1]);
    }

    [Fact]
    public void The_right_of_and_suspends_only_under_an_if_on_the_left()
    {
        var model = Lower("        var ok = s_total > 0 && Fetch(1) > 0;");

        var statements = Spilled(model);
        Assert.Equal(new AssignStatement("test_before1", "s_total > 0", 18), statements[1]);
        var test = Assert.IsType<IfStatement>(statements[2]);
        Assert.Equal(new TextExpression("test_before1"), test.Condition);
        Assert.IsType<SuspendStatement>(Assert.IsType<BlockStatement>(test.Then).Statements.Single());
        Assert.Equal(new AssignStatement("ok", "test_before1 && fetch1 > 0", 18), statements[3]);
    }

    [Fact]
    public void A_compound_assignment_keeps_the_array_the_index_and_the_old_value()
    {
        var model = Lower("""
                    var scores = new int[3];
                    int i = 1;
                    scores[i++] += Fetch(2);
            """);

        var statements = Assert.IsType<BlockStatement>(model.Body.Statements[2]).Statements;
        Assert.Equal(new AssignStatement("i_before1", "i++", 20), statements[1]);
        Assert.Equal(new AssignStatement("scores_item_old1", "scores[i_before1]", 20), statements[2]);
        Assert.IsType<SuspendStatement>(statements[3]);
        Assert.Equal(new AssignStatement("scores[i_before1]", new BinaryExpression("scores_item_old1", "+", "fetch1"), 20), statements[4]);
    }

    [Fact]
    public void A_while_condition_is_spilled_at_the_top_of_each_iteration()
    {
        var model = Lower("""
                    while (Fetch(1) < s_total)
                    {
                        s_total--;
                    }
            """);

        var loop = Assert.IsType<WhileStatement>(Spilled(model).Single());
        Assert.Equal(new TextExpression("fetch1 < s_total"), loop.Condition);
        Assert.IsType<SuspendStatement>(loop.ConditionSetup.Single());
    }
}
