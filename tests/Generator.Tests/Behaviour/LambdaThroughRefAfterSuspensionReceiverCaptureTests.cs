using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type that captures a per-iteration variable of a loop that suspends, assigned to an element of a span after
/// the first suspension of a declaration of a ref local whose index or argument is evaluated after a receiver that evaluates something
/// (<c>ref int cell = ref Cells(cells, copy)[Next(copy) % 2 + (...)];</c>): the receiver is kept before the suspension, in C#'s order, and the
/// index stored after the resume; an argument of a call on such a receiver (<c>ref Of(cells, copy).At(Next(copy) + (...))</c>) too. Against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class LambdaThroughRefAfterSuspensionReceiverCaptureTests
{
    private const string Helpers = """
        private static Func<T, int>[] Readers<T>(T sample) => new Func<T, int>[2];

        private static int[] Cells(int[] cells, int tag)
        {
            Trace.Log($"cells {tag}");
            return cells;
        }

        public sealed class Grid(int[] cells)
        {
            public ref int At(int index)
            {
                Trace.Log($"at {index}");
                return ref cells[index];
            }
        }

        private static Grid Of(int[] cells, int tag)
        {
            Trace.Log($"grid {tag}");
            return new Grid(cells);
        }

        private static ref int Pick(ref int value, int tag)
        {
            Trace.Log($"pick {value} {tag}");
            return ref value;
        }

        """;

    private const string Receivers = """
        [Coroutine]
        public static string Receivers(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var made = Readers(rows[0]).ToList();
            var cells = new int[4];
            var others = new int[4];
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // The receiver, a call, evaluated before the suspension of the index that holds the lambda.
                ref int cell = ref Cells(cells, copy)[Next(copy) % 2 + ((slots.AsSpan()[0] = x => x.A * 3 + copy) is null ? 0 : 1)];
                cell += copy + 1;
                made.Add(slots[0]!);
                // Through a call given the element by reference, the receiver a variable the index changes.
                var target = copy % 2 == 0 ? cells : others;
                ref int picked = ref Pick(ref target[Next(copy) % 2 + ((target = others) is null ? 0 : 1) + ((slots.AsSpan()[1] = x => x.A * 5 + copy) is null ? 0 : 1)], copy);
                picked = picked * 2 + 1;
                made.Add(slots[1]!);
                // An argument of a call whose receiver, a call, is evaluated before the argument's suspension.
                ref int at = ref Of(copy % 2 == 0 ? others : cells, copy).At(Next(copy) % 2 + ((slots.AsSpan()[0] = x => x.A * 11 + copy) is null ? 0 : 2));
                at += 1000;
                made.Add(slots[0]!);
                Trace.Log($"cells {string.Join(" ", cells)} {string.Join(" ", others)}");
                copy += 100;
            }
            return string.Join(",", made.Where(f => f is not null).Select(f => f!(rows[1]))) + ";" + string.Join(" ", cells) + ";" + string.Join(" ", others);
        }
        """;

    private static readonly SharedProgram Program = LambdaCaptureHelpers.WithAsyncTwin(Helpers, Receivers, "Receivers");

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_lambda_assigned_to_an_element_of_a_span_after_the_first_suspension_of_a_ref_locals_index_after_a_receiver_that_evaluates_something_keeps_each_iterations_variable(int count) =>
        Assert.Null(AsyncTwin.Compare(Program, Programs.StaticType, "Receivers", count).Exception);
}
