using Coroutines.Generator.Emitting;
using Coroutines.Generator.Model;
using Xunit;
using static Coroutines.Generator.Tests.Infrastructure.Passes;

namespace Coroutines.Generator.Tests.Emitting;

/// <summary>The typed pieces the lowering adds around user code, spelled by the emitter alone, from hand-made models.</summary>
public sealed class GeneratedPartsTests
{
    [Fact]
    public void A_switch_case_test_is_the_value_matched_against_the_parenthesized_constant()
    {
        Assert.Equal("switch1_value is (Color.Red)", InlineStatements.Expression(new PatternTestExpression("switch1_value", "Color.Red")));
    }

    [Fact]
    public void A_foreach_start_calls_GetEnumerator_on_the_parenthesized_or_cast_collection()
    {
        var onCollection = new CallExpression(new ParenthesizedExpression("items"), "GetEnumerator", "");
        var onInterface = new ParenthesizedExpression(new CallExpression(
            new ParenthesizedExpression(new CastExpression("global::System.Collections.IEnumerable", new ParenthesizedExpression("items"))), "GetEnumerator", ""));
        var extension = new CallExpression("global::Ext", "GetEnumerator", "items");

        Assert.Equal("(items).GetEnumerator()", InlineStatements.Expression(onCollection));
        Assert.Equal("(((global::System.Collections.IEnumerable)(items)).GetEnumerator())", InlineStatements.Expression(onInterface));
        Assert.Equal("global::Ext.GetEnumerator(items)", InlineStatements.Expression(extension));
        Assert.Equal("foreach1_enumerator.MoveNext()", InlineStatements.Expression(new CallExpression("foreach1_enumerator", "MoveNext", "")));
    }

    [Fact]
    public void A_foreach_element_is_the_current_value_cast_to_the_element_then_to_the_variable()
    {
        var current = new ParenthesizedExpression(new CastExpression("int", new MemberExpression("foreach1_enumerator", "Current")));
        var store = new AssignStatement("x", new CastExpression("long", current), 3);

        Assert.Equal("x = (long)((int)foreach1_enumerator.Current);", InlineStatements.Text(store));
    }

    [Fact]
    public void A_throw_in_a_suspending_handler_rethrows_the_stored_exception()
    {
        Assert.Equal("throw Rethrow(try1_exception);", InlineStatements.Text(new RethrowStatement("try1_exception")));
    }

    [Fact]
    public void An_evaluated_expression_gets_its_semicolon_from_the_emitter()
    {
        Assert.Equal("i++;", InlineStatements.Text(new EvaluateStatement("i++", 4)));
    }

    [Fact]
    public void A_storing_catch_without_a_filter_stores_the_variable_the_exception_and_its_index()
    {
        var clause = new StoringCatch("global::System.InvalidOperationException", "caught1", null, null, Array(
            new AssignStatement("e", "caught1", 0),
            new AssignStatement("try1_caught_exception", "caught1", 0),
            new AssignStatement("try1_caught", "1", 0)));

        Assert.Equal(
            "catch (global::System.InvalidOperationException caught1)\n{ e = caught1; try1_caught_exception = caught1; try1_caught = 1; }",
            InlineStatements.Catch(clause));
    }

    [Fact]
    public void A_storing_catch_with_a_filter_hoists_the_variable_before_the_user_filter_runs()
    {
        var hoisted = new StoringCatch("global::System.Exception", "caught2", "e", new TextExpression("e.Message == \"x\""), Array(
            new AssignStatement("try1_caught_exception", "caught2", 0),
            new AssignStatement("try1_caught", "2", 0)));
        var plain = hoisted with { HoistField = null, Filter = new TextExpression("Ready()") };

        Assert.Equal("catch (global::System.Exception caught2) when (Hoist(out e, caught2) && (e.Message == \"x\"))", InlineStatements.CatchHeader(hoisted));
        Assert.Equal("catch (global::System.Exception caught2) when (Ready())", InlineStatements.CatchHeader(plain));
    }

    [Fact]
    public void A_flat_try_writes_a_storing_catch_and_the_handler_comment_names_its_first_line()
    {
        var clause = new StoringCatch("global::System.Exception", "caught1", "e", new TextExpression("e is not null &&\n    Ready()"), Array(
            new AssignStatement("try1_caught_exception", "caught1", 0),
            new AssignStatement("try1_caught", "1", 0)));
        var source = Emitter.Emit(new LoweredCoroutine(Method(), EquatableArray<StateInfo>.Empty, Array<Statement>(
            new FlatTryStatement(Array<Statement>(new CodeStatement("Work();", 4, false, EquatableArray<string>.Empty)),
                Array(new CatchModel(1, "", null, "try1_handler1", EquatableArray<string>.Empty, 5) { Store = clause }), null, false, 3),
            new HandlerComment(clause)))).Replace("\r\n", "\n");

        Assert.Contains("catch (global::System.Exception caught1) when (Hoist(out e, caught1) && (e is not null &&\n", source);
        Assert.Contains("{ try1_caught_exception = caught1; try1_caught = 1; }\n", source);
        Assert.Contains("// handler of catch (global::System.Exception caught1) when (Hoist(out e, caught1) && (e is not null &&\n", source);
    }
}
