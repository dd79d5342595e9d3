using System;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Issue 14, a per-iteration lambda (over an anonymous type, capturing a variable of a loop that suspends) assigned to an element of a span made
/// after the first suspension of a declaration of several ref struct locals, in the value of one whose value holds a collection expression of a
/// span type (<c>ReadOnlySpan&lt;int&gt; first = Filled([Next(copy), 1], ...), second = Filled([copy, 2], rows, (slots.AsSpan()[2] = x =&gt; ...) is null ? ... : ...);</c>):
/// declared one at a time, that local without its value, its collections kept in locals of their own before the block that keeps the environments
/// and assigns it (C# makes a collection for the block it is in), the later locals after it. Each run must return, the same as the C# async twin.
/// </summary>
public sealed class LambdaThroughRefInSeveralCollectionLocalsCaptureTests
{
    private const string Helpers = """
        private static ReadOnlySpan<int> Filled<T>(ReadOnlySpan<int> values, T[] rows, Func<T, int> read)
        {
            Trace.Log($"filled {values[0]} {values[^1]} {read(rows[0])}");
            return values;
        }

        private static Func<T, int>[] Readers<T>(T sample) => new Func<T, int>[3];

        """;

    // The coroutine; its C# async twin is made from its text (a sleep becomes `await Task.Yield()`).
    private const string Coroutine = """
        [Coroutine]
        public static string SeveralCollectionLocals(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var made = Readers(rows[0]).ToList();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // The lambda in a later local's value, after a collection; a later local whose collection reads it.
                ReadOnlySpan<int> first = Filled([Next(copy), 1], rows, y => y.A),
                    second = Filled([copy, Index("second", first[0])], rows, (slots.AsSpan()[2] = x => x.A * 7 + copy) is null ? y => 0 : y => y.A + 1),
                    third = Filled([second[1], copy + 3], rows, y => y.A * 2);
                Trace.Log($"first {first[0]} second {second[1]} third {third[0] + third[1]}");
                made.Add(slots[2]!);
                // The lambda in the first local's value, after its suspension.
                ReadOnlySpan<int> fourth = Filled([copy, Next(copy) + 1], rows, (slots.AsSpan()[0] = x => x.A * 11 + copy) is null ? y => 0 : y => y.A),
                    fifth = Filled([fourth[1], 5], rows, y => y.A);
                Trace.Log($"fourth {fourth[0] + fourth[1]} fifth {fifth[0]}");
                made.Add(slots[0]!);
                copy += 100;
            }
            return string.Join(",", made.Where(f => f is not null).Select(f => f!(rows[1])));
        }
        """;

    private static readonly SharedProgram Program = LambdaCaptureHelpers.WithAsyncTwin(Helpers, Coroutine, "SeveralCollectionLocals");

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void A_lambda_assigned_to_a_span_element_after_the_suspension_of_one_of_several_ref_struct_locals_holding_collections_keeps_each_iterations_variable(int count)
    {
        var trace = AsyncTwin.Compare(Program, Programs.StaticType, "SeveralCollectionLocals", count);

        Assert.Null(trace.Exception);
        Assert.Single(trace.Lines, static l => l.StartsWith("returned: ", StringComparison.Ordinal) && l.Length > "returned: ".Length);
    }
}
