using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// A local whose type is the delegate type C# made for a lambda is kept in a field of a delegate type the state machine
/// declares (Behaviour/UnnamedDelegateLocalTests). Where that would not mean the same (a value of the compiler's own type
/// flows in from an expression that does not convert, or a use needs that very type) or cannot be declared (a part of the
/// signature has no name either), COR0009 says why, at the local's declaration, and what to declare instead.
/// </summary>
public sealed class UnnamedDelegateLocalDiagnosticsTests
{
    private static string Program(string body) => $$"""
        {{Programs.Usings}}

        namespace Demo;

        public static partial class Program
        {
            private static T Pick<T>(T value) => value;

            private static T Same<T>(T first, T second) => first;

            [Coroutine]
            public static void Run()
            {
                int n = 1;
                {{body}}
            }
        }
        """;

    private const string Start = "Local 'f' cannot be kept in a field across a suspension: its type is the delegate type '<anonymous delegate>' that the compiler made for a lambda, which has no name in C#";

    private const string Fix = "Declare a delegate type of that signature (delegate int FDelegate(ref int arg);) and give 'f' that type instead of 'var'";

    [Theory]
    [InlineData("[|var f = Pick((ref int y) => y);|] Yield.Sleep(1); Trace.Log($\"{f(ref n)}\");",
                "; the state machine would keep it as a delegate type of the same signature, but its value comes from 'Pick((ref int y) => y)', of the compiler's own type, which does not convert to a declared one (line 18). " + Fix)]
    [InlineData("[|var f = (ref int y) => y;|] Yield.Sleep(1); { var g = (ref int y) => y * 2; g = f; Trace.Log($\"{g(ref n)}\"); }",
                "; the state machine would keep it as a delegate type of the same signature, but 'g = f' assigns it where the compiler's own type is needed (line 18). " + Fix)]
    [InlineData("[|var f = (ref int y) => y;|] Yield.Sleep(1); { var g = (ref int y) => y * 2; Trace.Log($\"{Same(g, f)(ref n)}\"); }",
                "; the state machine would keep it as a delegate type of the same signature, but 'Same(g, f)' infers a type argument from it and from 'g', of the compiler's own type (line 18). " + Fix)]
    [InlineData("[|var f = (ref int y) => y;|] Yield.Sleep(1); Trace.Log($\"{new[] { f }.Length}\");",
                "; the state machine would keep it as a delegate type of the same signature, but 'new[] { f }' uses it where the compiler's own type is needed (line 18). " + Fix)]
    [InlineData("[|var f = (ref int y) => y;|] Yield.Sleep(1); { var g = f; var h = (ref int y) => y * 2; h = g; Trace.Log($\"{h(ref n)}\"); }",
                "; the state machine would keep it as a delegate type of the same signature, but 'h = g' assigns it where the compiler's own type is needed (line 18). " + Fix)]
    public void COR0009_a_value_of_the_compilers_delegate_type_flows_in_or_out(string body, string message)
    {
        var run = DiagnosticAssert.Fires("COR0009", DiagnosticSeverity.Error, Program(body));
        Assert.Equal(Start + message, MessageOf(run));
    }

    [Fact]
    public void COR0009_a_signature_with_a_part_that_has_no_name_cannot_be_declared()
    {
        var run = DiagnosticAssert.Fires("COR0009", DiagnosticSeverity.Error, Program("[|var f = (ref int y) => new { A = y };|] Yield.Sleep(1); Trace.Log($\"{f(ref n).A}\");"));
        Assert.Equal(
            Start + ", and no delegate type of the same signature can be declared: its part '<anonymous type: int A>' has no name in C# either. Declare it inside a block that contains no suspension",
            MessageOf(run));
    }

    private static string MessageOf(GeneratorRun run) =>
        run.AllDiagnosticsWithAnalyzers.First(d => d.Id == "COR0009").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
}
