using System;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type that captures a per-iteration variable of a loop that suspends, assigned through a ref local or
/// to an element of a span (neither can be captured by the lambda the generated code would make it with), in an argument of a
/// suspension point or of a coroutine's call (through <c>?.</c> too), or after the first suspension of its statement (a span made after
/// the resume: C# refuses a ref local or a span variable used after it, CS9217 and CS4007).
/// Against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class LambdaThroughRefAroundSuspensionCaptureTests
{
    private const string Helpers = """
        // A sleep's twin: its argument is evaluated as the sleep's (whose length the direct call's clock times check).
        private static async Task Slept(int milliseconds) => await Task.Yield();

        /// <summary><c>await</c> of a chain's task: nothing when the chain is null, as the call does not happen; the coroutine's side passes the value on.</summary>
        private static async Task<int?> Maybe(Task<int>? task) => task is null ? null : await task;

        private static int? Maybe(int? value) => value;

        public sealed class Gate
        {
            [SuspensionPoint(nameof(BeginWait), Result = nameof(EndWait))]
            public int Wait(int x)
            {
                Trace.Log($"waits {x}");
                Yield.Sleep(x);
                return EndWait(x);
            }

            public Suspension BeginWait(int x)
            {
                Trace.Log($"waits {x}");
                return Suspension.Sleep(x);
            }

            public int EndWait(int x) => 2 * x;

            public async Task<int> WaitAsync(int x)
            {
                Trace.Log($"waits {x}");
                await Task.Yield();
                return EndWait(x);
            }

            [SuspensionPoint(nameof(BeginPause))]
            public void Pause(int x)
            {
                Trace.Log($"pauses {x}");
                Yield.Sleep(x);
            }

            public Suspension BeginPause(int x)
            {
                Trace.Log($"pauses {x}");
                return Suspension.Sleep(x);
            }

            public async Task PauseAsync(int x)
            {
                Trace.Log($"pauses {x}");
                await Task.Yield();
            }
        }

        public sealed partial class Runner
        {
            [Coroutine]
            public int Run(int x)
            {
                Yield.Sleep(1);
                Trace.Log($"run {x}");
                return x * 10;
            }

            public async Task<int> RunAsync(int x)
            {
                await Task.Yield();
                Trace.Log($"run {x}");
                return x * 10;
            }
        }

        """;

    // The coroutines; each one's C# async twin is made from its text (a sleep becomes an await of Slept, a call of
    // Next an await of NextAsync, a gate's wait or pause and a runner's run an await of its async twin): the same body, compiled by C# itself.
    private const string Coroutines = """
        [Coroutine]
        public static string InArguments(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var made = Readers(rows[0]).ToList();
            var later = new List<Func<int>>();
            var gate = new Gate();
            var runner = count > 2 ? new Runner() : null;
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                ref var slot = ref slots[i % 2];
                // An argument of a suspension point: its arguments are stored before it, in C#'s order, that one in a block that keeps the environments.
                Yield.Sleep((slot = x => x.A * 5 + copy) is null ? 1 : Index("sleep", copy % 3 + 1));
                made.Add(slots[i % 2]!);
                var span = slots.AsSpan();
                gate.Pause(Index("pause", 1) + ((span[2] = x => x.A * 7 + copy) is null ? 0 : copy));
                made.Add(slots[2]!);
                // One whose arguments its result method reads again after the resume.
                ref var other = ref slots[(i + 1) % 2];
                var waited = gate.Wait((other = x => x.A * 9 + copy) is null ? 1 : copy % 3 + 1);
                made.Add(slots[(i + 1) % 2]!);
                // An argument of a coroutine's call through ?.: the callee made with it under the null test.
                ref var third = ref slots[i % 2];
                var n = Maybe(runner?.Run((third = x => x.A * 11 + copy) is null ? 1 : copy + 2)) ?? -1;
                made.Add(slots[i % 2]!);
                // Of a suspension point through ?.: its arguments stored under the null test.
                var maybeGate = runner is null ? null : gate;
                var m = Maybe(maybeGate?.Wait((slots.AsSpan()[2] = x => x.A * 13 + copy) is null ? 1 : 2)) ?? -1;
                made.Add(slots[2]!);
                later.Add(() => waited + n + m);
                copy += 100;
            }
            // Called after later iterations: each lambda reads its own iteration's variables.
            return string.Join(",", later.Select(f => f()).Concat(made.Where(f => f is not null).Select(f => f(rows[1]))));
        }

        [Coroutine]
        public static string AfterSuspension(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var made = Readers(rows[0]).ToList();
            var later = new List<Func<int>>();
            var total = 0;
            var counts = new int[2];
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // After the first suspension of a declaration: a span made after the resume.
                var c = Next(copy) + ((slots.AsSpan()[0] = x => x.A * 5 + copy) is null ? 0 : 1);
                made.Add(slots[0]!);
                later.Add(() => c);
                // An expression statement: between two suspensions and after the last one.
                total = Next(copy + 1) + ((slots.AsSpan()[1] = x => x.A * 7 + copy) is null ? 0 : 2) + Next(copy + 2) + (slots.AsSpan()[2 - i % 2 * 2] = x => x.A * 9 + copy)(rows[0]) + total;
                made.Add(slots[1]!);
                made.Add(slots[2 - i % 2 * 2]!);
                // A compound assignment: its value after the suspension, or all of it after one in its target.
                total += Next(copy + 3) + ((slots.AsSpan()[0] = x => x.A * 11 + copy) is null ? 0 : 3);
                made.Add(slots[0]!);
                counts[Next(i % 2)] += (slots.AsSpan()[1] = x => x.A * 21 + copy)(rows[0]);
                made.Add(slots[1]!);
                // In an argument of a suspension point or of a coroutine's call, after another suspension.
                Yield.Sleep(1 + Next(1) + ((slots.AsSpan()[0] = x => x.A * 13 + copy) is null ? 0 : 1));
                made.Add(slots[0]!);
                var d = Next(copy + Next(copy) + ((slots.AsSpan()[1] = x => x.A * 15 + copy) is null ? 0 : 1));
                made.Add(slots[1]!);
                later.Add(() => d);
                copy += 100;
            }
            return total + ":" + counts[0] + ":" + counts[1] + ":" + string.Join(",", later.Select(f => f()).Concat(made.Where(f => f is not null).Select(f => f(rows[1]))));
        }

        [Coroutine]
        public static string AfterSuspensionInConditions(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var made = Readers(rows[0]).ToList();
            for (int i = 0; ; i++)
            {
                int copy = i;
                // The condition of an if, a while or a do, a thrown or a returned value: stored after the resume, in a block that keeps the environments, read by the statement.
                if (Next(copy) % 2 == 0 && (slots.AsSpan()[0] = x => x.A * 5 + copy) is not null)
                {
                    Trace.Log($"if {slots[0]!(rows[0])}");
                }
                made.Add(slots[0]!);
                var tries = 0;
                while (Next(tries) < 2 && (slots.AsSpan()[1] = x => x.A * 7 + copy + tries) is not null)
                {
                    made.Add(slots[1]!);
                    tries++;
                }
                do
                {
                    tries--;
                }
                while (Next(tries) > 0 && (slots.AsSpan()[2] = x => x.A * 9 + copy) is not null);
                made.Add(slots[2]!);
                // The value of a switch or a lock, the collection of a foreach, the condition of a for.
                switch (Next(copy) % 3 + ((slots.AsSpan()[0] = x => x.A * 15 + copy) is null ? 5 : 0))
                {
                    case 0:
                        made.Add(slots[0]!);
                        break;
                    default:
                        Trace.Log($"switch {slots[0]!(rows[0])}");
                        break;
                }
                foreach (var value in Next(copy) % 2 == 1 && (slots.AsSpan()[1] = x => x.A * 17 + copy) is not null ? new[] { 1, 2 } : new[] { 3 })
                {
                    Trace.Log($"foreach {value}");
                    made.Add(slots[1]!);
                }
                for (var k = 0; Next(k) < 2 && (slots.AsSpan()[2] = x => x.A * 19 + copy + k) is not null; k++)
                {
                    made.Add(slots[2]!);
                }
                lock (Next(copy) > 5 || (slots.AsSpan()[0] = x => x.A * 21 + copy) is null ? (object)rows : made)
                {
                    made.Add(slots[0]!);
                }
                try
                {
                    if (copy % 2 == 1)
                    {
                        throw new AppException(Next(copy) + ((slots.AsSpan()[1] = x => x.A * 11 + copy) is null ? "" : "thrown"), copy);
                    }
                }
                catch (AppException e)
                {
                    Trace.Log($"caught {e.Message} {slots[1]!(rows[0])}");
                    made.Add(slots[1]!);
                }
                if (i == count)
                {
                    return Next(copy) + ":" + ((slots.AsSpan()[0] = x => x.A * 13 + copy) is null ? "" : string.Join(",", made.Append(slots[0]).Where(f => f is not null).Select(f => f!(rows[1]))));
                }
                copy += 100;
            }
        }
        """;

    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(
        Programs.TestTypes + Programs.NextAndItsAsyncTwin + LambdaCaptureHelpers.Logged +
        "private static Func<T, int>[] Readers<T>(T sample) => new Func<T, int>[3];\n\n" + Helpers + Coroutines + "\n" + LambdaCaptureHelpers.AsyncTwinOf(Coroutines, new[] { "InArguments", "AfterSuspension", "AfterSuspensionInConditions" }, ("Yield.Sleep(", "await Slept("), ("gate.Pause(", "await gate.PauseAsync("), ("gate.Wait(", "await gate.WaitAsync("), ("Maybe(runner?.Run(", "await Maybe(runner?.RunAsync("), ("Maybe(maybeGate?.Wait(", "await Maybe(maybeGate?.WaitAsync("))));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void A_lambda_assigned_through_a_ref_local_or_to_a_span_element_in_an_argument_of_a_suspension_point_or_a_call_through_a_null_test_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "InArguments", count);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_lambda_assigned_to_an_element_of_a_span_made_after_the_first_suspension_of_its_statement_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "AfterSuspension", count);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_lambda_assigned_to_an_element_of_a_span_made_after_the_first_suspension_of_a_condition_a_collection_or_a_returned_or_thrown_value_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "AfterSuspensionInConditions", count);
}
