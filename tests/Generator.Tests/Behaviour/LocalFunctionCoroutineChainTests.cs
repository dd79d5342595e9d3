using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A <c>[Coroutine]</c> local function inside a <c>[Coroutine]</c> local function that itself
/// shares the method's variables (issue 14): its state machine nests in the outer one's, nested
/// in the method's in turn, and reaches each variable through the chain of enclosing state
/// machines (<c>enclosing.seen</c>, <c>enclosing.enclosing.total</c>). Shared by reference as C#
/// shares them: writes of each level are seen by the others, across suspensions of any of them;
/// checked against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class LocalFunctionCoroutineChainTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        [Coroutine]
        public static string Run(int n)
        {
            int total = n;
            string log = "";
            var first = Outer(1);
            total *= 10;
            Yield.Sleep(1);
            log += $"<{total}>";
            return first + "|" + Outer(2) + "|" + total + " " + log;

            [Coroutine]
            string Outer(int k)
            {
                int seen = k + total;
                Inner(1);
                log += $"[{seen} {total}]";
                Yield.Sleep(2);
                seen += 100;
                Inner(k);
                return $"{seen} {k}";

                [Coroutine]
                void Inner(int by)
                {
                    for (int i = 0; i < by; i++)
                    {
                        seen += by;
                        total++;
                        Yield.Sleep(by);
                        log += seen + ":" + total + ";";
                        Bump();
                    }
                    k--;
                    Trace.Log($"inner {by}: {seen} {k} {total} {n}");
                }
            }

            [Coroutine]
            void Bump()
            {
                Yield.Sleep(1);
                total += 1000;
                Trace.Log($"bump {total}");
            }
        }

        public static async Task<string> RunAsync(int n)
        {
            int total = n;
            string log = "";
            var first = await Outer(1);
            total *= 10;
            await Task.Yield();
            log += $"<{total}>";
            return first + "|" + await Outer(2) + "|" + total + " " + log;

            async Task<string> Outer(int k)
            {
                int seen = k + total;
                await Inner(1);
                log += $"[{seen} {total}]";
                await Task.Yield();
                seen += 100;
                await Inner(k);
                return $"{seen} {k}";

                async Task Inner(int by)
                {
                    for (int i = 0; i < by; i++)
                    {
                        seen += by;
                        total++;
                        await Task.Yield();
                        log += seen + ":" + total + ";";
                        await Bump();
                    }
                    k--;
                    Trace.Log($"inner {by}: {seen} {k} {total} {n}");
                }
            }

            async Task Bump()
            {
                await Task.Yield();
                total += 1000;
                Trace.Log($"bump {total}");
            }
        }
        """));

    private static readonly SharedProgram Generic = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        [Coroutine]
        public static string Plain(int n)
        {
            return Wrap("a", n) + "|" + Wrap(n, 1);

            [Coroutine]
            static string Wrap<T>(T value, int k)
            {
                T held = default!;
                int seen = k;
                Inner(1);
                Inner(2);
                return $"{held} {seen}";

                [Coroutine]
                void Inner(int by)
                {
                    seen += by;
                    Yield.Sleep(by);
                    held = value;
                    Trace.Log($"inner {held} {seen} {typeof(T).Name}");
                }
            }
        }

        public static async Task<string> PlainAsync(int n)
        {
            return await Wrap("a", n) + "|" + await Wrap(n, 1);

            static async Task<string> Wrap<T>(T value, int k)
            {
                T held = default!;
                int seen = k;
                await Inner(1);
                await Inner(2);
                return $"{held} {seen}";

                async Task Inner(int by)
                {
                    seen += by;
                    await Task.Yield();
                    held = value;
                    Trace.Log($"inner {held} {seen} {typeof(T).Name}");
                }
            }
        }

        [Coroutine]
        public static string Sharing<T>(T first, int n)
        {
            T last = first;
            var log = Outer(n) + "," + Outer("b");
            Yield.Sleep(1);
            return log + " " + last;

            [Coroutine]
            string Outer<U>(U tag)
            {
                U kept = tag;
                int count = n;
                Inner();
                Yield.Sleep(1);
                Inner();
                return $"{kept}/{count}/{last}";

                [Coroutine]
                void Inner()
                {
                    count++;
                    Yield.Sleep(1);
                    last = first;
                    n++;
                    Trace.Log($"inner {kept} {count} {last} {n} {typeof(U).Name} {typeof(T).Name}");
                }
            }
        }

        public static async Task<string> SharingAsync<T>(T first, int n)
        {
            T last = first;
            var log = await Outer(n) + "," + await Outer("b");
            await Task.Yield();
            return log + " " + last;

            async Task<string> Outer<U>(U tag)
            {
                U kept = tag;
                int count = n;
                await Inner();
                await Task.Yield();
                await Inner();
                return $"{kept}/{count}/{last}";

                async Task Inner()
                {
                    count++;
                    await Task.Yield();
                    last = first;
                    n++;
                    Trace.Log($"inner {kept} {count} {last} {n} {typeof(U).Name} {typeof(T).Name}");
                }
            }
        }
        """));

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void One_inside_a_coroutine_local_function_that_shares_the_methods_variables_shares_both(int n) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Run", n);

    [Fact]
    public void One_inside_a_generic_coroutine_local_function_shares_its_variables() =>
        AsyncTwin.Compare(Generic, Programs.StaticType, "Plain", 3);

    [Fact]
    public void One_inside_a_generic_coroutine_local_function_of_a_generic_method_shares_both_levels() =>
        AsyncTwin.Compare(Generic, new OracleCase { Sources = [.. Generic.Sources], TypeName = Programs.StaticType, MethodName = "Sharing", MethodTypeArguments = [typeof(string)], Args = ["x", 4] });

    private static readonly SharedProgram Instance = new("""
        using System.Threading.Tasks;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public partial class Counter
        {
            private int _count = 5;

            private string Describe(int value) => $"#{value}/{_count}";

            [Coroutine]
            public string Run(int n)
            {
                var result = Outer(n);
                return result + " " + _count;

                [Coroutine]
                string Outer(int k)
                {
                    int seen = k + n;
                    Inner();
                    _count += seen;
                    Inner();
                    return Describe(seen);

                    [Coroutine]
                    void Inner()
                    {
                        Yield.Sleep(1);
                        seen += _count;
                        this._count++;
                        Trace.Log($"inner {seen} {Describe(n)}");
                    }
                }
            }

            public async Task<string> RunAsync(int n)
            {
                var result = await Outer(n);
                return result + " " + _count;

                async Task<string> Outer(int k)
                {
                    int seen = k + n;
                    await Inner();
                    _count += seen;
                    await Inner();
                    return Describe(seen);

                    async Task Inner()
                    {
                        await Task.Yield();
                        seen += _count;
                        this._count++;
                        Trace.Log($"inner {seen} {Describe(n)}");
                    }
                }
            }
        }
        """);

    [Fact]
    public void One_inside_a_coroutine_local_function_that_shares_the_methods_this_shares_it_too() =>
        AsyncTwin.Compare(Instance, new OracleCase { Sources = [.. Instance.Sources], TypeName = "Demo.Counter", MethodName = "Run", Args = [2] });
}
