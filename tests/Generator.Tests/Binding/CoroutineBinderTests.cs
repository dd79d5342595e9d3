using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Binding;

/// <summary>The binding pass alone: suspension sites, captured locals and COR checks of small methods.</summary>
public sealed class CoroutineBinderTests
{
    [Fact]
    public void Finds_the_suspension_sites_and_the_locals_that_live_across_them()
    {
        var bound = Passes.Bind(Passes.Program("""
                    int before = 1;
                    Yield.Sleep(before);
                    while (before < 3)
                    {
                        int inside = before * 2;
                        Console.WriteLine(inside);
                        Yield.Sleep(1);
                        before++;
                    }
            """), "Run");

        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        Assert.Equal(2, bound.Suspensions!.Statements.Count);
        Assert.All(bound.Suspensions.Statements.Values, site => Assert.Equal(SuspendingCallKind.StaticPoint, site.Binding.Kind));
        Assert.All(bound.Suspensions.Statements.Values, site => Assert.Equal(SuspensionForm.Statement, site.Form));
        // Both locals are scoped by a flattened block (the body, the loop's), so both become fields.
        Assert.Equal(new[] { "before", "inside" }, bound.Captures!.Locals.Select(static l => l.Local.Name).ToArray());
    }

    [Fact]
    public void A_local_of_a_statement_kept_as_written_is_not_captured()
    {
        var bound = Passes.Bind(Passes.Program("""
                    for (int i = 0; i < 2; i++)
                    {
                        Console.WriteLine(i);
                    }
                    Yield.Sleep(1);
            """), "Run");

        Assert.True(bound.Succeeded);
        Assert.Empty(bound.Captures!.Locals);
    }

    [Fact]
    public void A_suspension_inside_an_expression_is_reported_where_it_stands()
    {
        const string source = """
            using System;
            using Coroutines;

            public static partial class Workers
            {
                [Coroutine]
                public static int Compute()
                {
                    Yield.Sleep(1);
                    return 2;
                }

                [Coroutine]
                public static void Run()
                {
                    using System.IO.MemoryStream a = new(Compute()), b = new(); Console.WriteLine(a.Capacity);
                }
            }
            """;
        var bound = Passes.Bind(source, "Run");

        Assert.False(bound.Succeeded);
        var diagnostic = Assert.Single(bound.Diagnostics, static d => d.Id == DiagnosticDescriptors.SuspensionInExpression.Id);
        var line = source.Split('\n').ToList().FindIndex(static l => l.Contains("Console.WriteLine"));
        Assert.Equal(line, diagnostic.Location.LineSpan.Start.Line);
    }

    [Fact]
    public void A_label_shaped_like_a_generated_one_is_taken()
    {
        var bound = Passes.Bind(Passes.Program("""
                    Yield.Sleep(1);
                    if (DateTime.Now.Year > 2000)
                    {
                        goto resume1;
                    }
                    resume1:
                    Console.WriteLine();
            """), "Run");

        Assert.False(bound.Succeeded);
        var diagnostic = Assert.Single(bound.Diagnostics, static d => d.Id == DiagnosticDescriptors.NameTaken.Id);
        Assert.Equal("resume1", diagnostic.Arguments[0]);
        Assert.Equal("a label of the generated Step()", diagnostic.Arguments[2]);
    }
}
