using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type (its delegate type cannot be named) that captures a per-iteration variable of a loop
/// that suspends, as a branch of a <c>?:</c> that is a call's argument (<c>Array.ForEach(rows, c ? x =&gt; ... : x =&gt; ...)</c>):
/// the call is made through the closure environments as a whole, the condition evaluated in it, in C#'s order; parenthesized and
/// nested branches, a call with a value, a condition that suspends (spilled before the call). Each iteration keeps its own
/// variables and writes after the call are seen by the lambdas; against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class LambdaConditionalArgumentCaptureTests
{
    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        [Coroutine]
        private static int Fetch(int x)
        {
            Yield.Sleep(1);
            Trace.Log($"fetch {x}");
            return x;
        }

        private static async Task<int> FetchAsync(int x)
        {
            await Task.Yield();
            Trace.Log($"fetch {x}");
            return x;
        }

        private static int SumOf<T>(T[] items, Func<T, int> value)
        {
            var sum = 0;
            foreach (var item in items)
                sum += value(item);
            Trace.Log($"sum {sum}");
            return sum;
        }

        private static bool Test(string what, bool value)
        {
            Trace.Log($"test {what} {value}");
            return value;
        }

        [Coroutine]
        public static string Branches(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                Array.ForEach(rows, Test("each", copy % 2 == 0) ? x => later.Add(() => x.A + copy * 10) : x => later.Add(() => x.A * 100 + copy));
                var sum = SumOf(rows, Test("sum", copy > 0) ? (x => x.A + copy) : copy > 5 ? x => -copy : x => x.A * 1000 + copy);
                var spilled = SumOf(rows, Fetch(copy) > 1 ? x => x.A + copy * 7 : x => x.A - copy);
                Yield.Sleep(1);
                copy += 50;
                Trace.Log($"sum {sum} spilled {spilled} last {later[later.Count - 1]()}");
            }
            foreach (var item in Enumerable.Range(1, count))
            {
                Array.ForEach(rows, item > 1 ? x => later.Add(() => x.A * 3 + item) : x => later.Add(() => item));
                Yield.Sleep(1);
            }
            return string.Join(",", later.Select(f => f()));
        }

        public static async Task<string> BranchesAsync(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                Array.ForEach(rows, Test("each", copy % 2 == 0) ? x => later.Add(() => x.A + copy * 10) : x => later.Add(() => x.A * 100 + copy));
                var sum = SumOf(rows, Test("sum", copy > 0) ? (x => x.A + copy) : copy > 5 ? x => -copy : x => x.A * 1000 + copy);
                var spilled = SumOf(rows, await FetchAsync(copy) > 1 ? x => x.A + copy * 7 : x => x.A - copy);
                await Task.Yield();
                copy += 50;
                Trace.Log($"sum {sum} spilled {spilled} last {later[later.Count - 1]()}");
            }
            foreach (var item in Enumerable.Range(1, count))
            {
                Array.ForEach(rows, item > 1 ? x => later.Add(() => x.A * 3 + item) : x => later.Add(() => item));
                await Task.Yield();
            }
            return string.Join(",", later.Select(f => f()));
        }
        """));

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_lambda_in_a_conditional_argument_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Branches", count);
}
