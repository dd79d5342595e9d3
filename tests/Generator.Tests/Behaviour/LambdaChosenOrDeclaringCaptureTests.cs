using System;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type (its delegate type cannot be named, its parameters are not typed) that captures a
/// per-iteration variable of a loop that suspends, made with its object or call through the closure environment:
/// as a <c>?:</c> branch in a <c>with</c> or an argument with a suspension after it in the same expression, only the
/// condition is evaluated before the suspension, and the lambda is chosen in the copy or call made after it,
/// <c>closure1.Capture(captured1 =&gt; kept with { First = test1 ? x =&gt; x.A + captured1.copy : null, Tag = next1 })</c>;
/// in an object initializer <c>new() { ... }</c> before such a suspension, the object is made before it through the environment,
/// typed by its shape (a field cannot name its type), <c>closure1.Capture(captured1 =&gt; false ? Shape_Box(...) : new() { ... })</c>;
/// a call that declares a variable a closure captures, in a statement that does not suspend and is not a block's (a
/// <c>while</c> condition, an embedded statement of an <c>if</c> or an <c>else</c>): the statement is written in a block that
/// keeps the environment in a local, <c>{ Closure1 captured1 = closure1; while (...) ... }</c>, the variable the statement's own,
/// new for each entry. C#'s order holds, and each lambda keeps its iteration's variables, also when the loop runs several
/// iterations before it suspends. Against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class LambdaChosenOrDeclaringCaptureTests
{
    private const string Helpers = """
        public sealed record Pair<T>(Func<T, int>? First, Func<T, int>? Second, int Tag);

        private static Pair<T> PairOf<T>(T sample) => new Pair<T>(null, null, 0);

        private static int Use<T>(T[] rows, Func<T, int>? value, int tag)
        {
            Trace.Log($"use {tag}");
            return value is null ? -tag : value(rows[0]) + tag;
        }

        private static List<Func<T, int>> ListOf<T>(T sample) => new List<Func<T, int>>();

        private static Box<T> Boxed<T>(T sample, Box<T> box, int tag)
        {
            Trace.Log($"boxed {tag}");
            return box;
        }

        private static int Read<T>(Pair<T> pair, T row) => (pair.First is null ? -1 : pair.First(row)) + (pair.Second is null ? -2 : pair.Second(row)) + pair.Tag;

        """;

    // The coroutines; each one's C# async twin is made from its text (a sleep becomes `await Task.Yield()`, a call of
    // Next an await of NextAsync): the same body, compiled by C# itself.
    private const string Coroutines = """
        [Coroutine]
        public static string Chosen(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var pair = PairOf(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // A `?:` branch of a `with` with a suspension after it: the condition first, then the suspension, then the copy.
                pair = Receiver("with", pair) with { First = Test("first", copy % 2 == 0) ? x => x.A + copy * 10 : null, Tag = Next(Index("tag", copy)) };
                var kept = pair;
                later.Add(() => Read(kept, rows[1]));
                // Parenthesized, between two suspensions, both branches lambdas, a `default` branch, a condition that suspends.
                var next = pair with { Tag = Next(copy + 1), First = (Test("both", copy % 3 == 0) ? (x => x.A * 3 + copy) : x => -copy), Second = Next(copy) > 1 ? x => x.A * 5 + copy : default };
                later.Add(() => Read(next, rows[0]));
                // A branch of an argument with a suspension after it: the call made after it.
                var used = Use(rows, Test("use", copy > 1) ? x => x.A * 7 + copy : null, Next(copy + 2));
                later.Add(() => used);
                // An object initializer before a suspension in the same expression (a `?:` branch, a lambda alone): the object made first, as C# makes it.
                var box = Boxed(rows[0], new() { Slot = Test("box", copy % 2 == 1) ? x => x.A * 9 + copy : null, Inner = new() { Slot = x => x.A * 11 + copy } }, Next(copy + 3));
                later.Add(() => (box.Slot is null ? -3 : box.Slot(rows[1])) + box.Inner!.Slot!(rows[0]));
                // The same with lambdas that capture nothing: a field cannot be given their types either.
                var plain = Use(rows, Test("plain", copy > 0) ? x => x.A * 13 : null, Next(copy)) + Boxed(rows[0], new() { Slot = x => x.A * 17 }, Next(copy)).Slot!(rows[1]);
                later.Add(() => plain);
                if (i % 3 == 2)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()));
        }

        [Coroutine]
        public static string Declaring(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var made = ListOf(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                int n = 0;
                // A `while` condition kept as written: its variables are new at each test, and each closure keeps its own.
                while (Sum(Counted(Spanned(rows, x => x.A + copy, made), out var number)) > n && n++ < 3)
                    later.Add(() => number * 10 + n);
                while (Array.TrueForAll(new[] { new { A = int.TryParse($"{n}", out var parsed) ? parsed : 0 } }, x => x.A + copy >= n) && n++ < 6)
                {
                    later.Add(() => parsed * 100 + copy);
                }
                // Two such calls in one condition, one declaring a variable no closure captures (it lives in a field, read in the body).
                var k = 0;
                while (Sum(Counted(Spanned(rows, x => x.A * 7 + copy, made), out var plain)) > k && Sum(Counted(Spanned(rows, y => y.A + copy + k, made), out var caught)) > 0 && k++ < 2)
                {
                    Trace.Log($"plain {plain}");
                    later.Add(() => caught * 10000 + k);
                }
                // An embedded statement of an `if` without braces, of an `else`, and the condition of an `else if`.
                if (Test("embedded", copy % 2 == 0))
                    later.Add(Sum(Counted(Spanned(rows, x => x.A * 3 + copy, made), out var counted)) > 0 ? () => counted + copy : () => -1);
                else if (Sum(Counted(Spanned(rows, x => x.A * 5 + copy, made), out var tested)) > 20)
                    later.Add(() => tested * 1000 + copy);
                else
                    later.Add(Array.Exists(new[] { new { A = int.TryParse("5", out var five) ? five : 0 } }, x => x.A + copy > 5) ? () => five + copy : () => -five);
                // Several iterations run before a suspension: each lambda keeps its own iteration's variables.
                if (i % 3 == 1)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(made.Select(f => f(rows[1]))));
        }
        """;

    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(
        Programs.TestTypes + Programs.NextAndItsAsyncTwin + LambdaCaptureHelpers.Logged + LambdaAroundRefStructCaptureTests.Helpers + Helpers +
        Coroutines + "\n" + LambdaCaptureHelpers.AsyncTwinOf(Coroutines, new[] { "Chosen", "Declaring" })));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_lambda_chosen_by_a_conditional_before_a_suspension_of_its_with_or_call_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Chosen", count);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_variable_declared_with_such_a_lambda_in_a_while_condition_or_an_embedded_statement_is_new_for_each_entry(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Declaring", count);
}
