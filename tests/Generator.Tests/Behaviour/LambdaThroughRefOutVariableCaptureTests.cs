using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Issue 14, a per-iteration lambda (over an anonymous type, capturing a variable of a loop that suspends) assigned through a ref local or to
/// a span's element in a statement kept in a block that keeps the environments, whose <c>out</c> argument declares a variable of a ref struct
/// type read after it: in an <c>if</c> condition (<c>if (Made(copy, out var other) &amp;&amp; (span[1] = x =&gt; ...) is not null) ...</c> then
/// <c>other[1]</c>) or a declaration's value (<c>var n = Made(copy, out var third) &amp;&amp; (slot = x =&gt; ...) is not null ? third[0] : -1;</c>), and
/// an expression statement's, in a block that does not suspend and in one that does (the variable a local of Step(), used only before the
/// suspension, as C# async accepts it): the variable is declared before the block, <c>scoped</c> when the call's other arguments are narrower
/// than the caller's context (a <c>stackalloc</c>). The same for a pattern that declares no other variable (<c>if (!((slot = x =&gt; ...) is not null &amp;&amp;
/// Spanned(copy) is var first)) continue;</c> then <c>first[1]</c>; <c>is not { Length: &gt; 1 } third</c>; <c>Into(buffer, copy) is var fourth</c>, scoped): it
/// matches into a temporary that it stores. Each run must return, the same as the C# async twin.
/// </summary>
public sealed class LambdaThroughRefOutVariableCaptureTests
{
    // Also the helpers of LambdaThroughRefPatternVariablesCaptureTests.
    internal const string Helpers = """
        private static bool Made(int value, out ReadOnlySpan<int> values)
        {
            values = new[] { value, value * 2 };
            return value % 3 != 1;
        }

        private static bool Into(Span<int> buffer, int value, out Span<int> into)
        {
            buffer[0] = value;
            into = buffer;
            return true;
        }

        private static ReadOnlySpan<int> Spanned(int value) => new[] { value, value + 1, value + 2 };

        private static Span<int> Into(Span<int> buffer, int value)
        {
            buffer[0] = value;
            return buffer;
        }

        private static Func<T, int>[] SlotsOf<T>(T sample) => new Func<T, int>[3];

        """;

    // The coroutines; each one's C# async twin is made from its text (a sleep becomes `await Task.Yield()`).
    private const string Coroutine = """
        [Coroutine]
        public static string OutVariables(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = SlotsOf(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                ref var slot = ref slots[i % 3];
                var span = slots.AsSpan();
                // In the loop's block, which suspends: locals of Step(), used before the suspension.
                _ = Made(copy, out ReadOnlySpan<int> values) && (slot = x => x.A * 5 + copy) is not null;
                Trace.Log($"values {values.Length} {values[1]}");
                if (Made(copy + 1, out var other) && (span[1] = x => x.A * 3 + copy) is not null)
                {
                    Trace.Log($"other {other[0]}");
                }
                Trace.Log($"other after {other[1]}");
                var n = Made(copy + 2, out var third) && (span[0] = x => x.A * 7 + copy) is not null ? third[0] : -1;
                Trace.Log($"third {n} {third[1]}");
                // In a block that does not suspend: kept as written.
                if (copy >= 0)
                {
                    if (!Made(copy + 3, out ReadOnlySpan<int> fourth) || (slot = x => x.A * 11 + copy) is null)
                    {
                        Trace.Log("not made");
                    }
                    Trace.Log($"fourth {fourth[0]}");
                    // `var`, its context the stack's (a span of a stackalloc given to the call: C# makes it scoped).
                    Span<int> buffer = stackalloc int[2];
                    var m = Into(buffer, copy + fourth[1], out var into) && (span[2] = x => x.A * 13 + copy) is not null ? into[0] : 0;
                    Trace.Log($"into {m} {into[0]} {into.Length}");
                    later.Add(() => copy * 3 + m);
                }
                // A declared local a closure captures, in its environment: assigned in the block.
                var kept = Made(copy + 4, out var fifth) && (slot = x => x.A * 17 + copy) is not null ? fifth[1] : 0;
                Trace.Log($"fifth {fifth[0]}");
                // Several iterations run before a suspension: each lambda keeps its own iteration's variables.
                if (i % 3 == 1)
                {
                    Yield.Sleep(1);
                }
                later.Add(() => kept);
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(slots.Where(f => f is not null).Select(f => f(rows[1]))));
        }
        """;

    // A pattern that declares no other variable: it matches into a temporary that it stores.
    private const string Patterns = """
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

    private static readonly SharedProgram Program = LambdaCaptureHelpers.WithAsyncTwin(Helpers, Coroutine, "OutVariables");
    private static readonly SharedProgram PatternsProgram = LambdaCaptureHelpers.WithAsyncTwin(Helpers, Patterns, "Patterns");

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_lambda_assigned_through_a_ref_local_or_to_a_span_element_beside_an_out_span_of_a_condition_or_a_value_read_after_it_keeps_each_iterations_variable(int count) =>
        Assert.Null(AsyncTwin.Compare(Program, Programs.StaticType, "OutVariables", count).Exception);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_lambda_assigned_through_a_ref_local_or_to_a_span_element_beside_a_pattern_span_read_after_it_keeps_each_iterations_variable(int count) =>
        Assert.Null(AsyncTwin.Compare(PatternsProgram, Programs.StaticType, "Patterns", count).Exception);
}
