using System;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type (its delegate type cannot be named, its parameters are not typed) that captures a
/// per-iteration variable of a loop that suspends, assigned rather than passed: to an array element, a property, a field
/// (<c>??=</c>), an event (<c>+=</c>), a hoisted local, a per-iteration local that a closure captures, as a <c>?:</c> branch,
/// its value used (also kept across a later suspension of the same expression), its index or condition suspending. The whole assignment is made through the closure environments (<c>closure1.Run(captured1 =&gt; slots[i] = x =&gt; ...)</c>),
/// so C#'s order holds: the left side's receiver, then its index, then the store (an index out of range throws after both).
/// Also a variable that such a call declares (<c>out var</c>, a pattern variable) in a block that does not suspend, read after
/// the call and captured by a closure: it lives in an environment of that block, made at its start.
/// Each iteration keeps its own variables; against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class LambdaAssignmentCaptureTests
{
    private const string Helpers = """
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

        private static Func<T, int>[] Readers<T>(T sample) => new Func<T, int>[2];

        private static Func<T, int> Pick<T>(Func<T, int> value, int fetched)
        {
            Trace.Log($"pick {fetched}");
            return value;
        }

        private static void Each<T>(bool ok, T[] items, Action<T> action)
        {
            Trace.Log($"each {ok}");
            Array.ForEach(items, action);
        }

        """;

    // The coroutines; each one's C# async twin is made from its text (a sleep becomes `await Task.Yield()`, a call of
    // Fetch awaits FetchAsync): the same body, compiled by C# itself.
    private const string Coroutines = """
        [Coroutine]
        public static string Assigned(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var box = BoxOf(rows[0]);
            var results = new List<int>();
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                Receiver("element", slots)[Index("element", i % 2)] = x => x.A + copy * 10;
                Receiver("property", box).Slot = Test("branch", copy % 2 == 0) ? x => x.A * 100 + copy : (x => -copy);
                box.Plain ??= x => x.A + copy * 1000;
                box.Changed += x => later.Add(() => x.A + copy);
                var made = slots[Index("value", 0)] = x => x.A * 7 + copy;
                results.Add(made(rows[1]));
                try
                {
                    Receiver("far", slots)[Index("far", 2 + copy)] = x => x.A + copy;
                }
                catch (IndexOutOfRangeException)
                {
                    Trace.Log("out of range");
                }
                Yield.Sleep(1);
                copy += 100;
                results.Add(slots[0](rows[0]) + slots[1](rows[1]) + box.Slot!(rows[0]));
            }
            foreach (var item in Enumerable.Range(1, count))
            {
                slots[item % 2] = x => x.A * item;
                Yield.Sleep(1);
            }
            box.Raise(rows[1]);
            results.Add(box.Plain!(rows[0]));
            results.AddRange(slots.Select(s => s(rows[1])));
            results.AddRange(later.Select(f => f()));
            return string.Join(",", results);
        }

        [Coroutine]
        public static string Suspending(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var box = BoxOf(rows[0]);
            var kept = slots[0];
            var results = new List<int>();
            var reads = new List<Func<int>>();
            kept = x => x.A * 2;
            Yield.Sleep(1);
            results.Add(kept(rows[1]));
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                var reader = kept;
                reader = x => x.A + copy * 13;
                reads.Add(() => reader(rows[0]));
                Receiver("spilled", slots)[Fetch(copy) % 2] = x => x.A + copy * 3;
                Receiver("spilled", box).Slot = Fetch(copy + 1) > 1 ? x => x.A + copy * 5 : x => x.A - copy;
                kept = x => x.A * 11 + copy;
                results.Add(Pick(slots[1] = x => x.A + copy * 17, Fetch(copy + 2))(rows[0]));
                Yield.Sleep(1);
                copy += 100;
                results.Add(slots[i % 2](rows[0]) + box.Slot!(rows[1]) + kept(rows[0]) + reader(rows[1]));
            }
            results.AddRange(slots.Select(s => s is null ? -1 : s(rows[1])));
            results.AddRange(reads.Select(r => r()));
            return string.Join(",", results);
        }

        [Coroutine]
        public static string DeclaredInAKeptBlock(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                if (copy >= 0)
                {
                    // This block does not suspend: it is kept as written, and its environment is made at its start.
                    Array.ForEach(new[] { new { A = int.TryParse((copy * 3).ToString(), out var parsed) ? 1 : 0 } }, x => later.Add(() => x.A + copy));
                    Each(copy * 2 is var doubled, rows, x => later.Add(() => x.A * doubled));
                    later.Add(() => parsed + doubled * 10);
                    parsed++;
                }
                Yield.Sleep(1);
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()));
        }
        """;

    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(
        Programs.TestTypes + LambdaCaptureHelpers.Logged + Helpers + Coroutines + "\n" + LambdaCaptureHelpers.AsyncTwinOf(Coroutines, new[] { "Assigned", "Suspending", "DeclaredInAKeptBlock" }, ("Fetch(", "await FetchAsync("))));

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void An_assigned_lambda_keeps_each_iterations_variable_and_the_left_side_runs_first(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Assigned", count);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void An_assignment_whose_index_or_condition_suspends_and_a_hoisted_local_assigned(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Suspending", count);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Variables_a_call_declares_in_a_block_that_does_not_suspend_are_new_on_each_entry(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "DeclaredInAKeptBlock", count);
}
