using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// A local whose type is or holds a delegate type C# made for a lambda is kept with a delegate type the state machine
/// declares (Behaviour/UnnamedDelegateLocalTests, Behaviour/UnnamedDelegateFlowTests). Where that type cannot be declared
/// (a part of its signature, or of the signature of one in it, is an anonymous type, which has no name either), COR0009
/// says so at the local's declaration, naming the part. A local function's coroutine that shares such a local and makes or
/// keeps values of its type itself would declare a second delegate type for it: COR0016 says so.
/// </summary>
public sealed class UnnamedDelegateLocalDiagnosticsTests
{
    private static string Program(string body) => $$"""
        {{Programs.Usings}}

        namespace Demo;

        public static partial class Program
        {
            [Coroutine]
            public static void Run()
            {
                int n = 1;
                {{body}}
            }
        }
        """;

    private const string Described = "the delegate type '<anonymous delegate>' that the compiler made for a lambda, which has no name in C#";

    private const string Fix = ". Declare it inside a block that contains no suspension";

    [Theory]
    [InlineData("[|var f = (ref int y) => new { A = y };|] Yield.Sleep(1); Trace.Log($\"{f(ref n).A}\");",
                "Local 'f' cannot be kept in a field across a suspension: its type is " + Described + ", and no delegate type of the same signature can be declared: its part '<anonymous type: int A>' has no name in C# either" + Fix)]
    [InlineData("[|var t = Tuple.Create((ref int y) => new[] { new { A = y } });|] Yield.Sleep(1); Trace.Log($\"{t.Item1(ref n).Length}\");",
                "Local 't' cannot be kept in a field across a suspension: its type is 'System.Tuple<<anonymous delegate>>', which holds " + Described + ", and no delegate type of the same signature can be declared: its part '<anonymous type: int A>[]' has no name in C# either" + Fix)]
    [InlineData("[|var make = (int x) => (ref int y, int z = 2) => new { A = y + x };|] Yield.Sleep(1); Trace.Log($\"{make(1)(ref n).A}\");",
                "Local 'make' cannot be kept in a field across a suspension: its type is 'System.Func<int, <anonymous delegate>>', which holds " + Described + ", and no delegate type of the same signature can be declared: its part '<anonymous type: int A>' has no name in C# either" + Fix)]
    public void COR0009_a_signature_with_a_part_that_has_no_name_cannot_be_declared(string body, string message)
    {
        var run = DiagnosticAssert.Fires("COR0009", DiagnosticSeverity.Error, Program(body));
        Assert.Equal(message, MessageOf(run));
    }

    private static string LocalFunction(string body) => Program($$"""
        var f = (ref int y) => y += 1;
                Yield.Sleep(1);
                Step();
                Trace.Log($"{n}");

                [Coroutine]
                void [|Step|]()
                {
                    {{body}}
                }
        """);

    [Theory]
    [InlineData("var g = (ref int y) => y * 2; Yield.Sleep(1); g = f; g(ref n);")]
    [InlineData("var g = f; Yield.Sleep(1); g(ref n);")]
    public void COR0016_a_local_function_coroutine_that_shares_such_a_local_and_makes_or_keeps_values_of_its_type(string body)
    {
        var run = DiagnosticAssert.Fires("COR0016", DiagnosticSeverity.Error, LocalFunction(body));
        Assert.Equal(
            "[Coroutine] is not supported on the local function 'Step', which shares 'f' with 'Run': its own code makes or keeps values of the delegate type " +
            "'<anonymous delegate>' that the compiler made for a lambda, which 'f' holds, and each state machine would declare a delegate type of its own for it. " +
            "Declare a delegate type of that signature and give 'f' that type instead of 'var'",
            run.AllDiagnosticsWithAnalyzers.First(d => d.Id == "COR0016").GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_local_function_coroutine_that_only_calls_such_a_shared_local_compiles_warning_free() =>
        GeneratorHarness.Run(LocalFunction("Yield.Sleep(1); f(ref n); f += f; Yield.Sleep(1); f(ref n);").Replace("[|", "").Replace("|]", "")).AssertNoErrorsOrWarnings();

    /// <summary>A method group of the shared local's type in a statement split around a suspension, its value not kept: no second delegate type is needed.</summary>
    [Fact]
    public void A_local_function_coroutine_that_passes_a_method_group_of_such_a_shared_locals_type_compiles_warning_free() =>
        GeneratorHarness.Run(LocalFunction("Trace.Log($\"{Use(Bump, Later(1))}\"); f(ref n);").Replace("[|", "").Replace("|]", "")
            .Replace("public static void Run()", """
            private static int Later(int value)
            {
                Yield.Sleep(1);
                return value;
            }

            private static int Bump(ref int y) => y += 1;

            private static int Use<T>(T value, int times) => times;

            [Coroutine]
            public static void Run()
            """)).AssertNoErrorsOrWarnings(); // the [Coroutine] before Run() now marks Later

    private static string MessageOf(GeneratorRun run) =>
        run.AllDiagnosticsWithAnalyzers.First(d => d.Id == "COR0009").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
}
