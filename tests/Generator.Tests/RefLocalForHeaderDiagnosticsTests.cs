using System.Globalization;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// Ref locals declared in a <c>for</c> loop's header (Behaviour/RefLocalForHeaderTests runs the accepted
/// ones): the generator accepts exactly what C# <c>async</c> accepts. Each case is compiled both ways, the
/// coroutine by the generator and its <c>async</c> twin by the compiler (which reports CS9217 only when it
/// emits): COR0009 fires exactly when the compiler refuses the twin, and then names the suspension and the use.
/// </summary>
public sealed class RefLocalForHeaderDiagnosticsTests
{
    private static string Program(string loop) => Programs.Static($$"""
                [Coroutine]
                private static int F(int x)
                {
                    Yield.Sleep(1);
                    return x;
                }

                private static async System.Threading.Tasks.Task<int> FAsync(int x)
                {
                    await System.Threading.Tasks.Task.Yield();
                    return x;
                }

                [Coroutine]
                public static int Run()
                {
                    int[] n = { 1, 2, 3 };
                    int t = 0;
                    {{loop}}
                    return t;
                }

                public static async System.Threading.Tasks.Task<int> RunAsync()
                {
                    int[] n = { 1, 2, 3 };
                    int t = 0;
                    {{loop.Replace("F(", "await FAsync(")}}
                    return t;
                }
            """);

    [Theory]
    // accepted by C# async: no use of a ref local after a suspension it would live across
    [InlineData("for (ref int x = ref n[F(1)]; x < 5; x++) { t += x; }", false)]
    [InlineData("for (ref int x = ref n[F(1)]; t < 5; t++) { F(2); }", false)]
    [InlineData("for (ref int a = ref n[0], b = ref n[F(1)]; b < 5; b++) { t += b; }", false)]
    [InlineData("for (ref int a = ref n[0], b = ref n[F(1)]; t < 5; t++) { F(2); }", false)]
    [InlineData("for (ref int a = ref n[F(0)], b = ref n[F(1)]; b < 5; b++) { t += b; }", false)]
    [InlineData("for (ref int a = ref n[F(0)], b = ref n[a + F(1) - 1]; b < 5; b++) { t += b; }", false)]
    [InlineData("for (ref readonly int x = ref n[F(1)]; t < x; t++) { }", false)]
    // refused by C# async too (CS9217)
    [InlineData("for (ref int a = ref n[0], b = ref n[F(1)]; b < 5; b++) { t += a; }", true)]
    [InlineData("for (ref int x = ref n[F(1)]; x < 5; x++) { t += x; F(2); }", true)]
    [InlineData("for (ref int x = ref n[F(1)]; t < 5; t++) { t += x; F(2); }", true)]
    [InlineData("for (ref int x = ref n[F(1)]; x < 5; x += F(2)) { t += x; }", true)]
    [InlineData("for (ref int x = ref n[1]; x < 5; x++) { t += x; F(2); }", true)]
    [InlineData("for (ref int x = ref n[F(1)]; x < 5; x++) { t += x; { ref int y = ref n[F(2)]; y++; } }", true)]
    public void COR0009_exactly_when_csharp_async_refuses_the_twin(string loop, bool refused)
    {
        if (DiagnosticAssert.Cor0009ExactlyWhenTheTwinIsRefused(Program(loop), refused, "CS9217") is not { } message)
        {
            return;
        }
        Assert.Contains("it is a ref local that would live across 'F(", message);
        Assert.DoesNotContain("Declare it inside a block", message);
    }

    [Fact]
    public void COR0009_an_earlier_ref_local_of_a_for_header_used_after_a_later_ones_suspension()
    {
        var run = DiagnosticAssert.Fires("COR0009", DiagnosticSeverity.Error, Programs.Static("""
                [Coroutine]
                private static int F(int x)
                {
                    Yield.Sleep(1);
                    return x;
                }

                [Coroutine]
                public static int Run()
                {
                    int[] n = { 1, 2, 3 };
                    int t = 0;
                    for (ref int [|a = ref n[0]|], b = ref n[F(1)]; b < 5; b++)
                    {
                        t += a;
                    }
                    return t;
                }
            """));
        var message = run.AllDiagnosticsWithAnalyzers.First(d => d.Id == "COR0009").GetMessage(CultureInfo.InvariantCulture);
        Assert.StartsWith("Local 'a' cannot be kept in a field across a suspension: it is a ref local that would live across 'F(1)' (line ", message);
        Assert.Contains("C# refuses a ref local that lives across an await too (CS9217). Use 'a' only before 'F(1)'.", message);
    }
}
