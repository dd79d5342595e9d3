using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A <c>[Coroutine]</c> local function inside another that captures the outer one's variables
/// (issue 14, point 7): when the outer one captures nothing (its state machine is a member of the
/// containing type, as a method's), the inner one's state machine nests in it and shares its
/// locals and parameters by reference, against the direct call and the C# <c>async</c> twin. When
/// the outer one itself shares the method's variables: LocalFunctionCoroutineChainTests.
/// </summary>
public sealed class LocalFunctionCoroutineNestingTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        [Coroutine]
        public static string Run(int n)
        {
            var first = Outer(n);
            Yield.Sleep(1);
            return first + "|" + Outer(n + 2);

            [Coroutine]
            static string Outer(int k)
            {
                int seen = k;
                string log = "";
                Inner(1);
                log += $"[{seen}]";
                Inner(2);
                return $"{seen} {k} {log}";

                [Coroutine]
                void Inner(int by)
                {
                    for (int i = 0; i < by; i++)
                    {
                        seen += by;
                        Yield.Sleep(by);
                        log += seen;
                    }
                    k--;
                    Trace.Log($"inner {by}: {seen} {k}");
                }
            }
        }

        public static async Task<string> RunAsync(int n)
        {
            var first = await Outer(n);
            await Task.Yield();
            return first + "|" + await Outer(n + 2);

            static async Task<string> Outer(int k)
            {
                int seen = k;
                string log = "";
                await Inner(1);
                log += $"[{seen}]";
                await Inner(2);
                return $"{seen} {k} {log}";

                async Task Inner(int by)
                {
                    for (int i = 0; i < by; i++)
                    {
                        seen += by;
                        await Task.Yield();
                        log += seen;
                    }
                    k--;
                    Trace.Log($"inner {by}: {seen} {k}");
                }
            }
        }
        """));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void One_inside_a_coroutine_local_function_that_captures_nothing_shares_its_variables(int n) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Run", n);
}
