using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Coroutines.Generator.Tests.Binding;

/// <summary>Binding of labels beside suspensions: a labeled statement that suspends is flattened, and what it declares is scoped like its block's.</summary>
public sealed class LabelBindingTests
{
    [Fact]
    public void A_labeled_statement_that_suspends_is_flattened_and_its_locals_hoisted()
    {
        var bound = Passes.Bind(Passes.Program("""
                    int n = 0;
                again:
                    while (n < 3)
                    {
                        int twice = n * 2;
                        Yield.Sleep(twice);
                        n++;
                    }
                    if (n < 5) goto again;
            """), "Run");

        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        Assert.Contains(bound.Suspensions!.Flattened, static n => n is LabeledStatementSyntax);
        Assert.Equal(new[] { "n", "twice" }, bound.Captures!.Locals.Select(static l => l.Local.Name).ToArray());
    }
}
