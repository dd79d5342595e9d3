using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Variables of a ref struct type (<c>ReadOnlySpan&lt;int&gt;</c>) that a statement of a block that suspends declares in an expression (an
/// <c>out</c> argument, a pattern: <c>is var t</c>, <c>is { Length: &gt; 2 } s</c>) and that code after the statement reads, used only before each
/// suspension: as C# 13 <c>async</c> accepts them (no field holds them), they stay locals of <c>Step()</c> as declared ref struct locals do, declared
/// again on each turn of a loop; also in a switch section, and two of the same name (one renamed). Each run must return, the same as the C# async twin.
/// </summary>
public sealed class RefStructExpressionVariableTests
{
    private const string Helpers = """
        private static bool Made(int value, out ReadOnlySpan<int> values)
        {
            values = new[] { value, value * 2 };
            return value % 3 != 2;
        }

        private static ReadOnlySpan<int> Spanned(int value) => new[] { value, value + 1, value + 2 };

        private static ReadOnlySpan<int> Made2(int value) => new[] { value + 3 };

        """;

    // The coroutine; its C# async twin is made from its text (a sleep becomes `await Task.Yield()`, a call of Next an await of NextAsync).
    private const string Coroutine = """
        [Coroutine]
        public static string Declared(int count)
        {
            var total = 0;
            for (int i = 0; i < count; i++)
            {
                _ = Made(i, out ReadOnlySpan<int> values);
                total += values[1];
                if (Made(i + 1, out var other) && other.Length > 1)
                {
                    total += other[0];
                }
                Trace.Log($"other {other[1]}");
                if (Spanned(i) is { Length: > 2 } s && s[0] % 2 == 0)
                {
                    total += s[2];
                }
                var n = Spanned(i) is var t && t.Length > 0 ? t[0] : 0;
                total += n + t.Length + Next(i);
                switch (i % 2)
                {
                    case 0:
                        Trace.Log($"case {Made(i * 2, out var inner)} {inner[1]}");
                        Yield.Sleep(1);
                        break;
                }
                if (!Made(i + 5, out var last))
                {
                    Trace.Log($"not made {last[0]}");
                }
                total += last[1];
                Yield.Sleep(1);
            }
            // The same name in another block that suspends, another variable.
            if (total >= 0)
            {
                _ = Made(count, out ReadOnlySpan<int> values);
                Trace.Log($"after {values[0]}");
                total += values[1];
                Yield.Sleep(1);
            }
            return $"{total}";
        }
        """;

    // In switch sections and a `try` whose body suspends, with a finally.
    private const string Sections = """
        [Coroutine]
        public static string Sections(int count)
        {
            var total = 0;
            for (int i = 0; i < count; i++)
            {
                switch (i % 3)
                {
                    case 0:
                        _ = Made(i, out var v);
                        total += v[1];
                        Yield.Sleep(1);
                        break;
                    case 1:
                        var v2 = Made2(i);
                        total += v2[0];
                        Yield.Sleep(1);
                        break;
                    default:
                        try
                        {
                            _ = Made(i + 7, out ReadOnlySpan<int> w);
                            total += w[0];
                            Yield.Sleep(1);
                            if (Made(i, out var w2)) total += w2[1];
                        }
                        finally
                        {
                            total += 1000;
                        }
                        break;
                }
            }
            return total.ToString();
        }
        """;

    private static readonly SharedProgram Program = LambdaCaptureHelpers.WithAsyncTwin(Helpers, Coroutine, "Declared");
    private static readonly SharedProgram SectionsProgram = LambdaCaptureHelpers.WithAsyncTwin(Helpers, Sections, "Sections");

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void A_ref_struct_variable_of_an_out_argument_or_a_pattern_used_only_between_suspensions_runs_as_in_csharp_async(int count) =>
        Assert.Null(AsyncTwin.Compare(Program, Programs.StaticType, "Declared", count).Exception);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_ref_struct_variable_of_an_out_argument_in_a_switch_section_or_a_try_runs_as_in_csharp_async(int count) =>
        Assert.Null(AsyncTwin.Compare(SectionsProgram, Programs.StaticType, "Sections", count).Exception);
}
