using System;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests: a call to another <c>[Coroutine]</c> method is a suspension point; the callee
/// runs to completion as part of the caller (<c>Suspension.Call</c>), and its result or exception
/// appears at the call, inside the caller's try blocks. Run directly, the same methods simply call
/// each other: the two runs must log the same lines at the same times and end the same way.
/// </summary>
public sealed class CallTests
{
    private static OracleResult Compare(string members, string method, params object?[] args) =>
        Oracle.Compare(Programs.Static(members), Programs.StaticType, method, args);

    private static readonly SharedProgram Recursion = new(Programs.Static("""
        [Coroutine]
        public static int Fib(int n)
        {
            if (n < 2)
            {
                return n;
            }
            var a = Fib(n - 1);
            Yield.Sleep(1);
            int b = Fib(n - 2);
            return a + b;
        }

        [Coroutine]
        public static long Factorial(int n)
        {
            Trace.Log($"factorial {n}");
            if (n <= 1)
            {
                Yield.Sleep(10);
                return 1;
            }
            var product = Multiply(n, n - 1);
            return product;
        }

        [Coroutine]
        private static long Multiply(int n, int next)
        {
            long rest = Factorial(next);
            return n * rest;
        }

        [Coroutine]
        public static bool IsEven(int n)
        {
            if (n == 0)
                return true;
            Yield.Sleep(n % 3);
            return IsOdd(n - 1);
        }

        [Coroutine]
        public static bool IsOdd(int n)
        {
            if (n == 0)
                return false;
            return IsEven(n - 1);
        }

        [Coroutine]
        public static int Depth(int n)
        {
            if (n == 0)
            {
                Yield.Sleep(1);
                return 0;
            }
            var below = Depth(n - 1);
            return below + 1;
        }
        """));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public void Recursive_fibonacci(int n)
    {
        var result = Recursion.Compare(Programs.StaticType, "Fib", n);

        Assert.Equal($"returned: {Fib(n)}", result.StateMachine.Lines[^2]);
    }

    private static int Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void Factorial_through_a_helper_coroutine(int n)
    {
        Recursion.Compare(Programs.StaticType, "Factorial", n);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(10)]
    public void Mutual_recursion(int n)
    {
        Recursion.Compare(Programs.StaticType, "IsEven", n);
        Recursion.Compare(Programs.StaticType, "IsOdd", n);
    }

    [Fact]
    public void Deep_recursion_runs_on_callee_frames_not_the_thread_stack()
    {
        var result = Recursion.Compare(Programs.StaticType, "Depth", 2000);

        Assert.Equal(["returned: 2000", "final clock: 1ms"], result.StateMachine.Lines);
    }

