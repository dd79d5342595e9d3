using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Coroutines.Generator.Tests.Binding;

/// <summary>
/// Binding/ClosureScopes.MadeWithItsCall: a lambda over an anonymous type capturing a per-iteration variable is made with
/// the call it is an argument of; a variable that call declares and code after it reads is hoisted (when a closure captures
/// it in a block kept as written, into an environment of that block, made at its start; in a switch section's statement, in an environment of the switch; in a `while`, `do` or `for` condition or an embedded
/// statement, not hoisted: the statement keeps the environments in a block of its own; refused in an embedded `return`); a call whose value is a ref struct cannot be made inside a lambda (the value around it is), so looped over by a foreach that suspends it stays COR0013.
/// </summary>
public sealed class MadeWithItsCallTests
{
    [Fact]
    public void A_variable_the_call_declares_and_code_after_it_reads_is_hoisted()
    {
        var bound = Passes.Bind(Passes.Program("""
                    var later = new List<Func<int>>();
                    for (int i = 0; i < 2; i++)
                    {
                        int copy = i;
                        if (copy >= 0)
                        {
                            // A block kept as written (it does not suspend): its locals stay locals, but for this one.
                            Array.ForEach(new[] { new { A = int.TryParse("1", out var parsed) ? 1 : 0 } }, x => later.Add(() => x.A + copy));
                            Array.ForEach(new[] { new { A = 1 } }, x => Console.WriteLine(x.A + copy + (int.TryParse("2", out var inner) ? inner : 0)));
                            int kept = 3;
                            later.Add(() => kept);
                            Console.WriteLine(parsed);
                        }
                        Yield.Sleep(1);
                    }
            """), "Run");

        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        Assert.Contains(bound.Captures!.Locals, static l => l.Local.Name == "parsed");
        Assert.DoesNotContain(bound.Captures!.Locals, static l => l.Local.Name is "inner" or "kept"); // declared in the lambda, or in the kept block
    }

    [Fact]
    public void Such_a_variable_a_closure_captures_in_a_block_kept_as_written_gets_the_blocks_environment()
    {
        var bound = Passes.Bind(Passes.Program("""
                    var later = new List<Func<int>>();
                    for (int i = 0; i < 2; i++)
                    {
                        int copy = i;
                        if (copy >= 0)
                        {
                            Array.ForEach(new[] { new { A = int.TryParse("1", out var parsed) ? 1 : 0 } }, x => later.Add(() => x.A + copy));
                            later.Add(() => parsed);
                        }
                        Yield.Sleep(1);
                    }
            """), "Run");

        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        Assert.Contains(bound.Captures!.Locals, static l => l.Local.Name == "parsed");
        var scope = Assert.Single(bound.Captures!.Closures!.ScopeOf, static p => p.Key.Name == "parsed").Value;
        Assert.IsType<IfStatementSyntax>(Assert.IsType<BlockSyntax>(scope).Parent); // the block kept as written: its environment is made at its start
        Assert.Contains(scope, bound.Captures!.Closures!.Scopes);
    }

    [Fact]
    public void Such_a_variable_of_a_while_condition_or_an_embedded_statement_keeps_its_statement_in_a_block_of_its_own()
    {
        var bound = Passes.Bind(Passes.Program("""
                    var later = new List<Func<int>>();
                    for (int i = 0; i < 2; i++)
                    {
                        int copy = i;
                        int n = 0;
                        while (Array.TrueForAll(new[] { new { A = int.TryParse("1", out var parsed) ? 1 : 0 } }, x => x.A + copy > n) && n++ < 2)
                            later.Add(() => parsed);
                        if (copy > 0)
                            later.Add(Array.Exists(new[] { new { A = int.TryParse("2", out var other) ? 1 : 0 } }, x => x.A + copy > 1) ? () => other : () => 0);
                        Yield.Sleep(1);
                    }
            """), "Run");

        // Made inside a lambda with its call, the variable would need an environment of the `while` (new at each test) or of the embedded
        // statement: the statement keeps the environments in a block of its own instead, the call where it is, the variable its own.
        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        var kept = bound.Captures!.Closures!.KeepingStatements;
        Assert.Equal(2, kept.Count);
        Assert.Contains(kept, static s => s is WhileStatementSyntax);
        Assert.Contains(kept, static s => s is ExpressionStatementSyntax { Parent: IfStatementSyntax });
        Assert.DoesNotContain(bound.Captures.Locals, static l => l.Local.Name is "parsed" or "other");
        Assert.DoesNotContain(bound.Captures.Closures.ScopeOf, static p => p.Key.Name is "parsed" or "other");
    }

