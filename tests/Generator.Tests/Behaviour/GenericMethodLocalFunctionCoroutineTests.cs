using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests for <c>[Coroutine]</c> local functions of a generic method (issue 14, point 7): one
/// that captures nothing is a member of the containing type generic over the method's type
/// parameters before its own (each call writes them out); one that captures is nested in the
/// method's state machine, which is generic over them. Each runs against the direct call and
/// against its C# <c>async</c> twin (<see cref="AsyncTwin"/>).
/// </summary>
public sealed class GenericMethodLocalFunctionCoroutineTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        [Coroutine]
        public static string Wraps(int n)
        {
            var text = Wrap<string>("w", n);
            Yield.Sleep(1);
            var number = Wrap<int>(7, n + 1);
            return text + " | " + number;
        }

        public static async Task<string> WrapsAsync(int n)
        {
            var text = await WrapAsync<string>("w", n);
            await Task.Yield();
            var number = await WrapAsync<int>(7, n + 1);
            return text + " | " + number;
        }

        [Coroutine]
        public static string Wrap<T>(T value, int n) where T : notnull
        {
            int count = 0;
            var label = Describe(value);
            var pair = Pair<long>(value, n * 10L, n);
            Bump(n);
            Trace.Log($"after bump {count}");
            return $"{label} {pair.Item1}/{pair.Item2} {count} {Last(new List<T> { value, value })}";

            [Coroutine]
            static string Describe(T x)
            {
                Yield.Sleep(1);
                Trace.Log($"describe {x}");
                return x + "!";
            }

            [Coroutine]
            static (T, U) Pair<U>(T x, U y, int depth)
            {
                if (depth <= 0)
                {
                    return (x, y);
                }
                Yield.Sleep(depth);
                Trace.Log($"pair {x} {y} {depth}");
                return Pair<U>(x, y, depth - 1);
            }

            [Coroutine]
            void Bump(int times)
            {
                for (int i = 0; i < times; i++)
                {
                    count++;
                    Yield.Sleep(1);
                    Trace.Log($"bump {value} {count}");
                }
            }

            [Coroutine]
            T Last(List<T> items)
            {
                Yield.Sleep(1);
                count += items.Count;
                return items[items.Count - 1];
            }
        }

        public static async Task<string> WrapAsync<T>(T value, int n) where T : notnull
        {
            int count = 0;
            var label = await Describe(value);
            var pair = await Pair<long>(value, n * 10L, n);
            await Bump(n);
            Trace.Log($"after bump {count}");
            return $"{label} {pair.Item1}/{pair.Item2} {count} {await Last(new List<T> { value, value })}";

            static async Task<string> Describe(T x)
            {
                await Task.Yield();
                Trace.Log($"describe {x}");
                return x + "!";
            }

            static async Task<(T, U)> Pair<U>(T x, U y, int depth)
            {
                if (depth <= 0)
                {
                    return (x, y);
                }
                await Task.Yield();
                Trace.Log($"pair {x} {y} {depth}");
                return await Pair<U>(x, y, depth - 1);
            }

            async Task Bump(int times)
            {
                for (int i = 0; i < times; i++)
                {
                    count++;
                    await Task.Yield();
                    Trace.Log($"bump {value} {count}");
                }
            }

            async Task<T> Last(List<T> items)
            {
                await Task.Yield();
                count += items.Count;
                return items[items.Count - 1];
            }
        }

        // An ordinary generic method: it makes its local function's coroutine with the factory, naming the method's type argument.
        public static Coroutine<string> MakeJoin<T>(T first, T second)
        {
            Trace.Log($"called directly, it runs to its end: {Join(first, first)}");
            return JoinCoroutine<T>(first, second);

            [Coroutine]
            static string Join(T a, T b)
            {
                Yield.Sleep(2);
                Trace.Log($"join {a}");
                return $"{a}+{b}";
            }
        }

        [Coroutine]
        public static string WaitForJoin(int n)
        {
            var join = MakeJoin(n, n + 1);
            Trace.Log("waiting");
            return Yield.Await(join) + ";" + Yield.Await(MakeJoin("a", "b"));
        }
        """));

    /// <summary>
    /// In a generic coroutine, for two type arguments: static local functions using the method's
    /// type parameter (one generic itself and recursive, called with its type argument written or
    /// inferred), and non-static ones that capture a local and a parameter of type <c>T</c>.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Local_functions_of_a_generic_coroutine_use_its_type_parameters(int n)
    {
        AsyncTwin.Compare(Program, Programs.StaticType, "Wraps", n);
    }

    /// <summary>An ordinary generic method makes its local function's coroutine with the factory, generic over the method's type parameters.</summary>
    [Fact]
    public void An_ordinary_generic_method_makes_its_local_functions_coroutine_with_the_factory()
    {
        Program.Compare(Programs.StaticType, "WaitForJoin", 3);
    }
}
