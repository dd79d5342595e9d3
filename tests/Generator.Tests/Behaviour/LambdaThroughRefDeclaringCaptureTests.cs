using System;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Issue 14, a per-iteration lambda (over an anonymous type, capturing a variable of a loop that suspends) assigned through a ref local or to
/// a span's element, which the generated code cannot capture in a lambda of its own: the statement is written in a block that keeps the
/// environments, and what that block would end lives in a field. A declaration whose value declares a variable (<c>out var k</c>), read after
/// it or only in it; an expression statement's variable; an <c>if</c> whose condition declares a variable read after the <c>if</c> (also
/// <c>is not { } kept</c>); a declaration of a switch section's locals, in a switch that suspends or not; of an array with an initializer;
/// of locals of an anonymous type that live across no suspension. Each run must return, the same as the direct call and the C# async twin.
/// </summary>
public sealed class LambdaThroughRefDeclaringCaptureTests
{
    // The coroutines; each one's C# async twin is made from its text (a sleep becomes `await Task.Yield()`): the same body, compiled by C# itself
    // (the program of LambdaThroughRefInDeclarationCaptureTests).
    private const string Coroutines = """
        [Coroutine]
        public static string Declaring(int count, string text)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                ref var slot = ref slots[i % 2];
                // A variable of the value read in it only, and one read after it (by a closure too: each iteration's own).
                var n = (slot = x => x.A * 5 + copy) is not null && int.TryParse(text, out var k) ? k : -1;
                var span = slots.AsSpan();
                var m = int.TryParse(text, out var parsed) && (span[2] = x => x.A * 7 + copy) is not null ? parsed + 1 : -2;
                later.Add(() => n + m + parsed);
                Trace.Log($"declared {n} {m} {parsed}");
                // The condition's variable read after the if.
                ref var other = ref slots[(i + 1) % 2];
                if (!((other = x => x.A * 9 + copy + n) is { } kept))
                {
                    return "none";
                }
                later.Add(() => kept(rows[1]));
                Trace.Log($"kept {kept(rows[0])}");
                if (int.TryParse(text, out var number) && (span[1] = x => x.A * 13 + copy) is null)
                {
                    return "null";
                }
                Trace.Log($"number {number}");
                // An expression statement's variable, and a condition's read after the if by no closure.
                _ = int.TryParse(text + "1", out var late) && (slot = x => x.A * 15 + copy) is null;
                if (!((span[0] = x => x.A * 2 + copy + late) is { } first))
                {
                    return "none";
                }
                Trace.Log($"late {late} {first(rows[0])}");
                if ((span[0] = x => x.A * 4 + copy) is not { } second)
                {
                    return "none";
                }
                Trace.Log($"second {second(rows[0])}");
                if (copy % 2 == 1)
                {
                    // In a block without a suspension, kept as written: a variable read in its statement only, one read after it, an anonymous local.
                    var inBlock = (slot = x => x.A * 11 + copy) is null || !int.TryParse(text, out var z) ? 0 : z;
                    var shape = new { Made = (slot = x => x.A * 21 + copy + inBlock) is null, Z = int.TryParse(text, out var w) ? w : 0 };
                    later.Add(() => shape.Z + w);
                    Trace.Log($"in block {inBlock} {shape} {w}");
                }
                // Several iterations run before a suspension: each lambda keeps its own iteration's variables.
                if (i % 3 == 1)
                {
                    Yield.Sleep(1);
                }
                Trace.Log($"after {parsed} {number}");
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(slots.Where(f => f is not null).Select(f => f(rows[1]))));
        }

        [Coroutine]
        public static string Sections(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                ref var slot = ref slots[i % 2];
                switch (i % 3)
                {
                    case 0:
                        var n = (slot = x => x.A * 5 + copy) is null ? 0 : 1;
                        var r = int.TryParse("3", out var parsed) && (slot = x => x.A * 6 + copy) is null ? 0 : parsed;
                        later.Add(() => n + 10 + parsed);
                        Trace.Log($"case 0 {n}");
                        break;
                    case 1:
                        n = 4; // the section's local is the switch's: another section assigns it
                        bool[] tests = { (slot = x => x.A * 11 + copy) is null, copy > 2 };
                        Trace.Log($"case 1 {n} {tests[0]} {tests[1]}");
                        Yield.Sleep(1);
                        Trace.Log($"after {tests.Length}");
                        break;
                    default:
                        var span = slots.AsSpan();
                        int o = (span[2] = x => x.A * 3 + copy)(rows[0]), p = o + 1;
                        later.Add(() => o * p);
                        break;
                }
                // An array with an initializer, its values in C#'s order (a ref local taken again: C# refuses one used after a suspension).
                ref var again = ref slots[i % 2];
                // A switch that does not suspend: its sections' locals are locals of the switch.
                switch (copy % 2)
                {
                    case 0:
                        var q = (again = x => x.A * 29 + copy) is null ? 5 : 6;
                        bool[] flags = { (again = x => x.A * 31 + copy) is null, q > 5 };
                        Trace.Log($"q {q} {flags[0]} {flags[1]}");
                        break;
                    default:
                        q = 7;
                        Trace.Log($"q {q}");
                        break;
                }
                int[] values = { Index("first", copy), (again = x => x.A * 17 + copy)(rows[1]), Index("last", copy + 1) };
                // Locals of an anonymous type that live across no suspension.
                var pair = new { Made = (again = x => x.A * 19 + copy) is not null, Copy = copy };
                var (one, two) = (new { Z = (slots[2] = x => x.A * 23 + copy)(rows[0]) }, 2);
                Trace.Log($"values {string.Join(" ", values)} {pair} {one.Z} {two}");
                later.Add(() => pair.Copy + values[1] + one.Z);
                if (i % 2 == 1)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(slots.Where(f => f is not null).Select(f => f(rows[1]))));
        }
        """;

    private static readonly SharedProgram Program = LambdaThroughRefInDeclarationCaptureTests.ProgramOf(Coroutines, "Declaring", "Sections");

    [Theory]
    [InlineData(1, "5")]
    [InlineData(4, "5")]
    [InlineData(5, "x")]
    public void A_lambda_assigned_through_a_ref_local_or_to_a_span_element_in_a_statement_declaring_a_variable_read_after_it_keeps_each_iterations_variable(int count, string text) =>
        Returns("Declaring", count, text);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_lambda_assigned_through_a_ref_local_or_to_a_span_element_in_a_switch_section_an_array_initializer_or_an_anonymous_local_keeps_each_iterations_variable(int count) =>
        Returns("Sections", count);

    /// <summary>Compares with the C# async twin and requires a returned value (a throw in both would leave the rest of the run unchecked).</summary>
    private static void Returns(string method, params object?[] args) =>
        Assert.Null(AsyncTwin.Compare(Program, Programs.StaticType, method, args).Exception);
}
