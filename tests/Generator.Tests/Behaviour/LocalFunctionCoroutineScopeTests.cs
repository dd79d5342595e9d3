using System.Globalization;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Where a <c>[Coroutine]</c> local function sits and what it uses (issue 14, point 7): one in a
/// lambda or in another local function that captures nothing is a member of the containing type
/// like any other; one that captures inside a lambda or a local function that is not a coroutine
/// is refused, a limit of a source generator (COR0016 says why, and what to write instead: that
/// code runs a call of it as plain code, and the factory that could make its coroutine would be
/// a member of the user's type, which cannot reach the lambda's variables when the method is
/// called directly). The rewrite it suggests, a <c>[Coroutine]</c> local function in place of the
/// lambda, shares the variables exactly as C#'s <c>async</c> lambda does. (Local functions of the
/// method that it uses: LocalFunctionCoroutineHelperTests.)
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

    // The coroutine `Run` is what COR0016 tells to write for the lambda of its async twin: the lambda
    // as a [Coroutine] local function; `Plus` and `Bump` capture its parameter and locals (and the method's).
    private static readonly SharedProgram InPlaceOfALambda = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        [Coroutine]
        public static string Run(int n)
        {
            var log = "";
            var total = n;
            var first = Make(1);
            log += "|";
            Yield.Sleep(1);
            var second = Make(2); // a second invocation: variables of its own
            log += $"<{total}>";
            return first + "|" + second + "|" + total + " " + log;

            [Coroutine]
            string Make(int k)
            {
                int offset = k * 10;
                Plus(1);
                log += $"[{offset} {k}]"; // what Plus wrote, across its suspension
                offset += 100;
                Yield.Sleep(1);
                Plus(2); // reads what Make wrote, across Make's suspension
                for (int i = 0; i < 2; i++)
                {
                    int step = i + k; // one per iteration
                    Bump(1);
                    Bump(2);
                    log += $"({step})";

                    [Coroutine]
                    void Bump(int by)
                    {
                        step += by;
                        Yield.Sleep(by);
                        offset += step;
                        total++;
                        Trace.Log($"bump {by}: {step} {offset} {total}");
                    }
                }
                return $"{offset} {k}";

                [Coroutine]
                void Plus(int by)
                {
                    offset += by;
                    Yield.Sleep(by);
                    k += by;
                    total += offset;
                    Trace.Log($"plus {by}: {offset} {k} {total} {n}");
                }
            }
        }

        public static async Task<string> RunAsync(int n)
        {
            var log = "";
            var total = n;
            Func<int, Task<string>> make = async k =>
            {
                int offset = k * 10;
                await Plus(1);
                log += $"[{offset} {k}]";
                offset += 100;
                await Task.Yield();
                await Plus(2);
                for (int i = 0; i < 2; i++)
                {
                    int step = i + k;
                    await Bump(1);
                    await Bump(2);
                    log += $"({step})";

                    async Task Bump(int by)
                    {
                        step += by;
                        await Task.Yield();
                        offset += step;
                        total++;
                        Trace.Log($"bump {by}: {step} {offset} {total}");
                    }
                }
                return $"{offset} {k}";

                async Task Plus(int by)
                {
                    offset += by;
                    await Task.Yield();
                    k += by;
                    total += offset;
                    Trace.Log($"plus {by}: {offset} {k} {total} {n}");
                }
            };
            var first = await make(1);
            log += "|";
            await Task.Yield();
            var second = await make(2);
            log += $"<{total}>";
            return first + "|" + second + "|" + total + " " + log;
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

    /// <summary>
    /// The rewrite COR0016 suggests for a lambda (below) shares the variables as C#'s <c>async</c>
    /// lambda does: writes of each side seen by the other across suspensions, each invocation and
    /// each iteration of a loop inside with variables of its own.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_coroutine_local_function_in_place_of_a_lambda_shares_its_variables_as_an_async_lambda(int n)
    {
        AsyncTwin.Compare(InPlaceOfALambda, Programs.StaticType, "Run", n);
    }

    /// <summary>
    /// A limit of a source generator: inside a lambda that is not a coroutine, a call of the local
    /// function runs it as plain code, and the factory that could make its coroutine would be a
    /// member of the user's type, called by the lambda as written, which is what runs when the
    /// method is called directly: no member can reach the lambda's variables there.
    /// </summary>
    [Fact]
    public void One_capturing_a_variable_of_a_lambda_is_refused_as_a_limit_of_a_source_generator()
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
            """), "[Coroutine] is not supported on the local function 'Plus', which captures 'offset' inside a lambda, which is not a coroutine (a limit of a source generator: there a call of 'Plus' runs it as plain code, and only its factory could make its coroutine, as a member of 'Program' that the code of the lambda as written would call, and that code is also what runs when 'Run' is called directly, where no member can reach those variables): make 'Plus' static and pass 'offset' as parameters, or write the lambda as a [Coroutine] local function, which may share its variables with 'Plus'");
    }

    /// <summary>The same inside an anonymous method, capturing its parameter only.</summary>
    [Fact]
    public void One_capturing_a_parameter_of_an_anonymous_method_is_refused_as_a_limit_of_a_source_generator()
    {
        FiresWithMessage(Programs.Static("""
            [Coroutine]
            public static int Run(int n)
            {
                Func<int, int> make = delegate (int k)
                {
                    Func<int> plus = Plus;
                    return plus();

                    [Coroutine]
                    int [|Plus|]()
                    {
                        Yield.Sleep(1);
                        return k;
                    }
                };
                Yield.Sleep(1);
                return make(n);
            }
            """), "[Coroutine] is not supported on the local function 'Plus', which captures 'k' inside an anonymous method, which is not a coroutine (a limit of a source generator: there a call of 'Plus' runs it as plain code, and only its factory could make its coroutine, as a member of 'Program' that the code of the anonymous method as written would call, and that code is also what runs when 'Run' is called directly, where no member can reach those variables): make 'Plus' static and pass 'k' as parameters, or write the anonymous method as a [Coroutine] local function, which may share its variables with 'Plus'");
    }

    /// <summary>The same inside an ordinary local function: marking it [Coroutine] is the other way.</summary>
    [Fact]
    public void One_capturing_a_variable_of_a_local_function_that_captures_is_refused_as_a_limit_of_a_source_generator()
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
            """), "[Coroutine] is not supported on the local function 'Plus', which captures 'n', 'k' inside the local function 'Make', which is not a coroutine (a limit of a source generator: there a call of 'Plus' runs it as plain code, and only its factory could make its coroutine, as a member of 'Program' that the code of 'Make' as written would call, and that code is also what runs when 'Run' is called directly, where no member can reach those variables): make 'Plus' static and pass 'n', 'k' as parameters, or mark 'Make' [Coroutine], which may share its variables with 'Plus'");
    }

    private static void FiresWithMessage(string markup, string message)
    {
        var run = DiagnosticAssert.Fires("COR0016", DiagnosticSeverity.Error, markup);
        Assert.Contains(message, run.GeneratorDiagnostics.Select(static d => d.GetMessage(CultureInfo.InvariantCulture)));
    }
}
