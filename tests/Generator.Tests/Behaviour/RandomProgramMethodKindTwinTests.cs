using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// The async twin (<see cref="RandomProgramGenerator.ToAsync"/>) of the forms of
/// <see cref="RandomProgramFeatures.MethodKindConstructs"/>: a generic coroutine and its calls with type arguments
/// inferred and written, named and <c>params</c> arguments, an override called through <c>this</c> and <c>base</c>,
/// a local function called in a loop, and the program's own suspension points (<c>Bell.Ring</c>, <c>Bell.Knock</c>).
/// </summary>
public sealed class RandomProgramMethodKindTwinTests
{
    [Fact]
    public void The_async_twin_of_the_method_kind_forms_awaits_each_call_and_suspension_point()
    {
        const string source = """
            [Coroutine]
            public static int P000007_0(int n)
            {
                int c1 = P000007_0_g1(n, P000007_1(n), acc) - P000007_0_g1<string>("s" + n, "s" + acc, n);
                int c2 = P000007_0_pa2(b: Pair(n, acc), a: P000007_1(n));
                [Coroutine]
                static int P000007_0_lf3(int lx3)
                {
                    Yield.Sleep(lx3 & 1);
                    return lx3;
                }
                for (int j3 = 0; j3 < 2; j3++)
                {
                    int c3 = P000007_0_lf3(j3 + n);
                }
                var bl4 = new Bell("bl4");
                bl4.Knock(n);
                int c4 = P000007_1(n) - bl4.Ring(acc);
                return acc;
            }
            [Coroutine]
            public static int P000007_0_g1<T>(T a, T b, int k)
                where T : IComparable<T>
            {
                Yield.Sleep(k & 1);
                return a.CompareTo(b);
            }
            [Coroutine]
            public static int P000007_0_pa2(int a, int b = 3, params int[] rest)
            {
                Yield.Sleep(a & 1);
                return a + b + rest.Length;
            }
            public partial class P000007_1D
            {
                [Coroutine]
                public override int Hop(int n)
                {
                    int b = base.Hop(n + 2);
                    return b + this.Hop(n) + base.Tour(n);
                }
            }
            """;

        var twin = RandomProgramGenerator.ToAsync(source, ["P000007_0", "P000007_1", "Hop", "Tour", "Ring", "Knock", "P000007_0_lf3", "P000007_0_g1", "P000007_0_pa2"]);

        Assert.Equal("""
            public static async global::System.Threading.Tasks.Task<int> P000007_0Async(int n)
            {
                int c1 = await P000007_0_g1Async(n, await P000007_1Async(n), acc) - await P000007_0_g1Async<string>("s" + n, "s" + acc, n);
                int c2 = await P000007_0_pa2Async(b: Pair(n, acc), a: await P000007_1Async(n));
                static async global::System.Threading.Tasks.Task<int> P000007_0_lf3Async(int lx3)
                {
                    await VirtualTime.Sleep(lx3 & 1);
                    return lx3;
                }
                for (int j3 = 0; j3 < 2; j3++)
                {
                    int c3 = await P000007_0_lf3Async(j3 + n);
                }
                var bl4 = new Bell("bl4");
                await bl4.KnockAsync(n);
                int c4 = await P000007_1Async(n) - await bl4.RingAsync(acc);
                return acc;
            }
            public static async global::System.Threading.Tasks.Task<int> P000007_0_g1Async<T>(T a, T b, int k)
                where T : IComparable<T>
            {
                await VirtualTime.Sleep(k & 1);
                return a.CompareTo(b);
            }
            public static async global::System.Threading.Tasks.Task<int> P000007_0_pa2Async(int a, int b = 3, params int[] rest)
            {
                await VirtualTime.Sleep(a & 1);
                return a + b + rest.Length;
            }
            public partial class P000007_1D
            {
                public override async global::System.Threading.Tasks.Task<int> HopAsync(int n)
                {
                    int b = await base.HopAsync(n + 2);
                    return b + await this.HopAsync(n) + await base.TourAsync(n);
                }
            }
            """.ReplaceLineEndings("\n"), twin.ReplaceLineEndings("\n"));
    }
}
