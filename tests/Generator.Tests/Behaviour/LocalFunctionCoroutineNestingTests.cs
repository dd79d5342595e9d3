using System.Globalization;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A <c>[Coroutine]</c> local function inside another that captures the outer one's variables
/// (issue 14, point 7): only a <c>[Coroutine]</c> method's variables are shared with its local
/// functions' state machines yet, so COR0016 names the outer coroutine and says what to write.
/// </summary>
public sealed class LocalFunctionCoroutineNestingTests
{
    [Fact]
    public void One_capturing_a_variable_of_a_coroutine_local_function_is_refused_naming_it()
    {
        var run = DiagnosticAssert.Fires("COR0016", DiagnosticSeverity.Error, Programs.Static("""
            [Coroutine]
            public static int Run(int n)
            {
                return Outer(n);

                [Coroutine]
                static int Outer(int k)
                {
                    int seen = k;
                    Inner();
                    return seen;

                    [Coroutine]
                    void [|Inner|]()
                    {
                        Yield.Sleep(1);
                        seen++;
                    }
                }
            }
            """));
        Assert.Contains(
            "[Coroutine] is not supported on the local function 'Inner', which captures 'seen' of the [Coroutine] local function 'Outer' (only the variables of a [Coroutine] method are shared with its local functions' state machines, not yet those of a local function's): make 'Inner' static and pass 'seen' as parameters",
            run.GeneratorDiagnostics.Select(static d => d.GetMessage(CultureInfo.InvariantCulture)));
    }
}
