using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Issue 14, a per-iteration lambda (over an anonymous type, capturing a variable of a loop that suspends) assigned through a ref local or to
/// a span's element in an expression statement kept in a block that keeps the environments, whose <c>out</c> argument declares a variable of a
/// ref struct type read after it (<c>_ = Made(copy, out ReadOnlySpan&lt;int&gt; values) &amp;&amp; (slot = x =&gt; ...) is not null;</c> then <c>values.Length</c>):
/// the variable is declared before the block, <c>scoped</c> when the call's other arguments are narrower than the caller's context (a <c>stackalloc</c>).
/// In a statement of a switch section, a variable a closure captures and code after it reads lives in an environment of the switch, new on each
/// entry (C#'s scope for it). Each run must return, the same as the C# async twin.
/// </summary>
public sealed class LambdaThroughRefDeclaredBeforeCaptureTests
{
    private const string Helpers = """
        private static bool Made(int value, out ReadOnlySpan<int> values)
        {
            values = new[] { value, value * 2 };
            return true;
        }

        private static bool Into(Span<int> buffer, int value, out Span<int> into)
        {
            buffer[0] = value;
            into = buffer;
            return true;
        }

        """;

    // The coroutine; its C# async twin is made from its text (a sleep becomes `await Task.Yield()`).
    private const string Coroutines = """
        [Coroutine]
        public static string OutSpans(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                ref var slot = ref slots[i % 2];
                var span = slots.AsSpan();
                // In a block without a suspension (kept as written): in the loop's block, a ref struct local declared by `out` is COR0009 with or without a lambda.
                if (copy >= 0)
                {
                    _ = Made(copy, out ReadOnlySpan<int> values) && (slot = x => x.A * 5 + copy) is not null;
                    Trace.Log($"values {values.Length} {values[1]}");
                    // `var`, its context the stack's (a span of a stackalloc given to the call: C# makes it scoped).
                    Span<int> buffer = stackalloc int[2];
                    _ = Into(buffer, copy + values[1], out var into) && (span[2] = x => x.A * 7 + copy) is not null;
                    Trace.Log($"into {into[0]} {into.Length}");
                    later.Add(() => copy * 3);
                }
                switch (copy % 2)
                {
                    case 0:
                        _ = Made(copy + 10, out var inner) && (span[1] = x => x.A * 9 + copy) is not null;
                        Trace.Log($"inner {inner[0]}");
                        break;
                }
                // Several iterations run before a suspension: each lambda keeps its own iteration's variables.
                if (i % 3 == 1)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(slots.Where(f => f is not null).Select(f => f(rows[1]))));
        }

        [Coroutine]
        public static string Sections(int count, string text)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                ref var slot = ref slots[i % 2];
                // A switch that suspends: the variable a closure keeps lives in an environment of the switch, new on each entry.
                switch (i % 3)
                {
                    case 0:
                        _ = int.TryParse(text, out var k) && (slot = x => x.A * 5 + copy) is not null;
                        later.Add(() => k + copy);
                        Trace.Log($"k {k}");
                        k += 10;
                        break;
                    case 1:
                        Yield.Sleep(1);
                        k = 7; // the section's variable is the switch's: another section assigns it
                        later.Add(() => k * 2);
                        break;
                }
                // One that does not suspend, kept as written.
                ref var other = ref slots[(i + 1) % 2];
                switch (copy % 2)
                {
                    case 0:
                        var m = int.TryParse(text + "2", out var parsed) && (other = x => x.A * 9 + copy) is not null ? 1 : 0;
                        later.Add(() => parsed + m + copy);
                        Trace.Log($"parsed {parsed}");
                        break;
                    default:
                        later.Add(() => copy);
                        break;
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(slots.Where(f => f is not null).Select(f => f(rows[1]))));
        }
        """;

    private static readonly SharedProgram Program = LambdaThroughRefInDeclarationCaptureTests.ProgramWith(Helpers, Coroutines, new[] { "OutSpans", "Sections" });

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_lambda_assigned_through_a_ref_local_or_to_a_span_element_beside_an_out_span_read_after_it_keeps_each_iterations_variable(int count) =>
        Assert.Null(AsyncTwin.Compare(Program, Programs.StaticType, "OutSpans", count).Exception);

    [Theory]
    [InlineData(1, "5")]
    [InlineData(5, "5")]
    [InlineData(7, "x")]
    public void A_lambda_assigned_through_a_ref_local_in_a_switch_section_keeps_each_entrys_variable_a_closure_captures(int count, string text) =>
        Assert.Null(AsyncTwin.Compare(Program, Programs.StaticType, "Sections", count, text).Exception);
}
