using System;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type that captures a per-iteration variable of a loop that suspends, an argument of a call whose
/// value is a ref struct kept in a local: of a switch section (its scope is the switch's), whose value reads a ref struct variable
/// or something made on the stack (<c>Filled(buffer, rows, x =&gt; ...)</c>, <c>buffer</c> a <c>stackalloc</c> or a collection
/// expression), or referred into by a ref local (<c>ref readonly var r = ref Spanned(...)[0];</c>). The local is declared without
/// its value and assigned in a block that keeps the environment, <c>scoped</c> when its value may be narrower than the caller's
/// context as C# makes it then (not otherwise: such a local can still be given to a wider one); a ref local refers into a local
/// of its own kept that way. Against the direct call and the C# <c>async</c> twin (which accepts all of these: no span lives across a suspension).
/// </summary>
public sealed class LambdaAroundRefStructLocalCaptureTests
{
    private const string Helpers = """
        // A span over a variable given by reference (to an `in` parameter, without a keyword).
        private static ReadOnlySpan<int> Over<T>(in int value, T[] items, Func<T, int> read, List<Func<T, int>> later)
        {
            Trace.Log($"over {read(items[0])}");
            later.Add(read);
            return new ReadOnlySpan<int>(in value);
        }

        private static Func<T, int>[] Readers<T>(T sample) => new Func<T, int>[3];

        """;

    // The coroutines; each one's C# async twin is made from its text (a sleep becomes `await Task.Yield()`, a call of
    // Next an await of NextAsync): the same body, compiled by C# itself.
    private const string Coroutines = """
        [Coroutine]
        public static string Sections(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var made = Readers(rows[0]).ToList();
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // A switch that does not suspend, kept as written: its sections' locals share the switch's scope.
                switch (i % 3)
                {
                    case 0:
                        var span = Spanned(rows, x => x.A * 3 + copy, made);
                        Trace.Log($"section {span[0]} {span.Length}");
                        break;
                    case 1:
                        span = Spanned(rows, x => x.A * 5 + copy, made);
                        ReadOnlySpan<int> other = Spanned(rows, x => x.A * 7 + copy, made), third = Spanned(rows, x => x.A + copy * 9, made);
                        Trace.Log($"assigned {span[1]} {other[0]} {third[1]}");
                        if (copy == 4)
                        {
                            goto case 0;
                        }
                        break;
                    default:
                        ref readonly var first = ref Spanned(rows, x => x.A * 11 + copy, made)[1];
                        scoped ReadOnlySpan<int> fenced = Spanned(rows, x => x.A * 21 + copy, made);
                        Trace.Log($"first {first} {fenced[0]}");
                        break;
                }
                // In the body of a foreach that does not suspend over such a span (which keeps the loop's environment in its block): each
                // declaration keeps the foreach's own environment, made for each of its iterations, and reads the loop's through that block.
                foreach (var value in Spanned(rows, x => x.A * 15 + copy, made))
                {
                    var inner = Spanned(rows, x => x.A * value + copy, made);
                    ref readonly var at = ref Spanned(rows, x => x.A + value * copy, made)[1];
                    Trace.Log($"inner {inner[0]} {at}");
                }
                // A switch that suspends, flattened: the span is used before the suspension of its section.
                switch (copy % 2)
                {
                    case 0:
                        var kept = Spanned(rows, x => x.A * 13 + copy, made);
                        Trace.Log($"kept {kept[1]}");
                        var fetched = Next(copy);
                        later.Add(() => fetched + copy);
                        break;
                    default:
                        Trace.Log("odd");
                        break;
                }
                // Several iterations run before a suspension: each lambda keeps its own iteration's variables.
                if (i % 3 == 2)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(made.Where(f => f is not null).Select(f => f(rows[1]))));
        }

        [Coroutine]
        public static string OnTheStack(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var made = Readers(rows[0]).ToList();
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // Reading a ref struct variable made on the stack or from a collection expression, or a stackalloc itself: `scoped`, as C# makes the local.
                Span<int> buffer = stackalloc int[3];
                var filled = Filled(buffer, rows, x => x.A * 3 + copy, made);
                Span<int> pair = [40, 50];
                Span<int> paired = Filled(pair, rows, x => x.A * 5 + copy, made), again = Filled(filled, rows, x => x.A * 7 + copy, made);
                var direct = Filled(stackalloc int[2], rows, x => x.A * 11 + copy, made);
                Trace.Log($"filled {filled[0]} {buffer[1]} {paired[1]} {again[0]} {direct[1]}");
                // Reading one whose context is the caller's: not `scoped`, so it can be given to a local declared with an array.
                Span<int> wide = new int[2];
                var alsoWide = Filled(wide, rows, x => x.A * 13 + copy, made);
                wide = alsoWide;
                // Reading a ref local by value: the caller's context, given to a local declared with `default`; over a variable given by reference: `scoped`.
                ref var firstRow = ref rows[0];
                ReadOnlySpan<int> wideRead = default;
                var fromRef = Spanned(new[] { firstRow }, x => x.A * 29 + copy, made);
                wideRead = fromRef;
                int seed = copy * 2;
                var over = Over(seed, rows, x => x.A * 31 + copy, made);
                Trace.Log($"read {wideRead[0]} {over[0]}");
                // Declared `scoped` by the user: written so.
                scoped var narrow = Filled(wide, rows, x => x.A * 23 + copy, made);
                Trace.Log($"narrow {narrow[1]}");
                // A ref local into such a value, written through.
                ref var slot = ref Filled(buffer, rows, x => x.A * 17 + copy, made)[1];
                slot += 1000;
                ref readonly var read = ref Filled(wide, rows, x => x.A * 19 + copy, made)[0];
                Trace.Log($"ref {slot} {buffer[1]} {read} {wide[0]}");
                var fetched = Next(copy) + (i % 2 == 0 ? 0 : Next(-copy));
                later.Add(() => fetched + copy);
                // Several iterations run before a suspension: each lambda keeps its own iteration's variables.
                if (i % 3 == 2)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(made.Where(f => f is not null).Select(f => f(rows[1]))));
        }
        """;

    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(
        Programs.TestTypes + Programs.NextAndItsAsyncTwin + LambdaCaptureHelpers.Logged + LambdaCaptureHelpers.Filled + Helpers + Coroutines + "\n" + LambdaCaptureHelpers.AsyncTwinOf(Coroutines, new[] { "Sections", "OnTheStack" })));

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_ref_struct_kept_in_a_local_of_a_switch_section_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Sections", count);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_ref_struct_made_from_the_stack_or_referred_into_by_a_ref_local_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "OnTheStack", count);
}
