using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// <c>[.. Iter("a"), F()]</c>: C# (and its <c>async</c>) enumerates a collection expression's spread where it
/// reaches it, before a later suspension; the coroutine enumerated it after the resume (an iterator's logs
/// came after the suspension, found by the random programs, seed 20261208, program 43). Against the direct
/// call and the C# <c>async</c> twin, with iterators that log and a list the suspension changes.
/// </summary>
public sealed class CollectionSpreadEnumerationTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        private static IEnumerable<int> Iter(string name, int count)
        {
            Trace.Log($"{name} starts");
            for (var i = 0; i < count; i++)
            {
                Trace.Log($"{name} yields {i}");
                yield return i;
            }
            Trace.Log($"{name} ends");
        }

        private static readonly List<int> Shared = new List<int>();

        [Coroutine]
        private static int Grow(int x)
        {
            Trace.Log($"grow {x}");
            Yield.Sleep(1);
            Shared.Add(x);
            return x * 10;
        }

        private static async Task<int> GrowAsync(int x)
        {
            Trace.Log($"grow {x}");
            await Task.Yield();
            Shared.Add(x);
            return x * 10;
        }

        [Coroutine]
        public static string Spreads(int count)
        {
            Shared.Clear();
            Shared.Add(count);
            List<int> list = [.. Iter("a", count), Grow(1), .. Iter("b", Grow(2) / 10)];
            int[] array = [count, .. Shared, Grow(3), .. Shared];
            IEnumerable<long> widened = [.. Iter("c", 2), Grow(4)];
            return $"{string.Join(",", list)} {string.Join(",", array)} {string.Join(",", widened)}";
        }

        public static async Task<string> SpreadsAsync(int count)
        {
            Shared.Clear();
            Shared.Add(count);
            List<int> list = [.. Iter("a", count), await GrowAsync(1), .. Iter("b", await GrowAsync(2) / 10)];
            int[] array = [count, .. Shared, await GrowAsync(3), .. Shared];
            IEnumerable<long> widened = [.. Iter("c", 2), await GrowAsync(4)];
            return $"{string.Join(",", list)} {string.Join(",", array)} {string.Join(",", widened)}";
        }
        """));

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_spread_before_a_suspension_is_enumerated_before_it(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Spreads", count);
}
