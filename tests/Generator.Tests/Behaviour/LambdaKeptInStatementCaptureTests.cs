using System;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type (its delegate type cannot be named, its parameters are not typed) that captures a
/// per-iteration variable of a loop that suspends, where neither the lambda nor its assignment can be made inside a lambda:
/// in a <c>with</c> (made through the closure environment as a whole, <c>closure1.Capture(captured1 =&gt; holder with { ... })</c>),
/// in an object initializer <c>new() { ... }</c> (made with the assignment or call it is in), through a ref local, to an element
/// of a span, or an argument of a call whose value is a ref struct (a lambda can capture or return none of these): there the
/// expression statement is written in a block that first keeps the current environment in a local,
/// <c>{ Closure1 captured1 = closure1; slot = x =&gt; x.A + captured1.copy; }</c>, a new local on each run of the block. C#'s order
/// holds, and each lambda keeps its iteration's variables, also when the loop runs several iterations before it suspends.
/// Against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class LambdaKeptInStatementCaptureTests
{
    private const string Helpers = """
        private static Func<T, int>[] Readers<T>(T sample) => new Func<T, int>[3];

        public sealed record Holder<T>(Func<T, int>? Slot, int Tag);

        private static Holder<T> HolderOf<T>(T sample) => new Holder<T>(null, 0);

        private static List<Box<T>> BoxesOf<T>(T sample) => new List<Box<T>>();

        private static Holder<T> Pick<T>(Holder<T> holder, int tag) => holder with { Tag = tag };

        """;

    // The coroutines; each one's C# async twin is made from its text (a sleep becomes `await Task.Yield()`): the same body, compiled by C# itself.
    private const string Coroutines = """
        [Coroutine]
        public static string Kept(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var holder = HolderOf(rows[0]);
            var box = BoxOf(rows[0]);
            var slots = Readers(rows[0]);
            var boxes = BoxesOf(rows[0]);
            var later = new List<Func<int>>();
            var made = Readers(rows[0]).ToList();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                holder = Receiver("with", holder) with { Tag = Index("tag", copy), Slot = x => x.A + copy * 10 };
                var kept = holder;
                later.Add(() => kept.Slot!(rows[1]) + kept.Tag);
                Receiver("initializer", box).Inner = new() { Slot = Test("branch", copy % 2 == 0) ? x => x.A * 100 + copy : (x => -copy) };
                var inner = box.Inner;
                later.Add(() => inner!.Slot!(rows[0]));
                // In a declaration, an argument, a nested initializer: the object, or the call or assignment it is in, is made with the environments as a whole.
                var next = Receiver("declared", holder) with { Slot = x => x.A * 10000 + copy, Tag = Index("declared", copy) };
                boxes.Add(new() { Inner = Receiver("nested", BoxOf(rows[1])), Slot = x => x.A * 20000 + copy });
                box.Inner = new() { Inner = new() { Slot = x => x.A * 30000 + copy } };
                var outer = box.Inner;
                later.Add(() => next.Slot!(rows[0]) + next.Tag + boxes[^1].Slot!(rows[1]) + outer.Inner!.Slot!(rows[0]));
                ref var slot = ref slots[Index("ref", copy % 3)];
                slot = x => x.A * 1000 + copy;
                {
                    // A span lives in a block without a suspension.
                    var span = slots.AsSpan();
                    span[Index("span", (copy + 1) % 3)] = x => x.A * 7 + copy;
                }
                Trace.Log($"length {Spanned(rows, x => x.A + copy * 3, made).Length} {copy}");
                later.Add(() => slots[0]!(rows[0]) + slots[1]!(rows[1]) + slots[2]!(rows[0]));
                // Several iterations run before a suspension: each run of the block has its own kept environment.
                if (i % 3 == 2)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            foreach (var item in Enumerable.Range(1, count))
            {
                holder = holder with { Slot = x => x.A * item };
                var at = item;
                Yield.Sleep(1);
                later.Add(() => holder.Slot!(rows[0]) + at);
            }
            return string.Join(",", later.Select(f => f()).Concat(made.Where(f => f is not null).Select(f => f(rows[1]))));
        }

        [Coroutine]
        public static string KeptAcross(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var holder = HolderOf(rows[0]);
            var box = BoxOf(rows[0]);
            var boxes = BoxesOf(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // A statement that suspends, in the `with` (before or after the lambda, a `?:` after it) or around it: the copy is made
                // through the environments after the suspension, from what C# evaluated before it.
                holder = Receiver("with", holder) with { Slot = x => x.A + copy * 10, Tag = Next(Index("tag", copy)) };
                var before = holder with { Tag = Next(copy + 1), Slot = Test("slot", copy % 2 == 0) ? x => x.A * 3 + copy : (x => -copy) };
                later.Add(() => before.Slot!(rows[0]) + before.Tag);
                var kept = holder;
                later.Add(() => kept.Slot!(rows[1]) + kept.Tag);
                var next = Pick(Receiver("declared", holder) with { Slot = x => x.A * 10000 + copy }, Next(copy));
                later.Add(() => next.Slot!(rows[0]) + next.Tag);
                // An object initializer of a statement that suspends outside it (one inside is COR0007, as any initializer).
                boxes.Add(BoxOf(rows[0]));
                var at = boxes.Count - 1;
                Receiver("initializer", boxes[Next(at)]).Inner = new() { Slot = Test("branch", copy % 2 == 0) ? x => x.A * 100 + copy : (x => -copy) };
                later.Add(() => boxes[at].Inner!.Slot!(rows[1]));
                if (i % 3 == 2)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()));
        }
        """;

    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(
        Programs.TestTypes + Programs.NextAndItsAsyncTwin + LambdaCaptureHelpers.Logged + Helpers + Coroutines + "\n" + LambdaCaptureHelpers.AsyncTwinOf(Coroutines, new[] { "Kept", "KeptAcross" })));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_lambda_in_a_with_an_initializer_a_ref_local_a_span_or_a_ref_struct_call_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Kept", count);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_lambda_in_a_with_or_an_initializer_of_a_statement_that_suspends_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "KeptAcross", count);
}
