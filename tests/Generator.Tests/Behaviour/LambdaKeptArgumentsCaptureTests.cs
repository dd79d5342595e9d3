using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type that captures a per-iteration variable of a loop that suspends, given to a call whose value
/// is a ref struct kept in a local of its own (assigned in a block that keeps the environment), where an argument that evaluates
/// something (or a receiver of a reference type) comes before what must be made before that block: a collection expression of a span type (C# makes it for the block
/// the local is declared in, <c>var span = FilledFrom(Receiver("rows", rows), [1], x =&gt; ...);</c>), or the value a ref local
/// refers into, given by reference to a method named without a receiver (<c>ref var r = ref Second(Index("n", copy), ref Filled(...)[0]);</c>,
/// or <c>Second(copy, ...)</c> with <c>copy</c> captured by a closure). Each such argument is kept in a local of its own before
/// them, so C#'s order holds. Each lambda keeps its iteration's variables, also when the loop runs several iterations before it
/// suspends. Against the C# <c>async</c> twin.
/// </summary>
public sealed class LambdaKeptArgumentsCaptureTests
{
    private const string Helpers = """
        private static List<Func<T, int>> ListOf<T>(T sample) => new List<Func<T, int>>();

        // Filled with its items first: what it is given before the span is evaluated first.
        private static Span<int> FilledFrom<T>(T[] items, Span<int> into, Func<T, int> value, List<Func<T, int>> later) => Filled(into, items, value, later);

        private static Span<int> Shifted(long by, Span<int> span)
        {
            Trace.Log($"shifted {by}");
            for (var k = 0; k < span.Length; k++)
            {
                span[k] += (int)by;
            }
            return span;
        }

        public sealed class Filler
        {
            public Span<int> Fill<T>(Span<int> into, T[] items, Func<T, int> value, List<Func<T, int>> later) => Filled(into, items, value, later);
        }

        private static Filler FillerOf(int id)
        {
            Trace.Log($"filler {id}");
            return new Filler();
        }

        private static int Sum(ReadOnlySpan<int> values)
        {
            var sum = 0;
            foreach (var value in values)
            {
                sum += value;
            }
            Trace.Log($"sum {sum}");
            return sum;
        }

        private static bool Has(ReadOnlySpan<int> values, int value)
        {
            Trace.Log($"has {value} in {values.Length}");
            return values.Contains(value);
        }

        // The lambda kept in `later` too, and called after later iterations.
        private static int Applied<T>(T[] items, Func<T, int> value, List<Func<T, int>> later)
        {
            Trace.Log("applied");
            later.Add(value);
            return value(items[0]);
        }

        // Given a variable by reference before the span, which it changes.
        private static Span<int> FilledAt<T>(ref int at, Span<int> into, T[] items, Func<T, int> value, List<Func<T, int>> later)
        {
            Trace.Log($"at {at}");
            at += 1;
            return Filled(into, items, value, later);
        }

        private static ref int Both(in int first, ref int value)
        {
            Trace.Log($"both {first} {value}");
            return ref value;
        }

        private static int Bump(ref int value)
        {
            Trace.Log($"bump {value}");
            return value += 1000;
        }

        """;

    // The body of a loop's iteration in each coroutine (see Looped), which declares `copy` for it.
    private const string CollectionsBody = """
                // The items are evaluated before the collection, and after it the lambda.
                var span = FilledFrom(Receiver("rows", rows), [1, Index("one", copy)], x => x.A * 3 + copy, made);
                // An array of the anonymous type, then a variable a closure captures (converted to long) before the collection.
                Span<int> shifted = Shifted(copy, FilledFrom(new[] { new { A = Index("made", copy) } }, [copy, 2], x => x.A * 5 + copy, made)),
                    other = Shifted(Index("by", 10), FilledFrom(Test("which", copy % 2 == 0) ? rows : rows, [Index("two", 7)], x => x.A * 7 + copy, made));
                // An argument made with a lambda (made with its call, through the environment) before the collection.
                var converted = FilledFrom(Array.ConvertAll(rows, y => new { A = Index("converted", y.A) + copy }), [Index("one", 1), 2], x => x.A * 19 + copy, made);
                // A receiver that evaluates something, of a reference type, before the collection.
                var filled = FillerOf(Index("filler", copy)).Fill([copy, Index("three", 3)], rows, x => x.A * 23 + copy, made);
                // An argument passed by reference that evaluates something before the collection: the variable it refers to, changed by the call.
                int[] values = { 10, 20 };
                var at = FilledAt(ref values[Index("at", copy % 2)], [copy, Index("four", 4)], rows, x => x.A * 29 + copy, made);
                Trace.Log($"kept {span[0]} {span[1]} {shifted[0]} {shifted[1]} {other[0]} {converted[0]} {converted[1]} {filled[0]} {filled[1]} {at[0]} {values[0]} {values[1]}");
        """;

