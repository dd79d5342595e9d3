using System.Globalization;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// COR0009 for a variable of a ref struct type declared in an expression (an <c>out</c> argument, a pattern) that would live across a
/// suspension, C# 13's rule for <c>async</c> (CS4007): the message names the suspension and the use after it. One used only between
/// suspensions is a local of Step() (Behaviour/RefStructExpressionVariableTests runs those); one of a statement that suspends stays refused.
/// </summary>
public sealed class RefStructExpressionVariableDiagnosticsTests
{
    private static string Program(string members) => Programs.Static("""
        private static bool Made(int value, out ReadOnlySpan<int> values)
        {
            values = new[] { value };
            return true;
        }

        [Coroutine]
        private static int Next(int x)
        {
            Yield.Sleep(1);
            return x;
        }

        """ + members);

    private static string MessageOf(GeneratorRun run) =>
        run.AllDiagnosticsWithAnalyzers.First(d => d.Id == "COR0009").GetMessage(CultureInfo.InvariantCulture);

    [Fact]
    public void COR0009_an_out_variable_used_after_a_suspension()
    {
        var run = DiagnosticAssert.Fires("COR0009", DiagnosticSeverity.Error, Program("""
            [Coroutine]
            public static int Run()
            {
                _ = Made(1, out ReadOnlySpan<int> [|values|]);
                Yield.Sleep(1);
                return values[0];
            }
            """));
        Assert.Equal(
            "Local 'values' cannot be kept in a field across a suspension: its type 'System.ReadOnlySpan<int>' is a ref struct, which cannot be stored in a field, and it would live across 'Yield.Sleep(1)' (line 26): it is used after it, on line 27; " +
            "C# refuses a ref struct local that lives across an await too (CS4007). Use 'values' only before 'Yield.Sleep(1)'. To use a value of that type after it, declare another local after it",
            MessageOf(run));
    }

    [Fact]
    public void COR0009_a_pattern_variable_read_after_a_suspension_in_its_statement()
    {
        DiagnosticAssert.Fires("COR0009", DiagnosticSeverity.Error, Program("""
            [Coroutine]
            public static int Run(int count)
            {
                var total = 0;
                for (var i = 0; i < count; i++)
                {
                    var n = new ReadOnlySpan<int>(new[] { i }) is var [|span|] ? span[0] : 0;
                    total += Next(n) + span.Length;
                }
                return total;
            }
            """));
    }

    [Fact]
    public void COR0009_an_out_variable_of_a_statement_that_suspends()
    {
        DiagnosticAssert.Fires("COR0009", DiagnosticSeverity.Error, Program("""
            [Coroutine]
            public static int Run()
            {
                var n = Made(Next(1), out ReadOnlySpan<int> [|values|]) ? 1 : 0;
                return n + values.Length;
            }
            """));
    }
}
