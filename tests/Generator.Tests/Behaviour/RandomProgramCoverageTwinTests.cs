using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// The async twin (<see cref="RandomProgramGenerator.ToAsync"/>) of the forms of
/// <see cref="RandomProgramFeatures.NullableStructChainParts"/>: a struct coroutine called on a nullable struct
/// field of a nullable holder (<c>h?.NS?.M(x)</c>) and on a struct field or property of it (<c>h?.S.M(x)</c>).
/// </summary>
public sealed class RandomProgramCoverageTwinTests
{
    [Fact]
    public void The_async_twin_of_a_struct_coroutine_on_a_part_of_a_longer_chain_awaits_it_when_each_receiver_is_not_null()
    {
        const string source = """
            [Coroutine]
            public static int P000007_0(int n)
            {
                P000007_1SHolder? h1 = n % 3 == 2 ? null : new P000007_1SHolder(n);
                Trace.Log("h1 " + h1?.NS?.P000007_1(n + 1) + " " + n);
                Trace.Log("h2 " + h1?.S.P000007_1(acc + 0) + " " + h1?.P.P000007_1(n));
                return acc;
            }
            """;

        var twin = RandomProgramGenerator.ToAsync(source, ["P000007_0", "P000007_1"]);

        Assert.Equal("""
            public static async global::System.Threading.Tasks.Task<int> P000007_0Async(int n)
            {
                P000007_1SHolder? h1 = n % 3 == 2 ? null : new P000007_1SHolder(n);
                Trace.Log("h1 " + (h1?.NS is null ? null : (int?)await h1.NS.Value.P000007_1Async(n + 1)) + " " + n);
                Trace.Log("h2 " + (h1 is null ? null : (int?)await h1.S.P000007_1Async(acc + 0)) + " " + (h1 is null ? null : (int?)await h1.P.P000007_1Async(n)));
                return acc;
            }
            """.ReplaceLineEndings("\n"), twin.ReplaceLineEndings("\n"));
    }
}