    private const string HeldBody = """
                bool? maybe = copy % 2 == 0 ? null : copy > 2;
                // A collection in an operand of `&&`, of `??`: made only when C# evaluates it, with the argument around it.
                var span = FilledFrom(Test("has", copy > 0) && Sum([copy, Index("sum", 2)]) > 3 ? rows : rows, [Index("after", 5), 6], x => x.A * 3 + copy, made);
                Span<int> other = Shifted(maybe ?? Has([1, Index("one", copy)], 1) ? 1 : 2, Filled([copy, 8], rows, x => x.A * 5 + copy, made));
                // A collection that holds lambdas: one made with its call, one that captures nothing per iteration.
                var held = Filled([Applied(rows, x => x.A * 7 + copy, made), Index("two", 2), Applied(rows, x => x.A * 11, made)], rows, x => x.A * 13 + copy, made);
                // One in the condition of a `?:` that chooses a collection, after a variable a closure captures.
                Span<int> tail = Shifted(copy, Filled(Test("tail", copy > 1) && Sum([copy]) > 2 ? [7, 8] : [Index("nine", 9), 10], rows, x => x.A * 17 + copy, made));
                Trace.Log($"held {span[0]} {span[1]} {other[0]} {other[1]} {held[0]} {held[1]} {held[2]} {tail[0]} {tail[1]}");
        """;

    private const string ReferredBody = """
                // A call before the value referred into: evaluated first.
                Span<int> buffer = stackalloc int[2];
                ref var picked = ref Second(Index("first", copy), ref Filled(buffer, rows, x => x.A * 3 + copy, made)[1]);
                picked += 1000;
                // A variable a closure captures, then a constant: the variable read first.
                ref readonly var read = ref Third(copy, "named", ref Filled([20, Index("thirty", 30)], rows, x => x.A * 13 + copy, made)[0]);
                // Used by reference in a declaration of locals of another type: assigned in the block, where its collections are made.
                var bumped = Bump(ref Filled([Index("bumped", 3), 4], rows, x => x.A * 17 + copy, made)[1]);
                int first = Index("first", copy), second = Second(Index("second", copy), ref Filled(buffer, rows, x => x.A * 19 + copy, made)[0]);
                // An argument made with a lambda (made with its call) before the value referred into.
                ref var applied = ref Second(Applied(rows, x => x.A * 23 + copy, made), ref Filled([5, Index("six", 6)], rows, x => x.A * 29 + copy, made)[1]);
                // One passed by reference (`in`) that evaluates something before the value referred into.
                int[] values = { 10, 20 };
                ref var both = ref Both(in values[Index("in", copy % 2)], ref Filled([7, Index("eight", 8)], rows, x => x.A * 31 + copy, made)[1]);
                Trace.Log($"picked {picked} {buffer[1]} {read} {bumped} {first} {second} {applied} {both}");
        """;

    private static readonly SharedProgram CollectionsProgram = Looped("Collections", CollectionsBody);

    private static readonly SharedProgram HeldProgram = Looped("Held", HeldBody);

    private static readonly SharedProgram ReferredProgram = Looped("Referred", ReferredBody);

    /// <summary>
    /// The program of a coroutine <paramref name="name"/> whose loop runs <paramref name="body"/> in each iteration, then reads a suspension's
    /// value and keeps a lambda over it (several iterations before a suspension, so each lambda must keep its own iteration's variables),
    /// and returns what the kept lambdas give; its C# async twin is made from its text (LambdaCaptureHelpers.WithAsyncTwin), compiled by C# itself.
    /// </summary>
    private static SharedProgram Looped(string name, string body) => LambdaCaptureHelpers.WithAsyncTwin(LambdaCaptureHelpers.Filled + LambdaCaptureHelpers.Referring + Helpers, $$"""
        [Coroutine]
        public static string {{name}}(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var made = ListOf(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
        {{body}}
                var fetched = Next(copy);
                later.Add(() => fetched + copy);
                if (i % 3 == 2)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(made.Select(f => f(rows[1]))));
        }
        """, name);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void An_argument_evaluated_before_a_kept_collection_is_kept_before_it(int count) =>
        AsyncTwin.Compare(CollectionsProgram, Programs.StaticType, "Collections", count);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_collection_not_evaluated_each_time_or_holding_a_lambda_made_with_its_call_is_kept_before_the_block(int count) =>
        AsyncTwin.Compare(HeldProgram, Programs.StaticType, "Held", count);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void An_argument_evaluated_before_the_value_a_ref_local_refers_into_is_kept_before_it_and_a_local_of_another_type_is_assigned_in_the_block(int count) =>
        AsyncTwin.Compare(ReferredProgram, Programs.StaticType, "Referred", count);
}
