using System.Globalization;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// COR0032 beyond a plain <c>override</c>: a plain <c>sealed override</c> of a coroutine is one too (a
/// coroutine calling the method through the base would run the base's state machine); a plain method
/// that hides a coroutine with <c>new</c> (also <c>new virtual</c>) overrides nothing, and a call through
/// the base still runs the base coroutine, as C# does: no diagnostic
/// (Behaviour/HidingDispatchTests runs it).
/// </summary>
public sealed class HidingAndSealedOverrideDiagnosticsTests
{
    private static string Program(string derived) => $$"""
        {{Programs.Usings}}

        namespace Demo;

        public partial class Animal
        {
            [Coroutine]
            public virtual int Speak(int times)
            {
                Yield.Sleep(times);
                return times;
            }
        }

        {{derived}}
        """;

    [Fact]
    public void COR0032_a_plain_sealed_override_of_a_coroutine()
    {
        var run = DiagnosticAssert.Fires("COR0032", DiagnosticSeverity.Error, Program("""
            public partial class Dog : Animal
            {
                public sealed override int [|Speak|](int times) => times + 1;
            }
            """));
        Assert.StartsWith(
            "'Dog.Speak' overrides coroutine 'Animal.Speak' but is not marked [Coroutine]",
            run.AllDiagnosticsWithAnalyzers.First(d => d.Id == "COR0032").GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void No_diagnostic_for_a_plain_method_hiding_a_coroutine_with_new()
    {
        DiagnosticAssert.DoesNotFire(Program("""
            public partial class Dog : Animal
            {
                public new int Speak(int times) => times + 1;
            }

            public partial class Cat : Animal
            {
                public new virtual int Speak(int times) => times + 2;
            }

            public partial class Kitten : Cat
            {
                public override int Speak(int times) => times + 3;
            }
            """), DiagnosticsTests.AllIds).AssertNoErrorsOrWarnings();
    }
}
