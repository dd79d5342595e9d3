using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace Coroutines.Generator.Tests;

/// <summary>The C# async oracle (<see cref="AsyncTwin"/>) on its own: it passes on a faithful twin and fails on one that differs.</summary>
public sealed class AsyncTwinSelfTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static("""
        [Coroutine]
        public static int Count(int n)
        {
            int total = 0;
            for (int i = 0; i < n; i++)
            {
                Yield.Sleep(1);
                total += i;
                Trace.Log($"step {i}");
            }
            return total;
        }

        public static async Task<int> CountAsync(int n)
        {
            int total = 0;
            for (int i = 0; i < n; i++)
            {
                await Task.Yield();
                total += i;
                Trace.Log($"step {i}");
            }
            return total;
        }

        [Coroutine]
        public static int Off(int n)
        {
            Yield.Sleep(1);
            Trace.Log("one");
            return n;
        }

        public static async Task<int> OffAsync(int n)
        {
            await Task.Yield();
            Trace.Log("one");
            return n + 1;
        }
        """));

    [Fact]
    public void A_faithful_twin_agrees()
    {
        var lines = AsyncTwin.Compare(Program, Programs.StaticType, "Count", 3).Lines;
        Assert.Equal(["1ms: step 0", "2ms: step 1", "3ms: step 2", "returned: 3"], lines.Take(4));
    }

    [Fact]
    public void A_twin_that_ends_differently_fails_the_test()
    {
        var failure = Assert.ThrowsAny<XunitException>(() => AsyncTwin.Compare(Program, Programs.StaticType, "Off", 4));
        Assert.Contains("differs from the C# async twin OffAsync", failure.Message, System.StringComparison.Ordinal);
    }
}
