using System;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Issue 14, a per-iteration lambda (over an anonymous type, capturing a variable of a loop that suspends) assigned through a ref local or to
/// a span's element in a statement kept in a block that keeps the environments, whose pattern declares a variable of a ref struct type read
/// after it and another variable too (<c>if (!((slot = x =&gt; ...) is not null &amp;&amp; Spanned(copy) is { Length: var count } span)) continue;</c>
/// then <c>span[0]</c> and <c>count</c>): the ref struct variable is declared before the block and the pattern matches into a temporary that it
/// stores, the other variable stored after it in its field (a closure's environment's when a lambda captures it), or declared before the block
/// too when it is of a ref struct type (<c>is { Values: var values } holder</c>); in a block that suspends (locals of Step(), used only before
/// the suspension, as C# async accepts them) and in one that does not; <c>is not ...</c> too. Each run must return, the same as the C# async twin.
/// </summary>
public sealed class LambdaThroughRefPatternVariablesCaptureTests
{
    // A ref struct with a span in it, beside the helpers of LambdaThroughRefOutVariableCaptureTests (Spanned, Into, SlotsOf).
    private const string Helpers = LambdaThroughRefOutVariableCaptureTests.Helpers + """
        private ref struct Holder
        {
            public ReadOnlySpan<int> Values;
            public int Length => Values.Length;
        }

        private static Holder Held(int value) => new Holder { Values = new[] { value * 2, value * 3 } };

        """;

    // The coroutine; its C# async twin is made from its text (a sleep becomes `await Task.Yield()`).
    private const string Coroutine = """
        [Coroutine]
        public static string PatternVariables(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = SlotsOf(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                ref var slot = ref slots[i % 3];
                var span = slots.AsSpan();
                // In the loop's block, which suspends: the ref struct variable a local of Step(), used before the suspension; the other in a field.
                if (!((slot = x => x.A * 5 + copy) is not null && Spanned(copy) is { Length: var length } first))
                {
                    Trace.Log("not first");
                    continue;
                }
                Trace.Log($"first {first[0]} {length}");
                if ((span[1] = x => x.A * 3 + copy) is null || Spanned(copy + 1) is not { Length: > 2 and var size } second)
                {
                    continue;
                }
                Trace.Log($"second {second[2]} {size}");
                later.Add(() => copy * 7 + length);
                // A variable a lambda captures: in its environment, new for each iteration.
                if (!((span[0] = x => x.A * 19 + copy) is not null && Held(copy) is { Length: var held, Values: var values } holder))
                {
                    continue;
                }
                Trace.Log($"holder {holder.Length} {values[1]} {held}");
                later.Add(() => held * 10 + copy);
                // In a block that does not suspend: kept as written.
                if (copy >= 0)
                {
                    if ((span[2] = x => x.A * 7 + copy) is null || Spanned(copy + 2) is not ({ Length: > 1 and var third } and var fourth))
                    {
                        Trace.Log("not matched");
                        continue;
                    }
                    Trace.Log($"fourth {fourth[1]} {third}");
                    // Its context the stack's (a span of a stackalloc tested: C# makes it scoped).
                    Span<int> buffer = stackalloc int[2];
                    _ = Into(buffer, copy) is { Length: var width } fifth && (slot = x => x.A * 11 + copy) is not null;
                    Trace.Log($"fifth {fifth[0]} {width}");
                    later.Add(() => copy * 3 + width);
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

    private static readonly SharedProgram Program = LambdaCaptureHelpers.WithAsyncTwin(Helpers, Coroutine, "PatternVariables");

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_lambda_assigned_through_a_ref_local_or_to_a_span_element_beside_a_pattern_declaring_a_span_and_another_variable_read_after_it_keeps_each_iterations_variables(int count)
    {
        var trace = AsyncTwin.Compare(Program, Programs.StaticType, "PatternVariables", count);

        Assert.Null(trace.Exception);
        Assert.Single(trace.Lines, static l => l.StartsWith("returned: ", StringComparison.Ordinal) && l.Length > "returned: ".Length);
    }
}
