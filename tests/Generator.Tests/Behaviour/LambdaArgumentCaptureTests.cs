using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type (its delegate type cannot be named, its parameters are not
/// typed) that captures a per-iteration variable of a loop that suspends, as an argument of a
/// call made through the closure environments as a whole: a call with no value
/// (<c>Array.ForEach</c>, run through them), a call of a <c>?.</c> chain (the chain made through
/// them; of a chain that suspends, the call under the spilled null test), a call that declares variables (<c>out var</c>, a pattern variable: those read after it
/// live in fields, per iteration when a closure captures them), a call of a coroutine (void too: its
/// factory's call has a value, made through them, then waited for). Each iteration keeps its own
/// variables, writes after the call are seen by the lambdas, and lambdas stored during the loop
/// are called after later iterations; against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class LambdaArgumentCaptureTests
{
    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        [Coroutine]
        private static void EachLater<T>(T[] items, Action<T> action)
        {
            Yield.Sleep(1);
            Array.ForEach(items, action);
        }

        private static async Task EachLaterAsync<T>(T[] items, Action<T> action)
        {
            await Task.Yield();
            Array.ForEach(items, action);
        }

        [Coroutine]
        private static int SumLater<T>(T[] items, Func<T, int> value)
        {
            Yield.Sleep(1);
            var sum = 0;
            foreach (var item in items)
                sum += value(item);
            return sum;
        }

        private static async Task<int> SumLaterAsync<T>(T[] items, Func<T, int> value)
        {
            await Task.Yield();
            var sum = 0;
            foreach (var item in items)
                sum += value(item);
            return sum;
        }

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

        private static int SumOf<T>(bool ok, T[] items, Func<T, int> value)
        {
            var sum = 0;
            foreach (var item in items)
                sum += value(item);
            Trace.Log($"sum {ok} {sum}");
            return sum;
        }

        private static void Each<T>(bool ok, T[] items, Action<T> action)
        {
            Trace.Log($"each {ok}");
            Array.ForEach(items, action);
        }

        [Coroutine]
        public static string VoidCalls(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var later = new List<Func<int>>();
            var list = rows.ToList();
            for (int i = 0; i < count; i++)
            {
                int copy = i * 10;
                Array.ForEach(rows, x => Trace.Log($"each {x.A + copy}"));
                list.ForEach(x => later.Add(() => x.A + copy));
                Yield.Sleep(1);
                copy++;
                Trace.Log($"after {later[later.Count - 1]()}");
            }
            foreach (var item in Enumerable.Range(1, count))
            {
                Array.ForEach(rows, x => later.Add(() => x.A * 100 + item));
                Yield.Sleep(1);
            }
            return string.Join(",", later.Select(f => f()));
        }

        public static async Task<string> VoidCallsAsync(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var later = new List<Func<int>>();
            var list = rows.ToList();
            for (int i = 0; i < count; i++)
            {
                int copy = i * 10;
                Array.ForEach(rows, x => Trace.Log($"each {x.A + copy}"));
                list.ForEach(x => later.Add(() => x.A + copy));
                await Task.Yield();
                copy++;
                Trace.Log($"after {later[later.Count - 1]()}");
            }
            foreach (var item in Enumerable.Range(1, count))
            {
                Array.ForEach(rows, x => later.Add(() => x.A * 100 + item));
                await Task.Yield();
            }
            return string.Join(",", later.Select(f => f()));
        }

        [Coroutine]
        public static string ConditionalCalls(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var list = rows.ToList();
            var none = count > 100 ? list : null;
            var later = new List<Func<int>>();
            var lazies = new List<IEnumerable<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                var maybe = i % 2 == 0 ? list : null;
                maybe?.ForEach(x => later.Add(() => x.A + copy * 10));
                int? sum = maybe?.Select(x => x.A + copy).Sum();
                var lazy = maybe?.Select(x => x.A * 100 + copy);
                var names = maybe?.Select(x => new { x.A, copy }).ToList()?.Select(p => $"{p.A}/{p.copy}");
                none?.ForEach(x => Trace.Log("never " + copy));
                maybe?.ToList().ForEach(x => later.Add(() => x.A + copy * 100));
                var grid = maybe is null ? null : new[] { rows };
                var firsts = grid?[0].Select(x => x.A * 10 + copy).ToList();
                var taken = maybe?.Select(x => x.A * 1000 + copy).Take(Fetch(1));
                int? spilled = maybe?.Select(x => x.A + copy).Sum() + Fetch(copy);
                if (taken is not null)
                    lazies.Add(taken);
                Yield.Sleep(1);
                copy += 5;
                Trace.Log($"firsts {(firsts is null ? "null" : string.Join(",", firsts))} sum {sum} spilled {spilled} lazy {(lazy is null ? "null" : string.Join(",", lazy))} names {(names is null ? "null" : string.Join(",", names))}");
            }
            return string.Join(",", later.Select(f => f())) + " " + string.Join(" ", lazies.Select(l => string.Join(",", l)));
        }

        public static async Task<string> ConditionalCallsAsync(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var list = rows.ToList();
            var none = count > 100 ? list : null;
            var later = new List<Func<int>>();
            var lazies = new List<IEnumerable<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                var maybe = i % 2 == 0 ? list : null;
                maybe?.ForEach(x => later.Add(() => x.A + copy * 10));
                int? sum = maybe?.Select(x => x.A + copy).Sum();
                var lazy = maybe?.Select(x => x.A * 100 + copy);
                var names = maybe?.Select(x => new { x.A, copy }).ToList()?.Select(p => $"{p.A}/{p.copy}");
                none?.ForEach(x => Trace.Log("never " + copy));
                maybe?.ToList().ForEach(x => later.Add(() => x.A + copy * 100));
                var grid = maybe is null ? null : new[] { rows };
                var firsts = grid?[0].Select(x => x.A * 10 + copy).ToList();
                var taken = maybe?.Select(x => x.A * 1000 + copy).Take(await FetchAsync(1));
                int? spilled = maybe?.Select(x => x.A + copy).Sum() + await FetchAsync(copy);
                if (taken is not null)
                    lazies.Add(taken);
                await Task.Yield();
                copy += 5;
                Trace.Log($"firsts {(firsts is null ? "null" : string.Join(",", firsts))} sum {sum} spilled {spilled} lazy {(lazy is null ? "null" : string.Join(",", lazy))} names {(names is null ? "null" : string.Join(",", names))}");
            }
            return string.Join(",", later.Select(f => f())) + " " + string.Join(" ", lazies.Select(l => string.Join(",", l)));
        }

        [Coroutine]
        public static string DeclaringCalls(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var later = new List<Func<int>>();
            object box = count;
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                var total = SumOf(int.TryParse("4" + i, out var parsed), rows, x => x.A + copy + parsed);
                Each(box is int k && k > 1, rows, x => Trace.Log($"each {x.A + copy}"));
                k = copy * 3;
                later.Add(() => k);
                Array.ForEach(rows, x => later.Add(() => x.A + parsed + copy + (box is int b ? b : 0)));
                SumOf(int.TryParse("x" + i, out var inside), rows, x => x.A + inside + copy);
                if (copy >= 0)
                {
                    var kept = SumOf(int.TryParse("7" + i, out var inBlock), rows, x => x.A + copy);
                    Trace.Log($"in block {inBlock} {kept}");
                    int declared = 0;
                    SumOf(int.TryParse("8" + i, out declared), rows, x => x.A + copy + declared);
                    later.Add(() => declared * 1000 + kept);
                    declared++;
                }
                Yield.Sleep(1);
                parsed++;
                copy++;
                Trace.Log($"parsed {parsed} k {k} total {total} last {later[later.Count - 1]()}");
            }
            return string.Join(",", later.Select(f => f()));
        }

        public static async Task<string> DeclaringCallsAsync(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var later = new List<Func<int>>();
            object box = count;
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                var total = SumOf(int.TryParse("4" + i, out var parsed), rows, x => x.A + copy + parsed);
                Each(box is int k && k > 1, rows, x => Trace.Log($"each {x.A + copy}"));
                k = copy * 3;
                later.Add(() => k);
                Array.ForEach(rows, x => later.Add(() => x.A + parsed + copy + (box is int b ? b : 0)));
                SumOf(int.TryParse("x" + i, out var inside), rows, x => x.A + inside + copy);
                if (copy >= 0)
                {
                    var kept = SumOf(int.TryParse("7" + i, out var inBlock), rows, x => x.A + copy);
                    Trace.Log($"in block {inBlock} {kept}");
                    int declared = 0;
                    SumOf(int.TryParse("8" + i, out declared), rows, x => x.A + copy + declared);
                    later.Add(() => declared * 1000 + kept);
                    declared++;
                }
                await Task.Yield();
                parsed++;
                copy++;
                Trace.Log($"parsed {parsed} k {k} total {total} last {later[later.Count - 1]()}");
            }
            return string.Join(",", later.Select(f => f()));
        }

        [Coroutine]
        public static string SuspendingCalls(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                EachLater(rows, x => later.Add(() => x.A + copy * 10));
                var sum = SumLater(rows, x => x.A + copy);
                copy += 100;
                Trace.Log($"sum {sum}");
            }
            return string.Join(",", later.Select(f => f()));
        }

        public static async Task<string> SuspendingCallsAsync(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                await EachLaterAsync(rows, x => later.Add(() => x.A + copy * 10));
                var sum = await SumLaterAsync(rows, x => x.A + copy);
                copy += 100;
                Trace.Log($"sum {sum}");
            }
            return string.Join(",", later.Select(f => f()));
        }

        """));

    private static void Compare(string method, params object?[] args) => AsyncTwin.Compare(Program, Programs.StaticType, method, args);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_call_with_no_value_keeps_each_iterations_variable(int count)
    {
        Compare("VoidCalls", count);
        Assert.Contains(Program.Program.Run.GeneratedSources.Values, static text => text.Contains("closure1.Run(captured1 => Array.ForEach(", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_conditional_call_is_made_through_the_environment_as_a_whole(int count) => Compare("ConditionalCalls", count);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Variables_a_call_declares_are_in_scope_after_it_and_new_each_iteration(int count) => Compare("DeclaringCalls", count);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_lambda_given_to_a_coroutine_keeps_its_iteration(int count) => Compare("SuspendingCalls", count);
}
