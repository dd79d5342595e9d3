using System.Globalization;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// Diagnostics of virtual dispatch between coroutines: a call to a class's virtual coroutine is no
/// longer refused (its factory is virtual); an override of a coroutine that is not one is COR0032,
/// at the override (a coroutine calling the method would skip it); a [Coroutine] override that
/// never suspends gets no COR0010 (it must stay a coroutine for the dispatch).
/// </summary>
public sealed class OverrideDiagnosticsTests
{
    [Fact]
    public void COR0032_an_override_of_a_coroutine_that_is_not_a_coroutine()
    {
        var run = DiagnosticAssert.Fires("COR0032", DiagnosticSeverity.Error, $$"""
            {{Programs.Usings}}

            public partial class Animal
            {
                [Coroutine]
                public virtual int Speak(int times)
                {
                    Yield.Sleep(times);
                    return times;
                }
            }

            public partial class Dog : Animal
            {
                public override int [|Speak|](int times) => times + 1;
            }

            public partial class Puppy : Dog
            {
                [Coroutine]
                public override int Speak(int times)
                {
                    Yield.Sleep(1);
                    return times;
                }
            }

            public partial class OldDog : Dog
            {
                public sealed override int [|Speak|](int times) => 0;
            }
            """);
        Assert.Contains(
            "'Dog.Speak' overrides coroutine 'Animal.Speak' but is not marked [Coroutine], so a coroutine that calls 'Speak' would not run this method: it calls the generated factory, which only a [Coroutine] method provides. Mark 'Dog.Speak' with [Coroutine]",
            run.AllDiagnosticsWithAnalyzers.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void COR0032_an_implementation_of_an_interface_coroutine_that_is_not_a_coroutine()
    {
        var run = DiagnosticAssert.Fires("COR0032", DiagnosticSeverity.Error, $$"""
            {{Programs.Usings}}

            public partial interface IJob
            {
                [Coroutine]
                int Run(int n);

                [Coroutine]
                int Retry(int n)
                {
                    Yield.Sleep(n);
                    return n;
                }
            }

            public partial class Job : IJob
            {
                public int [|Run|](int n) => n;

                public int [|Retry|](int n) => n + 1;
            }

            public partial class Quiet : IJob
            {
                int IJob.[|Run|](int n) => 0;
            }
            """);
        Assert.Contains(
            "'Quiet.IJob.Run' implements coroutine 'IJob.Run' but is not marked [Coroutine], so a coroutine that calls 'Run' would not run this method: it calls the generated factory, which only a [Coroutine] method provides. Mark 'Quiet.IJob.Run' with [Coroutine]",
            run.AllDiagnosticsWithAnalyzers.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void COR0032_a_plain_override_of_an_abstract_coroutine()
    {
        DiagnosticAssert.Fires("COR0032", DiagnosticSeverity.Error, $$"""
            {{Programs.Usings}}

            public abstract partial class Shape
            {
                [Coroutine]
                public abstract int Draw(int size);
            }

            public partial class Square : Shape
            {
                public override int [|Draw|](int size) => size;
            }
            """);
    }

    /// <summary>An override whose base coroutine is not generated (its errors are reported) is not generated either (COR0023 at it): its factory would override nothing.</summary>
    [Fact]
    public void An_override_of_a_coroutine_with_errors_adds_no_error_in_generated_code()
    {
        var run = DiagnosticAssert.Fires("COR0025", DiagnosticSeverity.Error, $$"""
            {{Programs.Usings}}

            public partial class Animal
            {
                [Coroutine]
                public virtual int Speak(int times)
                {
                    [|await|] System.Threading.Tasks.Task.Yield();
                    return times;
                }
            }

            public partial class Dog : Animal
            {
                [Coroutine]
                public override int Speak(int times)
                {
                    Yield.Sleep(1);
                    return times;
                }
            }

            public partial interface IJob
            {
                [Coroutine]
                int Run(int n)
                {
                    [|await|] System.Threading.Tasks.Task.Yield();
                    return n;
                }
            }

            public partial class Job : IJob
            {
                [Coroutine]
                int IJob.Run(int n)
                {
                    Yield.Sleep(n);
                    return n;
                }
            }
            """);
        var messages = run.DiagnosticsById("COR0023").Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains(
            "'Animal.Speak' cannot be overridden or implemented by coroutine 'Speak': its own factory is not generated because of the errors reported on it (or on a coroutine it calls); fix those first",
            messages);
    }

    /// <summary>A static abstract interface member has no instance factory to implement: refused, the attribute goes on each implementation.</summary>
    [Fact]
    public void COR0005_static_abstract_interface_coroutine()
    {
        var run = DiagnosticAssert.Fires("COR0005", DiagnosticSeverity.Error, $$"""
            {{Programs.Usings}}

            public partial interface IFactory
            {
                [Coroutine]
                static abstract int [|Make|](int n);
            }
            """);
        Assert.Contains(
            "Coroutine 'Make' has no body (it is a static abstract interface member, which has no factory to implement; put [Coroutine] on each implementation): [Coroutine] goes on a method with a block or expression body",
            run.AllDiagnosticsWithAnalyzers.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Calls_to_virtual_coroutines_of_classes_are_not_refused_and_a_non_suspending_override_or_implementation_gets_no_COR0010()
    {
        DiagnosticAssert.DoesNotFire($$"""
            {{Programs.Usings}}

            public partial class Animal
            {
                [Coroutine]
                public virtual int Speak(int times)
                {
                    Yield.Sleep(times);
                    return times;
                }

                [Coroutine]
                public int Chorus(Animal other)
                {
                    var mine = Speak(2);
                    var theirs = other.Speak(3);
                    return mine + theirs;
                }
            }

            public partial class Dog : Animal
            {
                [Coroutine]
                public override int Speak(int times) => times + 1;

                [Coroutine]
                public int Yap(Dog dog) => dog.Speak(1) + base.Speak(2);
            }

            public partial interface IJob
            {
                [Coroutine]
                int Run(int n);
            }

            public partial class Job : IJob
            {
                [Coroutine]
                public int Run(int n) => n;
            }
            """, "COR0024", "COR0010", "COR0032").AssertNoErrorsOrWarnings();
    }
}
