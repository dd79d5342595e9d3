using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Issue 14, a per-iteration lambda (over an anonymous type, capturing a variable of a loop that suspends) assigned through a ref local or to
/// a span's element in a statement kept in a block that keeps the environments, whose pattern declares a variable of a ref struct type read
/// after it (<c>if (!((slot = x =&gt; ...) is not null &amp;&amp; Spanned(copy) is var first)) continue;</c> then <c>first[1]</c>; <c>is not { Length: &gt; 1 } third</c>;
/// an expression statement's <c>is var fourth</c> of a span of a <c>stackalloc</c>): the variable is declared before the block (<c>scoped</c> when the
/// value tested may be narrower than the caller's context), the pattern matches into a temporary that it stores, in a block that suspends (the
/// variable a local of Step()) and in one that does not. Each run must return, the same as the C# async twin.
/// </summary>
public sealed class LambdaThroughRefPatternVariableCaptureTests
{
    private const string Helpers = """
        private static ReadOnlySpan<int> Spanned(int value) => new[] { value, value + 1, value + 2 };

        private static Span<int> Into(Span<int> buffer, int value)
        {
            buffer[0] = value;
            return buffer;
        }

        private static Func<T, int>[] SlotsOf<T>(T sample) => new Func<T, int>[3];

        """;

    // The coroutine; its C# async twin is made from its text (a sleep becomes `await Task.Yield()`).
    private const string Coroutine = """
        [Coroutine]
        public static string Patterns(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = SlotsOf(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                ref var slot = ref slots[i % 3];
                var span = slots.AsSpan();
                // In the loop's block, which suspends: the variable a local of Step(), used before the suspension.
                if (!((slot = x => x.A * 5 + copy) is not null && Spanned(copy) is var first))
                {
                    Trace.Log("not first");
                    continue;
                }
                Trace.Log($"first after {first[1]}");
                var n = (span[1] = x => x.A * 3 + copy) is not null && Spanned(copy + 1) is { Length: > 2 } second ? second[2] : -1;
                Trace.Log($"second {n}");
                later.Add(() => copy * 3 + n);
                // In a block that does not suspend: kept as written.
                if (copy >= 0)
                {
                    if ((span[2] = x => x.A * 7 + copy) is null || Spanned(copy + 2) is not { Length: > 1 } third)
                    {
                        Trace.Log("not matched");
                        continue;
                    }
                    Trace.Log($"third {third[1]}");
                    // Its context the stack's (a span of a stackalloc tested: C# makes it scoped).
                    Span<int> buffer = stackalloc int[2];
                    _ = Into(buffer, copy) is var fourth && (slot = x => x.A * 11 + copy) is not null;
                    Trace.Log($"fourth {fourth[0]}");
                }
                if (i % 3 == 1)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(slots.Where(f => f is not null).Select(f => f(rows[1]))));
        }
        """;

    private static readonly SharedProgram Program = LambdaCaptureHelpers.WithAsyncTwin(Helpers, Coroutine, "Patterns");

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_lambda_assigned_through_a_ref_local_or_to_a_span_element_beside_a_pattern_span_read_after_it_keeps_each_iterations_variable(int count) =>
        Assert.Null(AsyncTwin.Compare(Program, Programs.StaticType, "Patterns", count).Exception);
}
