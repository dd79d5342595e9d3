using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type that captures a per-iteration variable of a loop that suspends, assigned to an element of
/// a span before or after a suspension of a statement that declares a variable (by an <c>out</c> argument, a pattern) that
/// closures capture or code after it reads: the condition of an <c>if</c>, a <c>while</c> or a <c>do</c>, a declaration, an
/// expression statement, a deconstruction, an argument of a coroutine's call, a <c>for</c> declaration, a <c>switch</c> value, a
/// <c>foreach</c> collection, a <c>using</c> resource, a <c>return</c>. A
/// <c>while</c>'s condition's variables are new for each test, so each lambda keeps its own; an <c>if</c>'s are the block's.
/// Against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class LambdaInSuspendingConditionCaptureTests
{
    internal const string Helpers = """
        private static Func<T, int>[] SlotsOf<T>(T sample) => new Func<T, int>[1];

        private static bool Parsed(int value, out int parsed)
        {
            Trace.Log($"parsed {value}");
            parsed = value;
            return true;
        }

        private static bool Keep<T>(List<Func<int>> later, Func<T, int> slot, T row, int r)
        {
            later.Add(() => slot(row) + r);
            return true;
        }

        """;

    private const string Conditions = """
        [Coroutine]
        public static string Conditions(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = SlotsOf(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                int n = 0;
                // Assigned before the suspension; the condition's variable is new for each evaluation.
                while ((slots.AsSpan()[0] = x => x.A + copy * 10) is not null && Parsed(n * 100 + copy, out var k) && Next(n) < 3)
                {
                    var slot = slots[0];
                    later.Add(() => slot(rows[1]) + k);
                    n++;
                }
                // Assigned before the suspension, capturing the condition's variable.
                n = 0;
                while (Parsed(n * 10 + copy, out var j) && (slots.AsSpan()[0] = x => x.A * 31 + copy + j) is not null && Next(n) < 2)
                {
                    var slot = slots[0];
                    later.Add(() => slot(rows[1]) + j);
                    n++;
                }
                // Assigned after the suspension, capturing the condition's variable.
                n = 0;
                while (Parsed(n * 1000 + copy, out var m) && Next(n) < 2 && (slots.AsSpan()[0] = x => x.A * 3 + copy + m) is not null)
                {
                    var slot = slots[0];
                    later.Add(() => slot(rows[0]));
                    n++;
                }
                if (Parsed(copy + 7, out var p) && Next(p) is int q && (slots.AsSpan()[0] = x => x.A * 5 + copy + p + q) is not null)
                {
                    var slot = slots[0];
                    later.Add(() => slot(rows[1]));
                }
                // An `if` condition's variables are the block's: read after the `if`, captured there.
                if ((slots.AsSpan()[0] = x => x.A * 11 + copy) is null || !Parsed(copy * 3, out var wide) || Next(wide) < 0)
                {
                    continue;
                }
                var eleventh = slots[0];
                later.Add(() => eleventh(rows[0]) + wide);
                // A declaration: its value's variable read after the suspension, and by the next statement.
                var total = (Parsed(copy + 40, out var d) && (slots.AsSpan()[0] = x => x.A * 13 + copy + d) is not null ? d : 0) + Next(d) + d;
                var thirteenth = slots[0];
                later.Add(() => thirteenth(rows[1]) + total + d);
                // An expression statement: after the suspension.
                total += Next(copy) + (Parsed(copy + 50, out var e) && (slots.AsSpan()[0] = x => x.A * 17 + copy + e) is not null ? e : 0);
                var seventeenth = slots[0];
                later.Add(() => seventeenth(rows[0]) + total + e);
                // Declared after the suspension, read by the next statements only, no closure capturing them.
                var plain = Next(copy) + (Parsed(copy + 60, out var f) && (slots.AsSpan()[0] = x => x.A * 19 + copy) is not null ? f : 0);
                Trace.Log($"plain {plain} {f} {slots[0](rows[1])}");
                total = Next(copy) + (Parsed(copy + 70, out var g) && (slots.AsSpan()[0] = x => x.A * 23 + copy + g) is not null ? g : 0);
                Trace.Log($"total {total} {g} {slots[0](rows[0])}");
                if (Next(copy) + (Parsed(copy + 80, out var h) ? 0 : 1) > 0 && (slots.AsSpan()[0] = x => x.A * 29 + copy + h) is not null)
                {
                    Trace.Log($"then {h}");
                }
                Trace.Log($"after {h} {slots[0](rows[1])}");
                n = 0;
                do
                {
                    n++;
                }
                while ((slots.AsSpan()[0] = x => x.A * 7 + copy + n) is not null && Next(n) is int r && r < 3 && Keep(later, slots[0], rows[0], r));
                if (i % 2 == 1)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()));
        }
        """;

    private static readonly SharedProgram ConditionsProgram =
        LambdaCaptureHelpers.WithAsyncTwin(Helpers, Conditions, "Conditions");

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_lambda_assigned_to_a_span_element_in_a_suspending_condition_that_declares_a_variable_keeps_each_evaluations_variables_and_the_blocks(int count) =>
        Assert.Null(AsyncTwin.Compare(ConditionsProgram, Programs.StaticType, "Conditions", count).Exception);
    private const string Statements = """
        [Coroutine]
        public static string Statements(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = SlotsOf(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // An argument of a coroutine's call that declares a variable, read after the call.
                var called = Next(Parsed(copy + 5, out var a) && (slots.AsSpan()[0] = x => x.A * 3 + copy + a) is not null ? a : -1) + a;
                var third = slots[0];
                later.Add(() => third(rows[1]) + called + a);
                // A deconstruction, after the suspension.
                var (da, db) = (Next(copy), Parsed(copy + 90, out var dd) && (slots.AsSpan()[0] = x => x.A * 37 + copy + dd) is not null ? dd : 0);
                var thirtyseventh = slots[0];
                later.Add(() => thirtyseventh(rows[1]) + da + db + dd);
                // A switch value: its variable is the switch's.
                switch (Next(copy) + (Parsed(copy * 7, out var sw) && (slots.AsSpan()[0] = x => x.A * 5 + copy + sw) is not null ? sw : 0))
                {
                    case var v when v % 2 == 0:
                        var fifth = slots[0];
                        later.Add(() => fifth(rows[0]) + v + sw);
                        break;
                    default:
                        Trace.Log($"odd {sw}");
                        break;
                }
                // A foreach collection: its variable is one for the run of the foreach.
                foreach (var e in Next(copy) + (Parsed(copy + 20, out var fe) ? 0 : 1) > 0 && (slots.AsSpan()[0] = x => x.A * 17 + copy + fe) is not null ? new[] { fe, fe + 1 } : new int[0])
                {
                    var seventeenth = slots[0];
                    later.Add(() => seventeenth(rows[0]) + e + fe);
                }
                // A using resource: its variable is the block's.
                using (Next(copy) + (Parsed(copy + 60, out var us) ? 0 : 1) > 0 && (slots.AsSpan()[0] = x => x.A * 23 + copy + us) is not null ? new System.IO.MemoryStream() : null)
                {
                    var twentythird = slots[0];
                    later.Add(() => twentythird(rows[0]) + us);
                }
                // A `for` declaration and a `do` condition, before and after their suspensions.
                for (var m = (Parsed(copy + 9, out var fm) && (slots.AsSpan()[0] = x => x.A * 7 + copy + fm) is not null ? fm : 0) + Next(copy); m < copy + 12; m++)
                {
                    var seventh = slots[0];
                    later.Add(() => seventh(rows[1]) + m + fm);
                }
                int n = 0;
                do
                {
                    n++;
                }
                while (Next(n) + (Parsed(n + copy, out var dw) ? dw : 0) < 4 + copy && (slots.AsSpan()[0] = x => x.A * 11 + copy + dw) is not null && Keep(later, slots[0], rows[1], dw));
                // A returned value at the last iteration.
                if (i == count - 1)
                {
                    return string.Join(",", later.Select(f => f())) + ";" + (Parsed(copy + 3, out var r) && (slots.AsSpan()[0] = x => x.A * 13 + copy + r) is not null ? r : 0) + Next(r) + slots[0](rows[0]);
                }
                if (i % 2 == 1)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()));
        }
        """;

    private static readonly SharedProgram StatementsProgram =
        LambdaCaptureHelpers.WithAsyncTwin(Helpers, Statements, "Statements");

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_lambda_assigned_to_a_span_element_in_another_suspending_statement_that_declares_a_variable_keeps_each_iterations_variables(int count) =>
        Assert.Null(AsyncTwin.Compare(StatementsProgram, Programs.StaticType, "Statements", count).Exception);
}