    [Fact]
    public void Values_through_several_levels_in_all_four_forms()
    {
        var result = Compare("""
            private static int s_total;

            private static int Total { get; set; }

            [Coroutine]
            private static int Leaf(int x)
            {
                Yield.Sleep(x);
                Trace.Log($"leaf {x}");
                return x * 10;
            }

            [Coroutine]
            private static int Middle(int x)
            {
                var a = Leaf(x);
                var b = Leaf(a / 10 + 1);
                return b + a;
            }

            [Coroutine]
            private static void Record(int x)
            {
                Yield.Sleep(1);
                s_total += x;
            }

            [Coroutine]
            public static int Run(int x)
            {
                Record(x);
                int value = Middle(x);
                Trace.Log($"value {value}");
                value = Middle(value % 7);
                s_total = Leaf(2);
                Program.Total = Middle(1);
                Total = Leaf(3);
                _ = Leaf(4);
                Record(value);
                return Middle(s_total + Total);
            }
            """, "Run", 3);

        Assert.Equal("4ms: leaf 3", result.Original.Lines[0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Calls_inside_loops_if_switch_using_and_foreach(int mode)
    {
        Compare(Programs.TestTypes + """
            [Coroutine]
            private static int Step(string what, int ms)
            {
                Trace.Log($"step {what}");
                Yield.Sleep(ms);
                return ms;
            }

            [Coroutine]
            public static int Run(int mode)
            {
                int total = 0;
                for (int i = 0; i < 3; i++)
                {
                    if (i == mode)
                        continue;
                    var t = Step($"for {i}", i + 1);
                    total += t;
                    if (total > 4 && mode == 3)
                        break;
                }
                while (total < 10)
                {
                    var w = Step("while", total + 2);
                    total += w;
                }
                if (mode % 2 == 0)
                    Step("then", 1);
                else
                {
                    var e = Step("else", 2);
                    total -= e;
                }
                switch (mode)
                {
                    case 0:
                    case 1:
                        total = Step("case 0 or 1", 3);
                        break;
                    case 2:
                        var c2 = Step("case 2", 4);
                        return c2 + total;
                    default:
                        Step("default", 5);
                        break;
                }
                using (var res = new Res("r"))
                {
                    res.Use("before");
                    var u = Step("using", 1);
                    res.Use($"after {u}");
                }
                foreach (var ms in new[] { 1, 2, mode })
                {
                    var f = Step($"foreach {ms}", ms);
                    total += f;
                }
                do
                {
                    var d = Step("do", 1);
                    total += d;
                }
                while (total % 4 != 0);
                return total;
            }
            """, "Run", mode);
    }

    private const string Failures = """
        public sealed class AppException : Exception
        {
            public AppException(string message)
                : base(message)
            {
            }
        }

        [Coroutine]
        private static int Deepest(int fail)
        {
            Yield.Sleep(5);
            Trace.Log("deepest runs");
            if (fail == 3)
                throw new AppException($"deepest failed at {Clock.Current.Now.TotalMilliseconds}ms");
            return 7;
        }

        [Coroutine]
        private static int Middle(int fail)
        {
            try
            {
                Trace.Log("middle calls");
                var v = Deepest(fail);
                Trace.Log("middle after the call");
                if (fail == 2)
                    throw new InvalidOperationException("middle failed");
                return v + 1;
            }
            finally
            {
                Trace.Log("middle finally");
                Yield.Sleep(1);
            }
        }

        [Coroutine]
        private static int Upper(int fail)
        {
            try
            {
                var m = Middle(fail);
                return m * 2;
            }
            catch (InvalidOperationException e)
            {
                Trace.Log($"upper caught {e.Message}");
                Yield.Sleep(2);
                return -1;
            }
            finally
            {
                Trace.Log("upper finally");
            }
        }

        [Coroutine]
        public static int Run(int fail)
        {
            try
            {
                var r = Upper(fail);
                Trace.Log($"run got {r}");
                if (fail == 4)
                    Upper(1 / (fail - 4));
                return r;
            }
            catch (AppException e) when (e.Message.Contains("deepest"))
            {
                Trace.Log($"run caught {e.Message}");
                var again = Upper(0);
                return again + 100;
            }
        }
        """;

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Exceptions_thrown_levels_deep_pass_through_catch_and_finally_of_every_caller(int fail)
    {
        Compare(Failures, "Run", fail);
    }

    [Fact]
    public void Stack_trace_of_an_exception_from_a_callee_shows_the_callers_line()
    {
        var result = Compare(Failures, "Run", 4);

        Assert.IsType<DivideByZeroException>(result.StateMachine.Exception);
        Assert.Contains("Test.cs:line", result.StateMachine.Exception!.StackTrace);
    }

    [Fact]
    public void Instance_generic_and_extension_callees()
    {
        Oracle.Compare(new OracleCase
        {
            Sources = [("Robot.cs", """
                using System;
                using System.Collections.Generic;
                using Coroutines;
                using Coroutines.Testing;

                namespace Demo;

                public partial class Robot
                {
                    private int _position;

                    public string Name { get; set; } = "r2";

                    [Coroutine]
                    public int Move(int steps)
                    {
                        for (int i = 0; i < steps; i++)
                        {
                            Yield.Sleep(10);
                            _position++;
                        }
                        Trace.Log($"{Name} at {_position}");
                        return _position;
                    }

                    [Coroutine]
                    public T Carry<T>(T load, int steps)
                    {
                        Trace.Log($"{Name} carries {load}");
                        Move(steps);
                        return load;
                    }

                    [Coroutine]
                    public string Run(int steps)
                    {
                        var here = Move(steps);
                        here = this.Move(1);
                        var other = new Robot { Name = "bb8" };
                        var there = other.Move(2);
                        var box = Carry("box", 1);
                        var number = this.Carry<int>(42, 2);
                        var list = Helpers.Twice(other, 3);
                        var swapped = Helpers.Swap<string, int>("a", 1);
                        var pair = Helpers.Swap(number, box);
                        return $"{here} {there} {box} {number} {list.Count} {swapped} {pair} {Helpers.Total}";
                    }
                }

                public static partial class Helpers
                {
                    public static int Total;

                    [Coroutine]
                    public static List<int> Twice(this Robot robot, int steps)
                    {
                        var first = robot.Move(steps);
                        var second = Helpers.Lift(robot, steps);
                        var third = robot.Lift(1);
                        Total += first + second + third;
                        return new List<int> { first, second, third };
                    }

                    [Coroutine]
                    public static int Lift(this Robot robot, int steps)
                    {
                        Yield.Sleep(steps);
                        Trace.Log($"{robot.Name} lifts {steps}");
                        return robot.Name.Length + steps;
                    }

                    [Coroutine]
                    public static (TB, TA) Swap<TA, TB>(TA a, TB b)
                    {
                        Yield.Sleep(3);
                        return (b, a);
                    }
                }
                """)],
            TypeName = "Demo.Robot",
            MethodName = "Run",
            Args = [2],
        });
    }

    [Fact]
    public void Generic_caller_calls_generic_callee_with_its_own_type_parameter()
    {
        Oracle.Compare(new OracleCase
        {
            Sources = [("Box.cs", """
                using System.Collections.Generic;
                using Coroutines;
                using Coroutines.Testing;

                namespace Demo;

                public partial class Box<T>
                {
                    private readonly List<T> _items = new();

                    [Coroutine]
                    public int Add(T item)
                    {
                        Yield.Sleep(1);
                        _items.Add(item);
                        Trace.Log($"added {item}");
                        return _items.Count;
                    }

                    [Coroutine]
                    public List<TOut> Map<TOut>(List<TOut> seed, T extra)
                    {
                        var count = Add(extra);
                        var picked = Pick(seed);
                        seed.Add(picked);
                        Trace.Log($"count {count}");
                        return seed;
                    }

                    [Coroutine]
                    private static TValue Pick<TValue>(List<TValue> values)
                    {
                        Yield.Sleep(values.Count);
                        return values[0];
                    }

                    [Coroutine]
                    public int Run(T first, T second)
                    {
                        Add(first);
                        var list = Map(new List<string> { "x" }, second);
                        var again = Map<T>(new List<T> { first }, second);
                        var added = Add(first);
                        return list.Count + again.Count + added;
                    }
                }
                """)],
            TypeName = "Demo.Box`1",
            TypeArguments = [typeof(string)],
            MethodName = "Run",
            Args = ["a", "b"],
        });
    }

    [Fact]
    public void Callees_that_finish_in_their_first_step_and_expression_bodied_callers()
    {
        var program = new SharedProgram(Programs.Static("""
            [Coroutine]
            private static int Quick(int x)
            {
                if (x > 0)
                    return x + 1;
                Yield.Sleep(5);
                return 0;
            }

            [Coroutine]
            public static int Arrow(int x) => Quick(x);

            [Coroutine]
            public static void VoidArrow(int x) => Quick(x);

            [Coroutine]
            public static int Chain(int x)
            {
                var a = Quick(x);
                var b = Quick(a);
                var c = Arrow(b);
                VoidArrow(c);
                return c;
            }
            """));

        program.Compare(Programs.StaticType, "Arrow", 0);
        program.Compare(Programs.StaticType, "Arrow", 3);
        program.Compare(Programs.StaticType, "VoidArrow", 0);
        program.Compare(Programs.StaticType, "Chain", 1);
        program.Compare(Programs.StaticType, "Chain", 0);
    }

    [Fact]
    public void Assignment_of_a_call_to_a_property_named_var()
    {
        Oracle.Compare(new OracleCase
        {
            Sources = [("Odd.cs", """
                using Coroutines;
                using Coroutines.Testing;

                namespace Demo;

                public partial class Odd
                {
                    public int var { get; set; }

                    [Coroutine]
                    private static int Leaf(int x)
                    {
                        Yield.Sleep(x);
                        return x + 1;
                    }

                    [Coroutine]
                    public int Run(int x)
                    {
                        var = Leaf(x);
                        var copy = var;
                        this.var = Leaf(copy);
                        Trace.Log($"var = {var}");
                        return var;
                    }
                }
                """)],
            TypeName = "Demo.Odd",
            MethodName = "Run",
            Args = [2],
        });
    }

    [Theory]
    [InlineData(-3)]
    [InlineData(0)]
    [InlineData(4)]
    public void Return_of_a_call_leaves_through_a_finally_that_suspends(int x)
    {
        Compare("""
            [Coroutine]
            private static int Leaf(int x)
            {
                Yield.Sleep(2);
                if (x == 0)
                    throw new InvalidOperationException("zero");
                return x * 10;
            }

            [Coroutine]
            public static int Run(int x)
            {
                int call1 = 5; // the name of a field the generator would give the first call
                for (int i = 0; i < 3; i++)
                {
                    try
                    {
                        if (x > 0)
                            return Leaf(x + call1);
                        if (i == 1)
                            continue;
                        call1 = Leaf(-x);
                    }
                    finally
                    {
                        Yield.Sleep(1);
                        Trace.Log($"finally {i}: {call1}");
                    }
                }
                return call1;
            }
            """, "Run", x);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Calls_in_catch_and_finally_handlers(int fail)
    {
        Compare("""
            [Coroutine]
            private static string Log(string what)
            {
                Yield.Sleep(2);
                Trace.Log(what);
                return what;
            }

            [Coroutine]
            public static string Run(int fail)
            {
                string last = "";
                for (int i = 0; i < 3; i++)
                {
                    try
                    {
                        if (i == fail)
                            throw new InvalidOperationException($"fail {i}");
                        last = Log($"body {i}");
                    }
                    catch (InvalidOperationException e)
                    {
                        last = Log($"catch {e.Message}");
                        if (i == 2)
                            throw;
                    }
                    finally
                    {
                        var f = Log($"finally {i}");
                        Trace.Log(f.Length);
                    }
                }
                return last;
            }
            """, "Run", fail);
    }
}
