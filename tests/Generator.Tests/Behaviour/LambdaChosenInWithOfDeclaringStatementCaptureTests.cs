using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type that captures a per-iteration variable of a loop that suspends, a branch of a <c>?:</c> in a <c>with</c>
/// with a suspension after it whose other branch evaluates something, in a statement that declares a variable in an expression after that
/// member (an <c>out</c> argument, a pattern) or in the <c>?:</c> itself: the <c>?:</c> is kept before the suspension in a block that keeps the
/// environment, and the variable stays the statement's (in a field, which that block assigns, for one of the <c>?:</c>), read after it and captured as C# does. Against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class LambdaChosenInWithOfDeclaringStatementCaptureTests
{
    private const string Helpers = """
        public sealed record Pair<T>(Func<T, int>? First, int Tag);

        private static Pair<T> PairOf<T>(T sample) => new Pair<T>(null, 0);

        private static Func<T, int> Other<T>(T sample, int tag)
        {
            Trace.Log($"other {tag}");
            return x => -tag;
        }

        """;

    // Its C# async twin is made from its text (LambdaCaptureHelpers.WithAsyncTwin): the same body, compiled by C# itself.
    private const string Declaring = """
        [Coroutine]
        public static string Declaring(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var holder = new { Slot = Other(rows[0], 0), Tag = 0 };
            var pair = PairOf(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // A copy of an anonymous type in an expression statement whose out argument after the `?:` declares a variable read after it and captured.
                holder = holder with { Slot = Test("slot", copy % 2 == 0) ? x => x.A * 5 + copy : Other(rows[1], copy), Tag = int.TryParse(Index("text", copy + 3).ToString(), out var k) ? Next(k) : 0 };
                var kept = holder;
                later.Add(() => kept.Slot(rows[1]) * 1000 + kept.Tag * 10 + k);
                // A record's copy in a declaration whose pattern after the `?:` declares a variable.
                var next = pair with { First = Test("first", copy % 3 == 0) ? Other(rows[0], -copy) : x => x.A * 7 + copy, Tag = copy is > 0 and var big ? Next(big * 2) : -1 };
                later.Add(() => next.First!(rows[0]) * 1000 + next.Tag);
                // One the `?:` itself declares, read and captured after it: it lives in a field, which the block that keeps the environment assigns.
                var third = pair with { First = int.TryParse(Index("third", copy + 5).ToString(), out var m) && copy % 2 == 0 ? x => x.A * 11 + copy + m : Other(rows[1], m), Tag = Next(m) };
                later.Add(() => third.First!(rows[0]) * 1000 + third.Tag * 10 + m);
                // In a returned value, after the last iteration.
                if (i == count - 1)
                {
                    return string.Join(",", later.Select(f => f())) + ":" + (pair with { First = Test("last", copy > 1) ? x => x.A * 9 + copy : Other(rows[1], copy), Tag = int.TryParse(Index("last", copy).ToString(), out var n) ? Next(n + 1) : 0 }).First!(rows[1]) + ":" + n;
                }
                if (i % 3 == 2)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()));
        }
        """;

    private static readonly SharedProgram DeclaringProgram = LambdaCaptureHelpers.WithAsyncTwin(Helpers, Declaring, "Declaring");

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void A_lambda_chosen_in_a_with_before_its_suspension_in_a_statement_that_declares_a_variable_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(DeclaringProgram, Programs.StaticType, "Declaring", count);
}
