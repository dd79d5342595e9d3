using System;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests: suspension points that give a value (<c>[SuspensionPoint(Factory, Result = ...)]</c>),
/// static (the runtime's <c>Yield.Await</c>) and instance ones (a <c>Gate</c> the test defines),
/// in the four places a suspending call may stand: a statement, a declaration, an assignment and
/// a return. Receiver and arguments are read twice (by the factory before the suspension and by
/// the result method after the resume), so each must still be evaluated exactly once, in order.
/// </summary>
public sealed class ValueSuspensionTests
{
    /// <summary>
    /// A suspension point of the test's own: <c>Wait(x)</c> sleeps <c>x</c> ms and gives <c>2x</c>
    /// (or throws for more than 100 ms). Called directly it blocks; in a coroutine it becomes
    /// <c>BeginWait(x)</c>, then <c>EndWait(x)</c> after the resume. Both sides log the same line.
    /// </summary>
    private const string GateTypes = """
        public sealed class Gate
        {
            public Gate(string name) => Name = name;

            public string Name { get; }

            [SuspensionPoint(nameof(BeginWait), Result = nameof(EndWait))]
            public int Wait(int x)
            {
                Trace.Log($"{Name} waits {x}");
                Yield.Sleep(x);
                return EndWait(x);
            }

            public Suspension BeginWait(int x)
            {
                Trace.Log($"{Name} waits {x}");
                return Suspension.Sleep(x);
            }

            public int EndWait(int x) => x > 100 ? throw new TimeoutException($"{Name}: {x} ms is too long") : 2 * x;

            [SuspensionPoint(nameof(BeginPair), Result = nameof(EndPair))]
            public string Pair(int a, int b)
            {
                Trace.Log($"{Name} pairs {a} and {b}");
                Yield.Sleep(a + b);
                return EndPair(a, b);
            }

            public Suspension BeginPair(int a, int b)
            {
                Trace.Log($"{Name} pairs {a} and {b}");
                return Suspension.Sleep(a + b);
            }

            public string EndPair(int a, int b) => $"{a}+{b}";
        }

        private static int s_next;

        private static int Next()
        {
            s_next++;
            Trace.Log($"Next() = {s_next}");
            return s_next;
        }

        private static Gate Named(string name)
        {
            Trace.Log($"gate {name}");
            return new Gate(name);
        }

        """;

    private static OracleResult Compare(string members, string method, params object?[] args) =>
        Oracle.Compare(Programs.Static(GateTypes + members), Programs.StaticType, method, args);

    [Fact]
    public void Instance_point_in_the_four_forms()
    {
        var result = Compare("""
            [Coroutine]
            public static int Run(int x)
            {
                var gate = new Gate("g");
                gate.Wait(1);
                var a = gate.Wait(x);
                Trace.Log($"a = {a}");
                int b;
                b = gate.Wait(a);
                Trace.Log($"b = {b}");
                return gate.Wait(a + b);
            }
            """, "Run", 3);

        Assert.Equal(["0ms: g waits 1", "1ms: g waits 3", "4ms: a = 6", "4ms: g waits 6", "10ms: b = 12", "10ms: g waits 18", "returned: 36", "final clock: 28ms"], result.Original.Lines);
    }

    [Fact]
    public void Receiver_and_arguments_with_side_effects_are_evaluated_once_in_order()
    {
        var result = Compare("""
            [Coroutine]
            public static string Run()
            {
                var total = Named("first").Wait(Next());
                var second = Named("second").Wait(Next() * 10);
                var gates = new[] { new Gate("x"), new Gate("y") };
                int i = 0;
                var third = gates[i].Wait(i++);
                Trace.Log($"i = {i}, {second}, {third}");
                return Named("third").Pair(Next(), total);
            }
            """, "Run");

        Assert.Equal(["0ms: gate first", "0ms: Next() = 1", "0ms: first waits 1"], result.Original.Lines.Take(3));
    }

    [Fact]
    public void Argument_written_by_a_later_argument_is_read_before_it()
    {
        Compare("""
            [Coroutine]
            public static string Run(int n)
            {
                var gate = new Gate("p");
                var first = gate.Pair(n, n++);
                Trace.Log($"{first}, n = {n}");
                var second = gate.Pair(b: n++, a: n);
                Trace.Log($"{second}, n = {n}");
                var third = gate.Pair(n, n = 7);
                return $"{third}, n = {n}";
            }
            """, "Run", 2);
    }

