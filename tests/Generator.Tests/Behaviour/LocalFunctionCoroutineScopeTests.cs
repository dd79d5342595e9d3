using System.Globalization;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Where a <c>[Coroutine]</c> local function sits and what it uses (issue 14, point 7): one in a
/// lambda or in another local function that captures nothing is a member of the containing type
/// like any other; one that captures the variables of a lambda or a local function is refused
/// (COR0016) with what to write instead. (Local functions of the method that it uses:
/// LocalFunctionCoroutineHelperTests.)
/// </summary>
public sealed class LocalFunctionCoroutineScopeTests
{
    private static readonly SharedProgram Program = new(Programs.Static(Programs.TestTypes + """
        [Coroutine]
        public static int InLambdaAndLocalFunction(int n)
        {
            Func<int, Coroutine<int>> make = k =>
            {
                _ = (Func<int, int>)Twice; // used as a delegate, not only through its factory (CS8321)
                return TwiceCoroutine(k);

                [Coroutine]
                static int Twice(int x)
                {
                    Yield.Sleep(x);
                    Trace.Log($"twice {x}");
                    return x * 2;
                }
            };
            var first = Yield.Await(make(n));
            Yield.Sleep(1);
            return first + Yield.Await(Helper(n + 1));

            Coroutine<int> Helper(int m)
            {
                Trace.Log($"helper {m}");
                _ = (Func<int, int>)Thrice;
                return ThriceCoroutine(m + n);

                [Coroutine]
                int Thrice(int x) // in a local function that captures, but capturing nothing itself
                {
                    Yield.Sleep(x);
                    Trace.Log($"thrice {x}");
                    return x * 3;
                }
            }
        }
        """));

    /// <summary>
    /// One in a lambda and one in an ordinary local function, capturing nothing: made by their
    /// factories there (a direct call of the second runs it as plain code, as for a method).
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Local_functions_in_a_lambda_and_in_a_local_function_that_capture_nothing(int n)
    {
        Program.Compare(Programs.StaticType, "InLambdaAndLocalFunction", n);
    }

    [Fact]
    public void One_capturing_a_variable_of_a_lambda_is_refused()
    {
        FiresWithMessage(Programs.Static("""
            [Coroutine]
            public static int Run(int n)
            {
                Func<int, int> make = k =>
                {
                    int offset = k + 1;
                    Func<int, int> plus = Plus;
                    return plus(k);

                    [Coroutine]
                    int [|Plus|](int x)
                    {
                        Yield.Sleep(x);
                        return x + offset;
                    }
                };
                Yield.Sleep(1);
                return make(n);
            }
            """), "[Coroutine] is not supported on the local function 'Plus', which captures 'offset' of a lambda or local function that is not a coroutine (they are locals of the compiler's closure, which no state machine holds, so the local function's cannot share them): make 'Plus' static and pass 'offset' as parameters");
    }

    [Fact]
    public void One_capturing_a_variable_of_a_local_function_that_captures_is_refused()
    {
        FiresWithMessage(Programs.Static("""
            [Coroutine]
            public static int Run(int n)
            {
                Yield.Sleep(1);
                return Make(n);

                int Make(int k)
                {
                    Func<int, int> plus = Plus;
                    return plus(k);

                    [Coroutine]
                    int [|Plus|](int x)
                    {
                        Yield.Sleep(x);
                        return x + n + k;
                    }
                }
            }
            """), "[Coroutine] is not supported on the local function 'Plus', which captures 'n', 'k' of a lambda or local function that is not a coroutine (they are locals of the compiler's closure, which no state machine holds, so the local function's cannot share them): make 'Plus' static and pass 'n', 'k' as parameters");
    }

    private static void FiresWithMessage(string markup, string message)
    {
        var run = DiagnosticAssert.Fires("COR0016", DiagnosticSeverity.Error, markup);
        Assert.Contains(message, run.GeneratorDiagnostics.Select(static d => d.GetMessage(CultureInfo.InvariantCulture)));
    }
}
