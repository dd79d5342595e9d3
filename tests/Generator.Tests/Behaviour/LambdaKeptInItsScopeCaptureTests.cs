using System;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type that captures a per-iteration variable of a loop that suspends, where a block of its own
/// would change a scope C# gives: an argument of a call whose value is a ref struct kept in a local whose value holds a
/// collection expression of a span type (C# makes the collection for the block the local is declared in: it is kept in a
/// local of its own declared there, <c>Span&lt;int&gt; span_collection1 = [1, 2];</c>, before the block that keeps the
/// environment and assigns the local); such a value given by reference to another call a ref local refers into
/// (<c>ref var r = ref Pick(ref Filled(...)[0]);</c>: kept in a local of its own the same way); a branch of a <c>?:</c> in a
/// <c>with</c> with a suspension after it whose other branch evaluates something (the <c>?:</c> kept before the suspension,
/// its store in a block that keeps the environment, typed by the member's delegate type when it has no type of its own);
/// a variable such a call declares in a statement of a switch section (it lives in an environment of the switch, made as
/// it is entered) or in a <c>do</c> or <c>for</c> condition (the statement in a block
/// that keeps the environment, the variable its own; also such a lambda assigned to a span's element there). Each lambda keeps its
/// iteration's variables, also when the loop runs several iterations before it suspends. Against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class LambdaKeptInItsScopeCaptureTests
{
    private const string Helpers = """
        // A span given in, filled from the lambda (kept in `later` too, and called after later iterations) and given back.
        private static Span<int> Filled<T>(Span<int> into, T[] items, Func<T, int> value, List<Func<T, int>> later)
        {
            Trace.Log($"filled {into.Length}");
            later.Add(value);
            for (var k = 0; k < into.Length && k < items.Length; k++)
            {
                into[k] += value(items[k]);
            }
            return into;
        }

        private static ref int Pick(ref int value)
        {
            Trace.Log($"pick {value}");
            return ref value;
        }

        private static List<Func<T, int>> ListOf<T>(T sample) => new List<Func<T, int>>();

        public sealed record Pair<T>(Func<T, int>? First, int Tag);

        private static Pair<T> PairOf<T>(T sample) => new Pair<T>(null, 0);

        private static Func<T, int> Other<T>(T sample, int tag)
        {
            Trace.Log($"other {tag}");
            return x => -tag;
        }

        private static int Zero<T>(T row) => 0;

        private static Func<T, int>[] SlotsOf<T>(T sample) => new Func<T, int>[2];

        private static bool Keep(List<Func<int>> later, Func<int> value)
        {
            later.Add(value);
            return true;
        }

        """;

    // The coroutines; each one's C# async twin is made from its text (a sleep becomes `await Task.Yield()`, a call of
    // Next an await of NextAsync): the same body, compiled by C# itself.
    private const string Collections = """
        [Coroutine]
        public static string Collections(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var made = ListOf(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // A collection expression of a span type in the value: made for the block the local is declared in, before the call.
                var span = Filled([1, 2], rows, x => x.A * 3 + copy, made);
                Span<int> other = Filled([copy, Index("element", 5), 7], rows, x => x.A * 5 + copy, made), third = Filled(span, rows, x => x.A * 7 + copy, made);
                var spread = Filled([.. other, Index("spread", 9)], rows, x => x.A * 9 + copy, made).Slice(Index("slice", 1));
                Trace.Log($"filled {span[0]} {span[1]} {other[2]} {third[1]} {spread[2]} {spread.Length}");
                // Given by reference to another call that a ref local refers into, written through.
                Span<int> buffer = stackalloc int[2];
                ref var picked = ref Pick(ref Filled(buffer, rows, x => x.A * 11 + copy, made)[1]);
                picked += 1000;
                ref readonly var read = ref Pick(ref Filled([20, 30], rows, x => x.A * 13 + copy, made)[0]);
                Trace.Log($"picked {picked} {buffer[1]} {read}");
                var fetched = Next(copy);
                later.Add(() => fetched + copy);
                // Several iterations run before a suspension: each lambda keeps its own iteration's variables.
                if (i % 3 == 2)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(made.Select(f => f(rows[1]))));
        }
        """;

    private const string ChosenOrOther = """
        [Coroutine]
        public static string ChosenOrOther(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var pair = PairOf(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // A `?:` branch of a `with` whose other branch evaluates something, a suspension after it: the `?:` first, then the suspension, then the copy.
                pair = Receiver("with", pair) with { First = Test("first", copy % 2 == 0) ? x => x.A + copy * 10 : Other(rows[0], copy), Tag = Next(Index("tag", copy)) };
                var kept = pair;
                later.Add(() => kept.First!(rows[1]) + kept.Tag);
                var next = pair with { Tag = Next(copy + 1), First = Test("second", copy % 3 == 0) ? Other(rows[1], -copy) : (x => x.A * 3 + copy), };
                later.Add(() => next.First!(rows[0]) + next.Tag);
                // A method group for the other branch: the `?:` has no type of its own, its field the member's delegate type.
                var third = next with { First = Test("third", copy > 1) ? x => x.A * 5 + copy : Zero, Tag = Next(copy + 2) };
                later.Add(() => third.First!(rows[1]) + third.Tag);
                // After a suspension in its condition, before the one after it.
                var fourth = third with { First = Next(copy) % 2 == 1 ? x => x.A * 7 + copy : Other(rows[0], copy + 1), Tag = Next(copy + 3) };
                later.Add(() => fourth.First!(rows[1]) + fourth.Tag);
                if (i % 3 == 2)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()));
        }
        """;

    private const string Declaring = """
        [Coroutine]
        public static string Declaring(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var made = ListOf(rows[0]);
            var slots = SlotsOf(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // A statement of a switch section: its variables are the switch's, new for each entry of the switch.
                switch (copy % 3)
                {
                    case 0:
                        later.Add(Sum(Counted(Spanned(rows, x => x.A * 3 + copy, made), out var counted)) > 0 ? () => counted + copy : () => -1);
                        break;
                    case 1:
                        later.Add(Array.TrueForAll(new[] { new { A = int.TryParse($"{copy}", out var parsed) ? parsed : 0 } }, x => x.A + copy > 0) ? () => parsed * 10 + copy : () => 0);
                        counted = 7;
                        later.Add(() => counted * 100 + copy);
                        goto default;
                    default:
                        later.Add(() => copy * 1000);
                        break;
                }
                // A switch that suspends, flattened: the same environment of the switch, the variable changed after the suspension.
                switch (copy % 2)
                {
                    case 0:
                        later.Add(Array.Exists(new[] { new { A = int.TryParse($"{copy}", out var found) ? found : 0 } }, x => x.A + copy >= 0) ? () => found * 7 + copy : () => -7);
                        found += Next(copy + 1);
                        break;
                    default:
                        Trace.Log("odd");
                        break;
                }
                // A `do` and a `for` condition: their variables are new at each test.
                int n = 0;
                do
                    n++;
                while (Array.TrueForAll(new[] { new { A = int.TryParse($"{n}", out var tested) ? tested : 0 } }, x => x.A + copy >= n) && Keep(later, () => tested * 1000 + copy) && n < 3);
                for (int k = 0; Sum(Counted(Spanned(rows, x => x.A * 7 + copy + k, made), out var each)) > k && Keep(later, () => each * 10000 + k + copy) && k < 2; k++)
                    n++;
                // Such a lambda assigned to an element of a span in a `do` or `for` condition: the condition reads the block's environment.
                var span = slots.AsSpan();
                do
                    n += 3;
                while ((span[0] = x => x.A * n + copy)(rows[0]) < 10);
                for (var m = 0; (span[1] = x => x.A * m + copy)(rows[1]) < 20; m += 5)
                    Trace.Log($"for {m}");
                // Several iterations run before a suspension: each lambda keeps its own iteration's variables.
                if (i % 3 == 1)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(made.Concat(slots).Select(f => f(rows[1]))));
        }
        """;

    // One program for each coroutine and its twin.
    private static readonly SharedProgram CollectionsProgram = ProgramOf(Collections, "Collections");
    private static readonly SharedProgram ChosenOrOtherProgram = ProgramOf(ChosenOrOther, "ChosenOrOther");
    private static readonly SharedProgram DeclaringProgram = ProgramOf(Declaring, "Declaring");

    private static SharedProgram ProgramOf(string coroutine, string name) =>
        LambdaCaptureHelpers.WithAsyncTwin(LambdaAroundRefStructCaptureTests.Helpers + Helpers, coroutine, name);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_collection_expression_of_a_span_type_in_the_value_or_a_value_given_by_reference_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(CollectionsProgram, Programs.StaticType, "Collections", count);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_lambda_chosen_by_a_conditional_whose_other_branch_evaluates_something_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(ChosenOrOtherProgram, Programs.StaticType, "ChosenOrOther", count);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_variable_declared_with_such_a_lambda_in_a_switch_section_or_a_do_or_for_condition_is_new_for_each_entry(int count) =>
        AsyncTwin.Compare(DeclaringProgram, Programs.StaticType, "Declaring", count);
}
