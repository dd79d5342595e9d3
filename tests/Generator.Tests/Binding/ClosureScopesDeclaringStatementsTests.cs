using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Coroutines.Generator.Tests.Binding;

/// <summary>
/// Binding/ClosureScopes.DeclaringStatements: a statement that keeps the environments in a block of its own, for a lambda over an anonymous type
/// assigned through a ref local or to an element of a span, hoists what that block would end and code after it reads: a variable of its expressions
/// (an expression statement's, a declaration's, an <c>if</c> condition's), a local of an anonymous type; a switch section's declaration and an
/// array's initializer are kept too; a switch section statement's variable a closure keeps lives in an environment of the switch. What cannot live in a field stays COR0013 (Behaviour/LambdaThroughRefDeclaringCaptureTests runs the rest).
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
    public void A_variable_of_a_switch_sections_statement_a_closure_keeps_lives_in_an_environment_of_the_switch()
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

        // Its scope is the switch: an environment made on each entry of the switch, as C# makes one (Behaviour/LambdaThroughRefDeclaredBeforeCaptureTests runs it).
        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        var scopes = bound.Captures!.Closures!.ScopeOf.ToDictionary(static p => p.Key.Name, static p => p.Value);
        Assert.IsType<SwitchStatementSyntax>(scopes["k"]);
        Assert.Contains(bound.Captures.Closures.KeepingStatements, static s => s is ExpressionStatementSyntax { Parent: SwitchSectionSyntax });
    }
}
