using System.Globalization;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// A <c>var</c> local of a factory's call taking another factory's call and other arguments
/// (Behaviour/NestedFactoryVarOtherArgumentTests runs the typed ones): where the generator cannot tell
/// the type C# infers, COR0009 says from which argument, and to declare the type.
/// </summary>
public sealed class NestedFactoryVarOtherArgumentDiagnosticsTests
{
    private const string Factories = """
                [Coroutine]
                public static int Echo(int value)
                {
                    Yield.Sleep(1);
                    return value;
                }

                [Coroutine]
                public static int Count(int n)
                {
                    Yield.Sleep(2);
                    return n;
                }

                [Coroutine]
                public static T Make<T>(T first, Func<T> second) where T : Coroutine
                {
                    Yield.Await(first);
                    return second();
                }

                [Coroutine]
                public static T Pick<T>(T first, T second) where T : Coroutine
                {
                    Yield.Await(first);
                    return second;
                }

                [Coroutine]
                public static T From<T, U>(T first, U seed, Func<U, T> make) where T : Coroutine
                {
                    Yield.Await(first);
                    return make(seed);
                }

        """;

    [Fact]
    public void COR0009_names_the_different_classes_of_the_inner_calls()
    {
        // As C# infers no T from two unrelated classes (CS0411 at the call).
        var run = DiagnosticAssert.Fires("COR0009", DiagnosticSeverity.Error, Programs.Static(Factories + """
                [Coroutine]
                public static int Run()
                {
                    var [|picked|] = PickCoroutine(EchoCoroutine(5), CountCoroutine(1));
                    Yield.Sleep(1);
                    return 0;
                }
            """));
        Assert.Equal(
            "Local 'picked' cannot be kept in a field across a suspension: its type is not known before the generator runs (its initializer uses generated code: " +
            "C# infers no type argument 'T' of 'Pick' from the different classes of its inner factory calls ('global::Demo.Program.EchoStateMachine', 'global::Demo.Program.CountStateMachine')). Declare its type instead of 'var'",
            Message(run));
    }

    private static string Message(GeneratorRun run) =>
        run.AllDiagnosticsWithAnalyzers.First(d => d.Id == "COR0009").GetMessage(CultureInfo.InvariantCulture);
}
