using System.Globalization;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Binding;

/// <summary>
/// COR0031 on a <c>[Coroutine(Saveable = true)]</c> local function (Binding/SaveabilityCheck), at
/// its name: one that shares the variables of a coroutine that is not saveable (they are fields
/// of that coroutine's state machine, saved only with its frame), and one of a generic method (its
/// state machine is generic over the method's type parameters; the method gets one too). The round trip of the saveable
/// ones: tests/Runtime.Tests/Snapshots/LocalFunctionSnapshotTests.cs.
/// </summary>
public sealed class LocalFunctionSaveabilityTests
{
    [Fact]
    public void COR0031_one_sharing_the_variables_of_a_coroutine_that_is_not_saveable()
    {
        var run = DiagnosticAssert.Fires("COR0031", DiagnosticSeverity.Error, Programs.Static("""
            [Coroutine]
            public static int Run(int n)
            {
                int total = 0;
                Add(n);
                return total;

                [Coroutine(Saveable = true)]
                void [|Add|](int times)
                {
                    Yield.Sleep(times);
                    total += times;
                }
            }
            """));
        Assert.Equal(
            "Coroutine 'Add' cannot be saveable: it shares the variables of 'Run', which its state machine holds, and 'Run' is not saveable. Remove 'Saveable = true', or mark 'Run' [Coroutine(Saveable = true)] too",
            Assert.Single(run.DiagnosticsById("COR0031")).GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void COR0031_one_of_a_generic_method()
    {
        var run = DiagnosticAssert.Fires("COR0031", DiagnosticSeverity.Error, Programs.Static("""
            [Coroutine(Saveable = true)]
            public static int [|Run|]<T>(T item)
            {
                return Wait(1);

                [Coroutine(Saveable = true)]
                static int [|Wait|](int ms)
                {
                    Yield.Sleep(ms);
                    return ms + typeof(T).Name.Length;
                }
            }
            """));
        Assert.Contains("Coroutine 'Wait' cannot be saveable: it or a method or type around it is generic",
            run.DiagnosticsById("COR0031").Select(static d => d.GetMessage(CultureInfo.InvariantCulture)).First(m => m.Contains("'Wait'", System.StringComparison.Ordinal)), System.StringComparison.Ordinal);
    }
}