    [Fact]
    public void Such_a_variable_of_a_switch_sections_statement_gets_the_switchs_environment()
    {
        var bound = Passes.Bind(Passes.Program("""
                    var later = new List<Func<int>>();
                    for (int i = 0; i < 2; i++)
                    {
                        int copy = i;
                        switch (copy)
                        {
                            case 0:
                                later.Add(Array.TrueForAll(new[] { new { A = int.TryParse("1", out var parsed) ? 1 : 0 } }, x => x.A + copy > 0) ? () => parsed : () => 0);
                                break;
                        }
                        Yield.Sleep(1);
                    }
            """), "Run");

        // Its scope is the switch block (its sections share it): it lives in an environment of the switch, made as the switch is entered.
        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        Assert.Contains(bound.Captures!.Locals, static l => l.Local.Name == "parsed");
        var scope = Assert.Single(bound.Captures!.Closures!.ScopeOf, static p => p.Key.Name == "parsed").Value;
        Assert.IsType<SwitchStatementSyntax>(scope);
        Assert.Contains(scope, bound.Captures!.Closures!.Scopes);
    }

    [Theory]
    // Its scope is the `do` or `for` statement, new at each test: the statement keeps the environments in a block of its own, its condition reading them.
    [InlineData("do\n    n++;\nwhile (Array.TrueForAll(new[] { new { A = int.TryParse(\"1\", out var parsed) ? 1 : 0 } }, x => x.A + copy > n) && new Func<int>(() => parsed)() < n);")]
    [InlineData("for (int k = 0; Array.TrueForAll(new[] { new { A = int.TryParse(\"1\", out var parsed) ? 1 : 0 } }, x => x.A + copy > k) && new Func<int>(() => parsed)() < 3; k++)\n    n++;")]
    public void Such_a_variable_of_a_do_or_for_condition_keeps_its_statement_in_a_block_of_its_own(string statement)
    {
        var bound = Passes.Bind(Passes.Program($$"""
                    var later = new List<Func<int>>();
                    for (int i = 0; i < 2; i++)
                    {
                        int copy = i;
                        int n = 0;
                        {{statement}}
                        Yield.Sleep(1);
                    }
            """), "Run");

        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        Assert.IsAssignableFrom<StatementSyntax>(Assert.Single(bound.Captures!.Closures!.KeepingStatements, static s => s is DoStatementSyntax or ForStatementSyntax));
        Assert.DoesNotContain(bound.Captures.Locals, static l => l.Local.Name == "parsed");
    }

    [Fact]
    public void Such_a_variable_of_an_embedded_statement_lives_in_an_environment_of_that_statement()
    {
        var bound = Passes.Bind(Passes.Program("""
                    var later = new List<Func<int>>();
                    for (int i = 0; i < 2; i++)
                    {
                        int copy = i;
                        if (copy > 5)
                            return Array.TrueForAll(new[] { new { A = int.TryParse("1", out var parsed) ? 1 : 0 } }, x => x.A + copy > 0) && new Func<int>(() => parsed)() > 0 ? 1 : 0;
                        Yield.Sleep(1);
                    }
                    return 2;
            """, returnType: "int"), "Run");

        // Its scope is the embedded `return` (a jump of the state machine): written as a block of its own that makes the environment first.
        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        Assert.IsType<ReturnStatementSyntax>(Assert.Single(bound.Captures!.Closures!.ScopeOf, static p => p.Key.Name == "parsed").Value);
    }

    [Fact]
    public void A_call_whose_value_is_a_ref_struct_is_refused_when_looped_over()
    {
        var bound = Passes.Bind(Passes.Program("""
                    static ReadOnlySpan<int> Spanned<T>(T[] items, Func<T, int> value) => Array.ConvertAll(items, x => value(x));
                    for (int i = 0; i < 2; i++)
                    {
                        int copy = i;
                        // `.Length` would be made with it, a local kept in a block of its own, a foreach that does not suspend written in
                        // such a block (ClosureScopesTests); the span looped over by a foreach that suspends cannot (nor does C# async: CS4007).
                        foreach (var value in Spanned(new[] { new { A = 1 } }, x => x.A + copy))
                        {
                            Console.WriteLine(value);
                            Yield.Sleep(1);
                        }
                    }
            """), "Run");

        var diagnostic = Assert.Single(bound.Diagnostics, static d => d.Id == "COR0013");
        Assert.Equal("copy", diagnostic.Arguments[0]);
        Assert.Contains("when that call's value is a ref struct, with the value of another type around it", diagnostic.Arguments[1], System.StringComparison.Ordinal);
        Assert.StartsWith("Pass the lambda directly as an argument of a method call, or assign it directly", diagnostic.Arguments[2], System.StringComparison.Ordinal);
    }
}
