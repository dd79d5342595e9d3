using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Coroutines.Generator.Tests.Binding;

/// <summary>
/// Binding/ClosureScopes.DeclaredBefore: an expression statement kept in a block that keeps the environments (for a lambda over an anonymous type
/// assigned through a ref local or to an element of a span) whose <c>out</c> argument declares a variable of a ref struct type read after it: the
/// variable is declared before that block, not hoisted (no field can keep it). Behaviour/LambdaThroughRefDeclaredBeforeCaptureTests runs them.
/// </summary>
public sealed class ClosureScopesDeclaredBeforeTests
{
    private const string Setup = """
                    static Action<T>[] Slots<T>(T sample) => new Action<T>[2];
                    static bool Made(out ReadOnlySpan<int> values) { values = new[] { 1 }; return true; }
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
    // In the loop's block that suspends, such a variable is COR0009 with or without the lambda (not a local of Step(): declared by `out`).
    [InlineData(" && (slot = x => Console.WriteLine(x.A + copy)) is not null")]
    [InlineData("")]
    public void In_a_block_that_suspends_it_is_refused_as_without_the_lambda(string lambda)
    {
        var bound = Passes.Bind(Passes.Program(Setup + $$"""
                        _ = Made(out ReadOnlySpan<int> values){{lambda}};
                        Console.WriteLine(values.Length);
                        Yield.Sleep(1);
                    }
            """), "Run");

        Assert.Equal("COR0009", Assert.Single(bound.Diagnostics).Id);
    }
}
