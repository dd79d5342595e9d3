using System;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type (its delegate type cannot be named, its parameters are not typed) that captures a
/// per-iteration variable of a loop that suspends and is an argument of a call whose value is a ref struct
/// (<c>Spanned(rows, x =&gt; x.A + copy)</c>: a lambda cannot return a span), outside an expression statement of its own:
/// in a declaration, an <c>if</c> or <c>while</c> condition, a <c>return</c>, a statement that suspends or that declares a
/// variable. A local of the ref struct type it declares is written without its value, then assigned in a block that first
/// keeps the environment in a local, <c>{ Closure1 captured1 = closure1; span = Spanned(rows, x =&gt; x.A + captured1.copy); }</c>.
/// Elsewhere the value around the call that first has another type (<c>.Length</c>, <c>[0]</c>, <c>Sum(...)</c>) is made
/// through the closure environment, <c>closure1.Capture(captured1 =&gt; Spanned(rows, x =&gt; x.A + captured1.copy).Length)</c>,
/// where it is: C#'s order holds, and each lambda keeps its iteration's variables, also when the loop runs several
/// iterations before it suspends. The same in the condition of an <c>if</c> or a <c>while</c> or the collection of a <c>foreach</c>
/// that does not suspend (also a lambda assigned through a ref local or to an element of a span there): the statement is written
/// in such a block, <c>{ Closure1 captured1 = closure1; foreach (var v in Spanned(rows, x =&gt; x.A + captured1.copy)) ... }</c>.
/// Against the direct call and the C# <c>async</c> twin (which accepts all of these: no span lives across a suspension).
/// </summary>
public sealed class LambdaAroundRefStructCaptureTests
{
    internal const string Helpers = """
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

        private static ReadOnlySpan<int> Counted(ReadOnlySpan<int> values, out int count)
        {
            count = values.Length;
            return values;
        }

        """;

    // The coroutines; each one's C# async twin is made from its text (a sleep becomes `await Task.Yield()`, a call of
    // Next an await of NextAsync): the same body, compiled by C# itself.
    private const string Coroutines = """
        [Coroutine]
        public static string Around(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var made = Readers(rows[0]).ToList();
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // In declarations: the value around the call, its other declarators in C#'s order.
                var length = Spanned(rows, x => x.A + copy, made).Length;
                int first = Sum(Spanned(rows, x => x.A * 10 + copy, made)), second = Spanned(rows, x => x.A * 100 + copy, made)[Index("second", 1)];
                long widened = Spanned(rows, x => x.A * 1000 + copy, made)[0];
                // A variable the value declares, read after it.
                var counted = Sum(Counted(Spanned(rows, x => x.A * 3 + copy, made), out var number));
                later.Add(() => length + first + second + (int)widened + counted + number);
                if (copy % 2 == 1)
                {
                    // In a block without a suspension, kept as written.
                    var inBlock = Spanned(rows, x => x.A * 11 + copy, made).Length;
                    later.Add(() => inBlock);
                    var blockSpan = Spanned(rows, x => x.A * 19 + copy, made);
                    Trace.Log($"block span {blockSpan[1]}");
                }
                // The span itself kept in a variable used before the suspensions (a local of Step()): declared, then assigned in a block that keeps the environment.
                var span = Spanned(rows, x => x.A * 13 + copy, made);
                ReadOnlySpan<int> other = Spanned(rows, x => x.A * 17 + copy, made), third = Spanned(rows, x => x.A + copy * 5, made);
                Trace.Log($"span {span[0]} {other[1]} {third.Length}");
                // In conditions: evaluated each time, with the iteration's variables as they are then.
                if (Spanned(rows, x => x.A + copy * 2, made)[0] > 2 && Test("if", copy % 2 == 0))
                {
                    Trace.Log($"even {copy}");
                }
                while (Sum(Spanned(rows, x => x.A + copy, made)) < 6)
                {
                    copy++;
                }
                // In statements that suspend, before and after the suspension, and in one that declares a variable.
                var fetched = Next(Spanned(rows, x => x.A * 7 + copy, made)[1]) + Sum(Spanned(rows, x => x.A * 9 + copy, made));
                Trace.Log($"fetched {fetched} {Sum(Spanned(rows, x => x.A + copy, made)) + Next(copy)}");
                Trace.Log($"parsed {Spanned(rows, x => x.A - copy, made).Length + (int.TryParse("12", out var parsed) ? parsed : 0)}");
                later.Add(() => fetched + parsed);
                if (i == 5)
                {
                    return $"returned {Sum(Spanned(rows, x => x.A + copy, made))} " + string.Join(",", later.Select(f => f()).Concat(made.Where(f => f is not null).Select(f => f(rows[0]))));
                }
                // Several iterations run before a suspension: each lambda keeps its own iteration's variables.
                if (i % 3 == 2)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            foreach (var item in Enumerable.Range(1, count))
            {
                // `return` with the value around the call, in a loop that suspends.
                if (item == 4)
                {
                    return string.Join(",", later.Select(f => f()).Concat(made.Where(f => f is not null).Select(f => f(rows[1])))) + $" {Sum(Spanned(rows, x => x.A * item, made))}";
                }
                Yield.Sleep(1);
            }
            return string.Join(",", later.Select(f => f()).Concat(made.Where(f => f is not null).Select(f => f(rows[1]))));
        }

        [Coroutine]
        public static string InHeads(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var made = Readers(rows[0]).ToList();
            var slots = Readers(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // Looped over by a foreach that does not suspend (C# async accepts the span's enumerator there); its body makes its own closures.
                foreach (var value in Spanned(rows, x => x.A * 3 + copy, made))
                {
                    int.TryParse("7", out var seven);
                    Trace.Log($"value {value} {seven}");
                    later.Add(() => value + seven + copy);
                    // Kept by the foreach's block too: its statements read the same environments (nothing suspends in between).
                    slots.AsSpan()[value % 3] = x => x.A * 8 + copy + value;
                }
                // Assigned through a ref local in an `if` condition, to an element of a span in a `while` condition: evaluated each time.
                ref var slot = ref slots[i % 2];
                if ((slot = x => x.A * 5 + copy) is not null && Test("slot", copy % 2 == 0))
                {
                    Trace.Log($"slot {slot(rows[1])}");
                }
                else if ((slot = x => x.A * 6 + copy)(rows[0]) > 8)
                {
                    Trace.Log($"else {copy}");
                }
                var span = slots.AsSpan();
                // Leaving the loop from the body of such a statement.
                if ((span[0] = x => x.A * 12 + copy) is not null && i == 5)
                {
                    Trace.Log($"leaving {span[0](rows[0])}");
                    break;
                }
                while ((span[2] = x => x.A + copy * 7)(rows[0]) < 10)
                {
                    copy += 3;
                }
                // Several iterations run before a suspension: each lambda keeps its own iteration's variables.
                if (i % 3 == 1)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(made.Concat(slots).Where(f => f is not null).Select(f => f(rows[1]))));
        }
        """;

    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(
        Programs.TestTypes + Programs.NextAndItsAsyncTwin + LambdaCaptureHelpers.Logged + Helpers +
        "private static Func<T, int>[] Readers<T>(T sample) => new Func<T, int>[3];\n\n" + Coroutines + "\n" + LambdaCaptureHelpers.AsyncTwinOf(Coroutines, new[] { "Around", "InHeads" })));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(7)]
    public void A_lambda_given_to_a_call_whose_value_is_a_ref_struct_keeps_each_iterations_variable_in_any_statement(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Around", count);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_lambda_in_the_condition_or_collection_of_a_statement_that_does_not_suspend_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "InHeads", count);
}
