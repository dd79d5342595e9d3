using System;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type that captures a per-iteration variable of a loop that suspends, assigned through a ref local or
/// to an element of a span (neither can be captured by the lambda the generated code would make it with): in a declaration,
/// in a condition that declares a variable, in a statement that suspends before the suspension.
/// Against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class LambdaThroughRefInDeclarationCaptureTests
{
    private const string Helpers = """
        private static int Bump(ref int value) => ++value;

        """;

    // The coroutines; each one's C# async twin is made from its text (a sleep becomes `await Task.Yield()`, a call of
    // Next an await of NextAsync): the same body, compiled by C# itself.
    private const string Coroutines = """
        [Coroutine]
        public static string Declared(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var later = new List<Func<int>>();
            var made = Readers(rows[0]).ToList();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                ref var slot = ref slots[i % 2];
                // Declared in the loop's block that suspends: `n` lives across the sleep, in the iteration's environment (a closure reads it).
                var n = (slot = x => x.A * 5 + copy) is null ? 0 : 1;
                var span = slots.AsSpan();
                int m = (span[2] = x => x.A * 7 + copy)(rows[0]), o = Index("o", m);
                later.Add(() => n + m + o);
                // An argument of a call whose value is a ref struct, used by reference in the value.
                var bumped = Bump(ref Filled(new int[1], rows, x => x.A * 21 + copy, made)[0]);
                later.Add(() => bumped);
                if (copy % 2 == 1)
                {
                    // In a block without a suspension, kept as written.
                    var inBlock = (slot = x => x.A * 11 + copy) is null ? 2 : 3;
                    Trace.Log($"in block {inBlock} {slot!(rows[1])}");
                }
                // Several iterations run before a suspension: each lambda keeps its own iteration's variables.
                if (i % 3 == 1)
                {
                    Yield.Sleep(1);
                }
                Trace.Log($"declared {n} {m} {o}");
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(slots.Concat(made).Where(f => f is not null).Select(f => f(rows[1]))));
        }

        [Coroutine]
        public static string DeclaringConditions(int count, string text)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var made = Readers(rows[0]).ToList();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                ref var slot = ref slots[i % 2];
                var tries = 0;
                // A variable of the condition, new at each test, read by the lambda too.
                while (int.TryParse(text, out var k) && (slot = x => x.A * 3 + copy + k) is not null && tries++ < 2)
                {
                    Trace.Log($"while {k} {slot(rows[0])}");
                }
                made.Add(slot!);
                var span = slots.AsSpan();
                if (rows[0] is { A: var a } && (span[2] = x => x.A * a + copy) is not null)
                {
                    Trace.Log($"if {a} {span[2](rows[1])}");
                }
                made.Add(span[2]!);
                // A variable of the collection of a foreach, evaluated once.
                foreach (var value in new[] { (span[1] = x => x.A * 4 + copy) is null ? 0 : 1, int.TryParse(text, out var parsed) ? parsed : -1 })
                {
                    Trace.Log($"foreach {value} {span[1](rows[0])}");
                }
                made.Add(span[1]!);
                if (i % 3 == 1)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            // Called after later iterations: each lambda reads its own iteration's variables.
            return string.Join(",", made.Where(f => f is not null).Select(f => f(rows[1])));
        }
        """;

    private const string Suspending = """
        [Coroutine]
        public static string BeforeSuspension(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                ref var slot = ref slots[i % 2];
                // Used before the suspension of the same statement only (C# refuses a ref local or a span used after it).
                var c = ((slot = x => x.A * 5 + copy) is null ? 0 : 1) + Next(copy);
                later.Add(() => c);
                var span = slots.AsSpan();
                Trace.Log($"{(span[2] = x => x.A * 7 + copy) is null} {Next(copy + 1)}");
                ref var other = ref slots[(i + 1) % 2];
                if ((other = x => x.A * 9 + copy) is null || Next(copy + 2) > 3)
                {
                    Trace.Log("if");
                }
                // An argument of the coroutine called: the callee is made with it before the suspension.
                ref var third = ref slots[i % 2];
                var e = Next((third = x => x.A * 15 + copy) is null ? 1 : 2) + 1;
                ref var fourth = ref slots[2];
                Next((fourth = x => x.A * 17 + copy) is null ? 3 : 4);
                later.Add(() => e);
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(slots.Where(f => f is not null).Select(f => f(rows[1]))));
        }
        """;

    private static readonly SharedProgram Program = ProgramOf(Coroutines, "Declared", "DeclaringConditions");

    private static readonly SharedProgram SuspendingProgram = ProgramOf(Suspending, "BeforeSuspension");

    /// <summary>The program of <paramref name="coroutines"/> (named <paramref name="names"/>) and their async twins, with these helpers (LambdaThroughRefDeclaringCaptureTests' too).</summary>
    internal static SharedProgram ProgramOf(string coroutines, params string[] names) => ProgramWith("", coroutines, names);

    /// <summary>The same with more <paramref name="helpers"/> (methods the coroutines and their twins share).</summary>
    internal static SharedProgram ProgramWith(string helpers, string coroutines, string[] names) =>
        new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(
            Programs.TestTypes + Programs.NextAndItsAsyncTwin + LambdaCaptureHelpers.Logged + LambdaCaptureHelpers.Filled +
            "private static Func<T, int>[] Readers<T>(T sample) => new Func<T, int>[3];\n\n" + Helpers + helpers + coroutines + "\n" + LambdaCaptureHelpers.AsyncTwinOf(coroutines, names)));

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_lambda_assigned_through_a_ref_local_or_to_a_span_element_in_a_declaration_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Declared", count);

    [Theory]
    [InlineData(1, "5")]
    [InlineData(5, "5")]
    [InlineData(4, "x")]
    public void A_lambda_assigned_through_a_ref_local_or_to_a_span_element_in_a_condition_that_declares_a_variable_keeps_each_iterations_variable(int count, string text) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "DeclaringConditions", count, text);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_lambda_assigned_through_a_ref_local_or_to_a_span_element_before_the_suspension_of_its_statement_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(SuspendingProgram, Programs.StaticType, "BeforeSuspension", count);
}
