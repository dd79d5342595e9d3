using System.Globalization;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// COR0009 for a ref local that would live across a suspension, C# 13's rule for <c>async</c>
/// (CS9217): the message names the suspension, the use after it and what to write instead. One used
/// only between suspensions, or as the receiver of the suspension itself, is not refused
/// (Behaviour/RefLocalTests runs those).
/// </summary>
public sealed class RefLocalDiagnosticsTests
{
    private static string Program(string members) => $$"""
        {{Programs.Usings}}

        namespace Demo;

        public static partial class Program
        {
            public struct Gate
            {
                public int Count;

                [SuspensionPoint(nameof(BeginWait), Result = nameof(EndWait))]
                public int Wait(int x)
                {
                    Count++;
                    Yield.Sleep(x);
                    return EndWait(x);
                }

                public Suspension BeginWait(int x)
                {
                    Count++;
                    return Suspension.Sleep(x);
                }

                public int EndWait(int x) => Count * 100 + x;
            }

            [Coroutine]
            private static int Next(int x = 7)
            {
                Yield.Sleep(1);
                return x;
            }

        {{members}}
        }
        """;

    private static string MessageOf(GeneratorRun run) =>
        run.AllDiagnosticsWithAnalyzers.First(d => d.Id == "COR0009").GetMessage(CultureInfo.InvariantCulture);

    [Fact]
    public void COR0009_a_ref_local_used_after_a_suspension()
    {
        var run = DiagnosticAssert.Fires("COR0009", DiagnosticSeverity.Error, Program("""
                [Coroutine]
                public static int Run()
                {
                    int[] numbers = { 1, 2 };
                    ref int [|first = ref numbers[0]|];
                    Yield.Sleep(1);
                    first++;
                    return numbers[0];
                }
            """));
        Assert.Equal(
            "Local 'first' cannot be kept in a field across a suspension: it is a ref local that would live across 'Yield.Sleep(1)' (line 43): it is used after it, on line 44; " +
            "C# refuses a ref local that lives across an await too (CS9217). Use 'first' only before 'Yield.Sleep(1)'. To use the variable after it, declare another ref local after it",
            MessageOf(run));
    }

    [Fact]
    public void COR0009_a_ref_local_receiver_whose_result_method_runs_after_the_resume()
    {
        var run = DiagnosticAssert.Fires("COR0009", DiagnosticSeverity.Error, Program("""
                [Coroutine]
                public static int Run()
                {
                    var gates = new Gate[2];
                    ref Gate [|gate = ref gates[0]|];
                    return gate.Wait(1);
                }
            """));
        Assert.Contains("it is a ref local that would live across 'gate.Wait(1)' (line 43): the result method 'EndWait' is called on it after the resume", MessageOf(run));
    }

    [Theory]
    [InlineData("first += Next();")]
    [InlineData("first = Next();")]
    [InlineData("Take(ref first, Next());")]
    [InlineData("Look(first, Next());")]
    [InlineData("Yield.Sleep(Next(first) + first);")]
    [InlineData("while (numbers.Length > first++) { Yield.Sleep(1); }")]
    [InlineData("for (var i = 0; i < 2; i++) { first++; Yield.Sleep(1); }")]
    [InlineData("again: first++; Yield.Sleep(1); if (first < 3) goto again;")]
    public void COR0009_a_ref_local_whose_use_is_not_over_before_the_suspension(string statements)
    {
        var run = DiagnosticAssert.Fires("COR0009", DiagnosticSeverity.Error, Program($$"""
                private static void Take(ref int x, int y) => x += y;

                private static void Look(in int x, int y) { }

                [Coroutine]
                public static int Run()
                {
                    int[] numbers = { 1, 2 };
                    ref int [|first = ref numbers[0]|];
                    {{statements}}
                    return numbers[0];
                }
            """));
        Assert.Contains("C# refuses a ref local that lives across an await too (CS9217)", MessageOf(run));
    }

    [Fact]
    public void COR0009_not_reported_for_ref_locals_used_before_each_suspension()
    {
        DiagnosticAssert.DoesNotFire(Program("""
                private static int Use(int a, int b) => a + b;

                [Coroutine]
                public static int Run(int n)
                {
                    int[] numbers = { 1, 2 };
                    ref int first = ref numbers[0];
                    first++;
                    var sum = Use(first * 2, Next());
                    ref int again = ref numbers[0];
                    sum += Next(again);
                    ref int third = ref numbers[1];
                    if (third > 0)
                    {
                        Yield.Sleep(1);
                    }
                    ref int second = ref numbers[1];
                    var text = $"{second} {second * 2 + Next()}";
                    return numbers[0] + sum + text.Length;
                }
            """), "COR0009", "COR0007");
    }
}
