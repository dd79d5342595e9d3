using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Coroutines.Generator.Tests.Binding;

/// <summary>
/// Binding/ClosureScopes.DeclaringStatements: a statement that keeps the environments in a block of its own, for a lambda over an anonymous type
/// assigned through a ref local or to an element of a span, hoists what that block would end and code after it reads: a variable of its expressions
/// (an expression statement's, a declaration's, an <c>if</c> condition's), a local of an anonymous type; a switch section's declaration and an
/// array's initializer are kept too. What cannot live in a field stays COR0013 (Behaviour/LambdaThroughRefDeclaringCaptureTests runs the rest).
/// </summary>
public sealed class ClosureScopesDeclaringStatementsTests
{
    private const string Setup = """
                    static Action<T>[] Slots<T>(T sample) => new Action<T>[2];
                    var rows = new[] { new { A = 1 } };
                    var slots = Slots(rows[0]);
                    var later = new List<Func<int>>();
                    for (int i = 0; i < 2; i++)
                    {
                        int copy = i;
                        ref var slot = ref slots[i % 2];

        """;

    [Fact]
    public void What_a_block_of_its_own_would_end_and_code_after_it_reads_is_hoisted()
    {
        var bound = Passes.Bind(Passes.Program(Setup + """
                        var n = (slot = x => Console.WriteLine(x.A + copy)) is not null && int.TryParse("1", out var k) ? k : 0;
                        if (!((slot = x => Console.WriteLine(x.A + copy)) is { } kept))
                            break;
                        var pair = new { Made = (slot = x => Console.WriteLine(x.A + copy)) is null, Copy = copy };
                        later.Add(() => k + pair.Copy);
                        Console.WriteLine(kept);
                        switch (copy)
                        {
                            case 0:
                                bool[] tests = { (slot = x => Console.WriteLine(x.A + copy)) is null };
                                Console.WriteLine(tests[0]);
                                break;
                        }
                        Yield.Sleep(1);
                    }
            """), "Run");

        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        var hoisted = bound.Captures!.Locals.Select(static l => l.Local.Name).ToList();
        Assert.Contains("k", hoisted);
        Assert.Contains("kept", hoisted);
        Assert.Contains("pair", hoisted);
        Assert.DoesNotContain("tests", hoisted); // a name the generated code can write: declared without its value
        // Captured by a closure in the loop's body: in its environment, new for each iteration.
        var scopes = bound.Captures.Closures!.ScopeOf.ToDictionary(static p => p.Key.Name, static p => p.Value);
        Assert.Same(scopes["copy"], scopes["k"]);
        Assert.Same(scopes["copy"], scopes["pair"]);
        var kept = bound.Captures.Closures.KeepingStatements;
        Assert.Equal(4, kept.Count);
        Assert.Contains(kept, static s => s is IfStatementSyntax);
        Assert.Contains(kept, static s => s is LocalDeclarationStatementSyntax { Parent: SwitchSectionSyntax });
    }

    [Fact]
    public void A_variable_of_a_switch_sections_statement_a_closure_keeps_is_refused_where_it_is_declared()
    {
        var bound = Passes.Bind(Passes.Program(Setup + """
                        switch (copy)
                        {
                            case 0:
                                _ = int.TryParse("1", out var k) && (slot = x => Console.WriteLine(x.A + copy)) is not null;
                                later.Add(() => k);
                                break;
                        }
                        Yield.Sleep(1);
                    }
            """), "Run");

        // Its scope is the switch, kept as written: no environment is made for it on each entry.
        var diagnostic = Assert.Single(bound.Diagnostics, static d => d.Id == "COR0013");
        Assert.Equal("k", diagnostic.Arguments[0]);
        Assert.StartsWith("it is declared in a statement of a switch section written in a block of its own that keeps the closure environments", diagnostic.Arguments[1], System.StringComparison.Ordinal);
        Assert.Equal("Declare 'k' with a value in a statement of its own before that statement, and assign it in the statement", diagnostic.Arguments[2]);
    }
}
