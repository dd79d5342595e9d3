using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// The async twin (<see cref="RandomProgramGenerator.ToAsync"/>) of the forms of
/// <see cref="RandomProgramFeatures.ParityConstructs"/>: a struct coroutine on a nullable struct, on a
/// struct local, a <c>[Coroutine]</c> local function, an interface's coroutine and its explicit implementation.
/// </summary>
public sealed class RandomProgramParityTwinTests
{
    [Fact]
    public void The_async_twin_of_the_parity_forms_awaits_each_call_where_csharp_async_can()
    {
        const string source = """
            [Coroutine]
            public static int P000007_0(int n)
            {
                P000007_1S? v1 = n % 2 == 0 ? new P000007_1S(n) : null;
                Trace.Log("v1 " + v1?.P000007_1(acc + 1) + " " + v1?.F);
                var sv2 = new P000007_1S(n);
                int c2 = sv2.P000007_1(n + 0) + sv2.F;
                [Coroutine]
                static int P000007_0_lf3(int lx3)
                {
                    Yield.Sleep(lx3 & 1);
                    return lx3 * 2;
                }
                int c3 = P000007_0_lf3(n) - P000007_0_lf3(n + 1);
                IP000007_2D iw4 = new P000007_2D(n);
                int c4 = iw4.Stroll(n & 3);
                return acc;
            }
            public partial interface IP000007_2D
            {
                [Coroutine]
                int Stroll(int n);
            }
            public partial class P000007_2D : IP000007_2D
            {
                [Coroutine]
                int IP000007_2D.Stroll(int n)
                {
                    Yield.Sleep(n & 1);
                    return n + F;
                }
            }
            """;

        var twin = RandomProgramGenerator.ToAsync(source, ["P000007_0", "P000007_1", "P000007_2", "Walk", "Stroll", "P000007_0_lf3"]);

        Assert.Equal("""
            public static async global::System.Threading.Tasks.Task<int> P000007_0Async(int n)
            {
                P000007_1S? v1 = n % 2 == 0 ? new P000007_1S(n) : null;
                Trace.Log("v1 " + (v1 is null ? null : (int?)await v1.Value.P000007_1Async(acc + 1)) + " " + v1?.F);
                var sv2 = new P000007_1S(n);
                int c2 = await sv2.P000007_1Async(n + 0) + sv2.F;
                static async global::System.Threading.Tasks.Task<int> P000007_0_lf3Async(int lx3)
                {
                    await VirtualTime.Sleep(lx3 & 1);
                    return lx3 * 2;
                }
                int c3 = await P000007_0_lf3Async(n) - await P000007_0_lf3Async(n + 1);
                IP000007_2D iw4 = new P000007_2D(n);
                int c4 = await iw4.StrollAsync(n & 3);
                return acc;
            }
            public partial interface IP000007_2D
            {
                global::System.Threading.Tasks.Task<int> StrollAsync(int n);
            }
            public partial class P000007_2D : IP000007_2D
            {
                async global::System.Threading.Tasks.Task<int> IP000007_2D.StrollAsync(int n)
                {
                    await VirtualTime.Sleep(n & 1);
                    return n + F;
                }
            }
            """.ReplaceLineEndings("\n"), twin.ReplaceLineEndings("\n"));
    }
}
