using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A <c>stackalloc</c> whose size or elements suspend (<c>Span&lt;int&gt; s = stackalloc int[Next(n)];</c>), which C# <c>async</c>
/// accepts: as its <c>AwaitExpressionSpiller</c> does, the suspension's value goes to a temporary and the declaration runs after
/// the resume, a local of <c>Step()</c> (the span lives across no suspension); against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class RefStructStackallocSizeTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + Programs.NextAndItsAsyncTwin + """
        private static int Sum(ReadOnlySpan<int> s)
        {
            var sum = 0;
            foreach (var x in s)
            {
                sum += x;
            }
            return sum;
        }

        /// <summary>The size alone, nested in an operand, an element of a sized and of an implicit stackalloc, and a stackalloc that is an argument.</summary>
        [Coroutine]
        public static int Sizes(int n)
        {
            Span<int> s = stackalloc int[Next(n)];
            s.Fill(n);
            Trace.Log($"size {s.Length} sum {Sum(s)}");
            ReadOnlySpan<int> nested = stackalloc int[Next(1) + n];
            Trace.Log($"nested {nested.Length}");
            Span<int> elements = stackalloc int[3] { n, Next(2), n + 1 };
            Trace.Log($"elements {elements[0]} {elements[1]} {elements[2]}");
            Span<int> implicitly = stackalloc[] { Next(3), n };
            Trace.Log($"implicit {implicitly[0]} {implicitly[1]}");
            return Sum(stackalloc int[Next(2) + 1]) + stackalloc int[Next(4)].Length;
        }

        public static async Task<int> SizesAsync(int n)
        {
            Span<int> s = stackalloc int[await NextAsync(n)];
            s.Fill(n);
            Trace.Log($"size {s.Length} sum {Sum(s)}");
            ReadOnlySpan<int> nested = stackalloc int[await NextAsync(1) + n];
            Trace.Log($"nested {nested.Length}");
            Span<int> elements = stackalloc int[3] { n, await NextAsync(2), n + 1 };
            Trace.Log($"elements {elements[0]} {elements[1]} {elements[2]}");
            Span<int> implicitly = stackalloc[] { await NextAsync(3), n };
            Trace.Log($"implicit {implicitly[0]} {implicitly[1]}");
            return Sum(stackalloc int[await NextAsync(2) + 1]) + stackalloc int[await NextAsync(4)].Length;
        }

        /// <summary>In a for body that suspends (one stackalloc a turn, each turn a Step() call of its own), and in a for header.</summary>
        [Coroutine]
        public static int Loop(int n)
        {
            var total = 0;
            for (var i = 0; i < n; i++)
            {
                Span<int> s = stackalloc int[Next(i + 1)];
                s[i] = i * 10;
                Trace.Log($"turn {i}: {s.Length} {Sum(s)}");
                total += Sum(s) + Next(i);
            }
            for (Span<int> s = stackalloc int[Next(2)]; total < 100 && n > 0; total += 40)
            {
                s[0] += total;
                Trace.Log($"header {s[0]}");
            }
            return total;
        }

        public static async Task<int> LoopAsync(int n)
        {
            var total = 0;
            for (var i = 0; i < n; i++)
            {
                Span<int> s = stackalloc int[await NextAsync(i + 1)];
                s[i] = i * 10;
                Trace.Log($"turn {i}: {s.Length} {Sum(s)}");
                total += Sum(s) + await NextAsync(i);
            }
            for (Span<int> s = stackalloc int[await NextAsync(2)]; total < 100 && n > 0; total += 40)
            {
                s[0] += total;
                Trace.Log($"header {s[0]}");
            }
            return total;
        }

        /// <summary>A stackalloc in a branch of ?: (it suspends only on that branch), and a size whose own ?: suspends.</summary>
        [Coroutine]
        public static int Conditional(int n)
        {
            Span<int> s = n > 0 ? stackalloc int[Next(n)] : default;
            var total = s.Length;
            Trace.Log($"conditional {total}");
            ReadOnlySpan<int> both = n > 1 ? stackalloc int[Next(n)] : stackalloc int[1];
            total += both.Length;
            Trace.Log($"both {total}");
            Span<int> sized = stackalloc int[n > 2 ? Next(n) : 1];
            return total + sized.Length;
        }

        public static async Task<int> ConditionalAsync(int n)
        {
            Span<int> s = n > 0 ? stackalloc int[await NextAsync(n)] : default;
            var total = s.Length;
            Trace.Log($"conditional {total}");
            ReadOnlySpan<int> both = n > 1 ? stackalloc int[await NextAsync(n)] : stackalloc int[1];
            total += both.Length;
            Trace.Log($"both {total}");
            Span<int> sized = stackalloc int[n > 2 ? await NextAsync(n) : 1];
            return total + sized.Length;
        }
        """));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_suspension_in_a_stackalloc_size_or_element_runs_before_the_span_is_made(int n) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Sizes", n);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_stackalloc_whose_size_suspends_in_a_for_body_and_header(int n) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Loop", n);

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_stackalloc_whose_size_suspends_in_a_branch_of_a_conditional(int n) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Conditional", n);
}
