using System.Globalization;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// An interface's [Coroutine] method implemented by a method a class inherits from a base class that
/// does not implement the interface (<c>class D : B, IRunner</c>): a non-virtual [Coroutine] <c>B.Run</c>
/// has a factory that returns its state machine and cannot implement the interface's factory (C# says
/// CS0738 about the generated member), so the generator implements it in a partial <c>D</c>; in a <c>D</c>
/// that is not partial, it says why and what to change (COR0016, at the interface in the base list); a
/// plain <c>B.Run</c> is COR0032. Behaviour/InheritedImplementationDispatchTests runs the supported forms.
/// </summary>
public sealed class InheritedImplementationTests
{
    private static string Program(string baseMethod, string derived = "public partial class") => $$"""
        {{Programs.Usings}}

        namespace Demo;

        public partial interface IRunner
        {
            [Coroutine]
            int Run(int laps);
        }

        public partial class B
        {
            {{baseMethod}}
        }

        {{derived}} D : B, [|IRunner|]
        {
        }
        """;

    [Fact]
    public void COR0016_a_non_virtual_coroutine_inherited_as_the_implementation_by_a_class_that_is_not_partial()
    {
        var run = DiagnosticAssert.Fires("COR0016", DiagnosticSeverity.Error, Program("""
            [Coroutine]
                public int Run(int laps)
                {
                    Yield.Sleep(laps);
                    return laps;
                }
            """, "public class"));
        Assert.Equal(
            "[Coroutine] is not supported on 'B.Run' as the implementation of 'IRunner.Run' for 'D': 'D' must implement the interface's factory 'IRunner.RunCoroutine' too, which the generator adds only to a partial class, " +
            "and 'B.RunCoroutine' cannot: it returns the state machine of 'B.Run', which is neither virtual nor an implementation of 'IRunner' in 'B'. " +
            "Declare 'D' (and the types around it) 'partial'. Or make 'B.Run' virtual. Or declare 'B' as implementing 'IRunner'",
            run.AllDiagnosticsWithAnalyzers.First(d => d.Id == "COR0016").GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_partial_class_implements_the_interface_factory_by_a_call_of_the_inherited_one()
    {
        var run = DiagnosticAssert.DoesNotFire(Program("""
            [Coroutine]
                public int Run(int laps)
                {
                    Yield.Sleep(laps);
                    return laps;
                }
            """).Replace("[|IRunner|]", "IRunner", System.StringComparison.Ordinal), DiagnosticsTests.AllIds);
        run.AssertNoErrorsOrWarnings();
        var source = run.GeneratedSource("Demo.D.InheritedFactories.g.cs");
        Assert.Contains("""
                    // 'B.Run', inherited, implements 'IRunner.Run' here; its factory returns its own state machine, so the interface's factory is implemented by a call of it: a call from a coroutine through the interface runs that state machine.
                    global::Coroutines.Coroutine<int> global::Demo.IRunner.RunCoroutine(int laps)
                        => RunCoroutine(laps);
            """, source, System.StringComparison.Ordinal);
    }

    [Fact]
    public void COR0032_a_plain_method_inherited_as_the_implementation_of_an_interface_coroutine()
    {
        var run = DiagnosticAssert.Fires("COR0032", DiagnosticSeverity.Error, Program("""
            public int Run(int laps) => laps;
            """));
        Assert.StartsWith(
            "'B.Run' implements, for 'D', coroutine 'IRunner.Run' but is not marked [Coroutine]",
            run.AllDiagnosticsWithAnalyzers.First(d => d.Id == "COR0032").GetMessage(CultureInfo.InvariantCulture));
    }
}
