using Coroutines.Generator.Emitting;
using Coroutines.Generator.Model;
using Xunit;
using static Coroutines.Generator.Tests.Infrastructure.Passes;

namespace Coroutines.Generator.Tests.Emitting;

/// <summary>
/// User code kept as written with typed holes (<see cref="SplicedCode"/>), from hand-made models: the
/// emitter writes the user's text as it is and spells each hole in place.
/// </summary>
public sealed class SplicedCodeTests
{
    [Fact]
    public void Code_without_holes_is_the_users_text_and_equals_the_same_text()
    {
        SplicedCode code = "Console.WriteLine(total);";

        Assert.Equal(new SplicedCode(Array<CodeSegment>(new TextSegment("Console.WriteLine(total);"))), code);
        Assert.Equal("Console.WriteLine(total);", InlineStatements.Code(code));
        Assert.Equal("", InlineStatements.Code(""));
    }

    [Fact]
    public void A_jump_hole_is_written_in_place_a_store_and_a_jump_as_a_one_line_block()
    {
        var leave = new BlockStatement(
            Array<Statement>(
                new AssignStatement("try1_branch", "1", 0),
                new JumpStatement("try1_finally", "leave the try through its finally (branch 1)", 0)),
            0);
        var code = new SplicedCode(Array<CodeSegment>(
            new TextSegment("if (n > 0)\n    "),
            new StatementSegment(leave),
            new TextSegment(" // done\nelse\n    "),
            new StatementSegment(new JumpStatement("while1_continue", null, 0))));

        Assert.Equal(
            "if (n > 0)\n    { try1_branch = 1; goto try1_finally; } // done\nelse\n    goto while1_continue;",
            InlineStatements.Code(code));
    }

    [Fact]
    public void A_return_and_a_rethrow_hole_call_the_runtime_helpers()
    {
        var code = new SplicedCode(Array<CodeSegment>(
            new TextSegment("if (failed) "),
            new StatementSegment(new RethrowStatement("try1_exception")),
            new TextSegment(" "),
            new StatementSegment(new ReturnStatement(new TextExpression("total"), 0))));

        Assert.Equal("if (failed) throw Rethrow(try1_exception); return Complete(total);", InlineStatements.Code(code));
    }

    [Fact]
    public void A_pattern_whose_variable_is_hoisted_matches_into_a_temporary_then_stores_it()
    {
        var test = new ParenthesizedExpression(new AndExpression(Array<CodeExpression>("o is string s__1", new HoistExpression("s", "s__1"))));
        var condition = new SplicedExpression(new SplicedCode(Array<CodeSegment>(new ExpressionSegment(test), new TextSegment(" && s.Length > 0"))));

        Assert.Equal("(o is string s__1 && Hoist(out s, s__1)) && s.Length > 0", InlineStatements.Expression(condition));
    }

    [Fact]
    public void A_case_pattern_with_a_when_clause_hoists_before_the_when_reads_the_variable()
    {
        var condition = new AndExpression(Array<CodeExpression>(
            new PatternTestExpression("switch1_value", "string s__1") { Parenthesized = false },
            new HoistExpression("s", "s__1"),
            new ParenthesizedExpression("s.Length > 0")));

        Assert.Equal("switch1_value is string s__1 && Hoist(out s, s__1) && (s.Length > 0)", InlineStatements.Expression(condition));
    }

    [Fact]
    public void A_spilled_argument_list_and_an_array_initializer_are_written_from_their_parts()
    {
        Assert.Equal("gate.BeginWait(wait1_x, 2)", InlineStatements.Expression(new CallExpression("gate", "BeginWait", new ListExpression(Array<CodeExpression>("wait1_x", "2")))));
        Assert.Equal("new int[] { 1, 2 }", InlineStatements.Expression(new ArrayCreationExpression("int[]", "{ 1, 2 }")));
    }
}
