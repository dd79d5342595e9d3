using System.Globalization;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// A ref local whose initializer suspends (Behaviour/RefLocalInitializerTests runs the accepted ones):
/// C# 13's rule still holds after it, a ref local may not live across a later suspension (COR0009, CS9217).
/// </summary>
public sealed class RefLocalInitializerDiagnosticsTests
{
    [Fact]
    public void COR0009_a_ref_local_whose_initializer_suspends_and_that_lives_across_a_later_suspension()
    {
        var run = DiagnosticAssert.Fires("COR0009", DiagnosticSeverity.Error, Programs.Static("""
                [Coroutine]
                private static int Next(int x)
                {
                    Yield.Sleep(1);
                    return x;
                }

                [Coroutine]
                public static int Run()
                {
                    int[] numbers = { 1, 2 };
                    ref int [|slot = ref numbers[Next(1)]|];
                    Yield.Sleep(1);
                    slot++;
                    return numbers[1];
                }
            """));
        Assert.StartsWith(
            "Local 'slot' cannot be kept in a field across a suspension: it is a ref local that would live across 'Yield.Sleep(1)'",
            run.AllDiagnosticsWithAnalyzers.First(d => d.Id == "COR0009").GetMessage(CultureInfo.InvariantCulture));
        Assert.DoesNotContain(run.AllDiagnosticsWithAnalyzers, d => d.Id == "COR0007");
    }
}
