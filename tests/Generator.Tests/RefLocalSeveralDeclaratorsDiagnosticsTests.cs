using System.Globalization;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// A ref local declaration of several variables, one of whose initializers suspends
/// (Behaviour/RefLocalSeveralDeclaratorsTests runs the accepted ones): split into one declaration per
/// variable, so C# 13's rule holds for each (COR0009, CS9217): one declared before a later
/// declarator's suspension may not be used after it.
/// </summary>
public sealed class RefLocalSeveralDeclaratorsDiagnosticsTests
{
    private const string Next = """
                [Coroutine]
                private static int Next(int x)
                {
                    Yield.Sleep(1);
                    return x;
                }

        """;

    [Fact]
    public void A_declaration_of_several_ref_locals_one_of_whose_initializers_suspends_is_accepted()
    {
        var run = DiagnosticAssert.DoesNotFire(Programs.Static(Next + """
                [Coroutine]
                public static int Run()
                {
                    int[] numbers = { 1, 2 };
                    ref int first = ref numbers[0], slot = ref numbers[Next(1)];
                    slot++;
                    return numbers[1];
                }
            """), "COR0007", "COR0009");
        Assert.DoesNotContain(run.AllDiagnosticsWithAnalyzers, static d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void COR0009_an_earlier_ref_local_of_the_declaration_used_after_a_later_ones_suspension()
    {
        var run = DiagnosticAssert.Fires("COR0009", DiagnosticSeverity.Error, Programs.Static(Next + """
                [Coroutine]
                public static int Run()
                {
                    int[] numbers = { 1, 2 };
                    ref int [|first = ref numbers[0]|], slot = ref numbers[Next(1)];
                    first++;
                    return numbers[0] + slot;
                }
            """));
        Assert.StartsWith(
            "Local 'first' cannot be kept in a field across a suspension: it is a ref local that would live across 'Next(1)'",
            run.AllDiagnosticsWithAnalyzers.First(d => d.Id == "COR0009").GetMessage(CultureInfo.InvariantCulture));
        Assert.DoesNotContain(run.AllDiagnosticsWithAnalyzers, d => d.Id == "COR0007");
    }
}
