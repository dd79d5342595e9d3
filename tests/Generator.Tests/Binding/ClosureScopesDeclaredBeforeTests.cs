using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Coroutines.Generator.Tests.Binding;

/// <summary>
/// Binding/ClosureScopes.DeclaredBefore: an expression statement kept in a block that keeps the environments (for a lambda over an anonymous type
/// assigned through a ref local or to an element of a span) whose <c>out</c> argument declares a variable of a ref struct type read after it: the
/// variable is declared before that block, not hoisted (no field can keep it); also an <c>if</c> condition's or a declaration's value's. Behaviour/LambdaThroughRefDeclaredBeforeCaptureTests
/// and Behaviour/LambdaThroughRefOutVariableCaptureTests run them.
/// </summary>
public sealed class ClosureScopesDeclaredBeforeTests
{
    private const string Setup = """
                    static Action<T>[] Slots<T>(T sample) => new Action<T>[2];
                    static bool Made(out ReadOnlySpan<int> values) { values = new[] { 1 }; return true; }
                    static ReadOnlySpan<int> Spanned() => new[] { 1 };
                    var rows = new[] { new { A = 1 } };
                    var slots = Slots(rows[0]);
                    for (int i = 0; i < 2; i++)
                    {
                        int copy = i;
                        ref var slot = ref slots[i % 2];

        """;

    [Fact]
    public void A_ref_struct_variable_of_an_out_argument_read_after_the_statement_is_declared_before_its_block()
    {
        var bound = Passes.Bind(Passes.Program(Setup + """
                        if (copy >= 0)
                        {
                            _ = Made(out ReadOnlySpan<int> values) && (slot = x => Console.WriteLine(x.A + copy)) is not null;
                            Console.WriteLine(values.Length);
                        }
                        switch (copy)
                        {
                            case 0:
                                _ = Made(out var inner) && (slot = x => Console.WriteLine(x.A + copy)) is not null;
                                Console.WriteLine(inner.Length);
                                break;
                        }
                        Yield.Sleep(1);
                    }
            """), "Run");

        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        Assert.Equal(new[] { "inner", "values" }, bound.Captures!.Closures!.DeclaredBeforeStatement.Select(static l => l.Name).OrderBy(static n => n));
        Assert.DoesNotContain(bound.Captures.Locals, static l => l.Local.Name is "values" or "inner");
        Assert.Equal(2, bound.Captures.Closures.KeepingStatements.Count(static s => s is ExpressionStatementSyntax));
    }

    [Theory]
    // In the loop's block that suspends, such a variable is a local of Step() with or without the lambda when used only before the
    // suspension (as C# async accepts it), declared before the block with the lambda; COR0009 when used after it, as C# refuses it (CS4007).
    [InlineData(" && (slot = x => Console.WriteLine(x.A + copy)) is not null", "Console.WriteLine(values.Length); Yield.Sleep(1);", null)]
    [InlineData("", "Console.WriteLine(values.Length); Yield.Sleep(1);", null)]
    [InlineData(" && (slot = x => Console.WriteLine(x.A + copy)) is not null", "Yield.Sleep(1); Console.WriteLine(values.Length);", "COR0009")]
    [InlineData("", "Yield.Sleep(1); Console.WriteLine(values.Length);", "COR0009")]
    public void In_a_block_that_suspends_it_is_a_local_of_Step_unless_it_lives_across_the_suspension(string lambda, string after, string? refused)
    {
        var bound = Passes.Bind(Passes.Program(Setup + $$"""
                        _ = Made(out ReadOnlySpan<int> values){{lambda}};
                        {{after}}
                    }
            """), "Run");

        if (refused is not null)
        {
            Assert.Equal(refused, Assert.Single(bound.Diagnostics).Id);
            return;
        }
        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        Assert.Contains(bound.Captures!.StepLocals, static l => l.Local.Name == "values");
        Assert.Equal(lambda.Length > 0, bound.Captures.Closures?.DeclaredBeforeStatement.Any(static l => l.Name == "values") ?? false);
    }

    [Theory]
    // An `if` condition's or a declaration's value's `out` argument, read after the statement: declared before its block too; a pattern's,
    // when it declares no other variable (it matches into a temporary that it stores).
    [InlineData("if (Made(out ReadOnlySpan<int> values) && (slot = x => Console.WriteLine(x.A + copy)) is not null) Console.WriteLine(1);")]
    [InlineData("var n = Made(out var values) && (slot = x => Console.WriteLine(x.A + copy)) is not null ? 1 : 0;")]
    [InlineData("if (!((slot = x => Console.WriteLine(x.A + copy)) is not null && Spanned() is var values)) continue;")]
    [InlineData("if ((slot = x => Console.WriteLine(x.A + copy)) is null || Spanned() is not { Length: > 0 } values) continue;")]
    [InlineData("if (!(Spanned() is { Length: > 0 } values) || (slot = x => Console.WriteLine(x.A + copy)) is null) continue;")]
    public void An_out_or_pattern_variable_of_an_if_condition_or_a_declarations_value_is_declared_before_its_block(string statement)
    {
        var bound = BoundReadingValuesAfter(statement);

        Assert.Equal("values", Assert.Single(bound.Captures!.Closures!.DeclaredBeforeStatement).Name);
        Assert.DoesNotContain(bound.Captures.Locals, static l => l.Local.Name == "values");
    }

    [Theory]
    // A pattern that declares another variable too: the ref struct one declared before the block, the other (read after it) in a field.
    [InlineData("if (!((slot = x => Console.WriteLine(x.A + copy)) is not null && Spanned() is { Length: var count } values)) continue;\n Console.WriteLine(count);")]
    [InlineData("if ((slot = x => Console.WriteLine(x.A + copy)) is null || Spanned() is not ({ Length: > 0 and var count } and var values)) continue;\n Console.WriteLine(count);")]
    public void A_pattern_declaring_another_variable_too_declares_its_ref_struct_variable_before_its_block(string statement)
    {
        var bound = BoundReadingValuesAfter(statement);

        Assert.Equal("values", Assert.Single(bound.Captures!.Closures!.DeclaredBeforeStatement).Name);
        Assert.Contains(bound.Captures.Locals, static l => l.Local.Name == "count");
    }

    /// <summary>The loop's program with <paramref name="statement"/> in a block, <c>values</c> read after it; bound without a diagnostic.</summary>
    private static Coroutines.Generator.Binding.BoundCoroutine BoundReadingValuesAfter(string statement)
    {
        var bound = Passes.Bind(Passes.Program(Setup + $$"""
                        if (copy >= 0)
                        {
                            {{statement}}
                            Console.WriteLine(values.Length);
                        }
                        Yield.Sleep(1);
                    }
            """), "Run");
        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        return bound;
    }
}