    [Fact]
    public void Field_property_and_implicit_this_receivers()
    {
        Oracle.Compare(new OracleCase
        {
            Sources = [("Gate.cs", Programs.Static(GateTypes)), ("Door.cs", """
                using System;
                using Coroutines;
                using Coroutines.Testing;
                using static Demo.Program;

                namespace Demo;

                public partial class Door
                {
                    private Gate _gate = new("field");

                    public Gate Side { get; set; } = new("property");

                    [SuspensionPoint(nameof(BeginKnock), Result = nameof(EndKnock))]
                    public int Knock(int times)
                    {
                        Trace.Log($"knock x{times}");
                        Yield.Sleep(times);
                        return EndKnock(times);
                    }

                    public Suspension BeginKnock(int times)
                    {
                        Trace.Log($"knock x{times}");
                        return Suspension.Sleep(times);
                    }

                    public int EndKnock(int times) => times + 100;

                    [Coroutine]
                    public int Open(int x)
                    {
                        var a = _gate.Wait(x);
                        _gate = new Gate("replaced");
                        var b = this.Side.Wait(a);
                        var c = Knock(b);
                        var d = this.Knock(1);
                        return _gate.Wait((c + d) % 7);
                    }
                }
                """)],
            TypeName = "Demo.Door",
            MethodName = "Open",
            Args = [2],
        });
    }

    [Theory]
    [InlineData(5)]
    [InlineData(200)]
    public void Failure_of_the_result_method_is_thrown_at_the_call_inside_the_callers_try(int x)
    {
        Compare("""
            [Coroutine]
            public static int Run(int x)
            {
                var gate = new Gate("t");
                int result = -1;
                try
                {
                    try
                    {
                        result = gate.Wait(x);
                        Trace.Log("not reached when it throws");
                    }
                    finally
                    {
                        Trace.Log("inner finally");
                    }
                }
                catch (TimeoutException e)
                {
                    Trace.Log($"caught: {e.Message}");
                    gate.Wait(1);
                }
                gate.Wait(x);
                return result;
            }
            """, "Run", x);
    }

    [Fact]
    public void Points_in_loops_switch_and_finally()
    {
        Compare("""
            [Coroutine]
            public static int Run(int rounds)
            {
                var gate = new Gate("loop");
                int total = 0;
                for (int i = 1; i <= rounds; i++)
                {
                    switch (i % 3)
                    {
                        case 0:
                            total += 1;
                            var w = gate.Wait(i);
                            total += w;
                            break;
                        default:
                            try
                            {
                                if (i == 2)
                                    continue;
                                total = gate.Wait(total % 10);
                            }
                            finally
                            {
                                var f = gate.Wait(1);
                                Trace.Log($"finally {f}");
                            }
                            break;
                    }
                }
                foreach (var d in new[] { 3, 4 })
                {
                    var got = gate.Wait(d);
                    total += got;
                }
                return total;
            }
            """, "Run", 4);
    }

    [Fact]
    public void Expression_bodied_coroutines_return_or_discard_the_value()
    {
        var program = new SharedProgram(Programs.Static(GateTypes + """
            [Coroutine]
            public static int Twice(int x) => new Gate("e").Wait(x);

            [Coroutine]
            public static void Discard(int x) => new Gate("d").Wait(x);
            """));

        program.Compare(Programs.StaticType, "Twice", 4);
        program.Compare(Programs.StaticType, "Discard", 4);
        program.Compare(Programs.StaticType, "Discard", 400);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(20)]
    public void Static_points_with_a_result_Yield_Await_and_WithTimeout(int n)
    {
        Compare("""
            [Coroutine]
            private static int Work(int n)
            {
                Trace.Log($"work {n}");
                Yield.Sleep(n);
                if (n > 50)
                    throw new InvalidOperationException($"{n} is too much");
                return n * 3;
            }

            [Coroutine]
            public static int Run(int n)
            {
                var value = Yield.Await(WorkCoroutine(n));
                Trace.Log($"value {value}");
                var handle = WorkCoroutine(value);
                Yield.Await(handle);
                var again = Yield.Await(handle);
                value += again + handle.Result;
                try
                {
                    value = Yield.Await(WorkCoroutine(value));
                }
                catch (InvalidOperationException e)
                {
                    Trace.Log($"caught {e.Message}");
                }
                var spawned = Yield.Spawn(WorkCoroutine(2)); // awaited at once: it runs as it would sequentially
                int last = Yield.Await(spawned);
                var timed = Yield.WithTimeout(100, WorkCoroutine(3));
                try
                {
                    Yield.WithTimeout(5, WorkCoroutine(40));
                }
                catch (TimeoutException e)
                {
                    Trace.Log(e.Message);
                }
                return last + timed + value;
            }
            """, "Run", n);
    }
}
