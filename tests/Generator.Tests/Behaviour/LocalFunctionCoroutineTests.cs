using System.Globalization;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests for <c>[Coroutine]</c> on a local function (issue 14, point 7; C#'s <c>async</c>
/// local function): called from the enclosing coroutine as a call of another coroutine, several
/// times and recursively, and made by its factory in an ordinary method. Each runs against the
/// direct call and, where it has one, against its C# <c>async</c> twin (<see cref="AsyncTwin"/>).
/// </summary>
public sealed class LocalFunctionCoroutineTests
{
    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        [Coroutine]
        public static int SumOfCountdowns(int from)
        {
            Trace.Log("start");
            int first = Countdown(from);
            Yield.Sleep(5);
            int second = Countdown(first % 3 + 1) + Countdown(2);
            return first * 100 + second;

            [Coroutine]
            static int Countdown(int n)
            {
                if (n == 0)
                {
                    Trace.Log("zero");
                    return 0;
                }
                Yield.Sleep(n);
                Trace.Log($"countdown {n}");
                return n + Countdown(n - 1);
            }
        }

        public static async Task<int> SumOfCountdownsAsync(int from)
        {
            Trace.Log("start");
            int first = await Countdown(from);
            await Task.Yield();
            int second = await Countdown(first % 3 + 1) + await Countdown(2);
            return first * 100 + second;

            static async Task<int> Countdown(int n)
            {
                if (n == 0)
                {
                    Trace.Log("zero");
                    return 0;
                }
                await Task.Yield();
                Trace.Log($"countdown {n}");
                return n + await Countdown(n - 1);
            }
        }

        [Coroutine]
        public static string ExpressionBodiedAndVoid(int n)
        {
            Pause(n);
            var text = Twice(n) + ":" + Twice(n + 1);
            Pause(1);
            return text;

            [Coroutine]
            static void Pause(int ms)
            {
                Trace.Log($"pause {ms}");
                Yield.Sleep(ms);
            }

            [Coroutine]
            int Twice(int x) => Echo(x) * 2; // not static, but captures nothing
        }

        public static async Task<string> ExpressionBodiedAndVoidAsync(int n)
        {
            await Pause(n);
            var text = await Twice(n) + ":" + await Twice(n + 1);
            await Pause(1);
            return text;

            static async Task Pause(int ms)
            {
                Trace.Log($"pause {ms}");
                await Task.Yield();
            }

            async Task<int> Twice(int x) => await EchoAsync(x) * 2;
        }

        [Coroutine]
        public static int Echo(int x)
        {
            Yield.Sleep(1);
            Trace.Log($"echo {x}");
            return x;
        }

        public static async Task<int> EchoAsync(int x)
        {
            await Task.Yield();
            Trace.Log($"echo {x}");
            return x;
        }

        // An ordinary method: it makes the local function's coroutine with the generated factory (a direct call runs it as plain code).
        public static Coroutine<int> MakeTicker(int ticks)
        {
            Trace.Log($"called directly, it runs to its end: {Tick(0)}");
            return TickCoroutine(ticks);

            [Coroutine]
            static int Tick(int ticks)
            {
                for (int i = 0; i < ticks; i++)
                {
                    Yield.Sleep(10);
                    Trace.Log($"tick {i}");
                }
                return ticks;
            }
        }

        [Coroutine]
        public static string SharedCounter(int start)
        {
            int count = start;
            string log = "";
            Add(2);
            Trace.Log($"after the first add: {count}, start {start}");
            count += 10;
            Yield.Sleep(3);
            var got = Add(3) + Add(1);
            return $"{count} {got} {log} {start}";

            [Coroutine]
            int Add(int times)
            {
                for (int i = 0; i < times; i++)
                {
                    count++;
                    Yield.Sleep(2);
                    Trace.Log($"add sees {count}");
                }
                log += $"[{times}]";
                start--;
                return count;
            }
        }

        public static async Task<string> SharedCounterAsync(int start)
        {
            int count = start;
            string log = "";
            await Add(2);
            Trace.Log($"after the first add: {count}, start {start}");
            count += 10;
            await Task.Yield();
            var got = await Add(3) + await Add(1);
            return $"{count} {got} {log} {start}";

            async Task<int> Add(int times)
            {
                for (int i = 0; i < times; i++)
                {
                    count++;
                    await Task.Yield();
                    Trace.Log($"add sees {count}");
                }
                log += $"[{times}]";
                start--;
                return count;
            }
        }

        [Coroutine]
        public static string Dives(int limit)
        {
            int deepest = 0;
            int dives = 0;
            Dive(1);
            Trace.Log("surfaced");
            return $"{deepest} {dives}";

            [Coroutine]
            void Dive(int level)
            {
                dives++;
                deepest = Math.Max(deepest, level);
                Yield.Sleep(level);
                Trace.Log($"level {level}, deepest {deepest}, dives {dives}");
                if (level < limit)
                {
                    Dive(level + 1);
                    Rest(level);
                    Dive(level + 1);
                }
            }

            [Coroutine]
            void Rest(int level)
            {
                Yield.Sleep(1);
                Trace.Log($"rest at {level} after {dives} dives");
            }
        }

        public static async Task<string> DivesAsync(int limit)
        {
            int deepest = 0;
            int dives = 0;
            await Dive(1);
            Trace.Log("surfaced");
            return $"{deepest} {dives}";

            async Task Dive(int level)
            {
                dives++;
                deepest = Math.Max(deepest, level);
                await Task.Yield();
                Trace.Log($"level {level}, deepest {deepest}, dives {dives}");
                if (level < limit)
                {
                    await Dive(level + 1);
                    await Rest(level);
                    await Dive(level + 1);
                }
            }

            async Task Rest(int level)
            {
                await Task.Yield();
                Trace.Log($"rest at {level} after {dives} dives");
            }
        }

        [Coroutine]
        public static string PerIteration(int n)
        {
            var made = new List<Func<int>>();
            string seen = "";
            for (int i = 0; i < n; i++)
            {
                int copy = i * 10;
                made.Add(() => copy);
                Bump();
                seen += copy + " ";

                [Coroutine]
                void Bump()
                {
                    Yield.Sleep(1);
                    copy++;
                    Trace.Log($"bump {copy}");
                }
            }
            return seen + string.Join(",", made.Select(f => f()));
        }

        public static async Task<string> PerIterationAsync(int n)
        {
            var made = new List<Func<int>>();
            string seen = "";
            for (int i = 0; i < n; i++)
            {
                int copy = i * 10;
                made.Add(() => copy);
                await Bump();
                seen += copy + " ";

                async Task Bump()
                {
                    await Task.Yield();
                    copy++;
                    Trace.Log($"bump {copy}");
                }
            }
            return seen + string.Join(",", made.Select(f => f()));
        }

        public sealed partial class Tally
        {
            private int _total;

            public string Name { get; set; } = "tally";

            [Coroutine]
            public string Run(int n)
            {
                int local = 0;
                Bump(n);
                Yield.Sleep(1);
                Name = "renamed";
                Bump(local + 1);
                return $"{_total} {local} {Name}";

                [Coroutine]
                void Bump(int by)
                {
                    Yield.Sleep(by);
                    _total += by;
                    local++;
                    Trace.Log($"{Name} {this._total} {local}");
                }
            }

            public async Task<string> RunAsync(int n)
            {
                int local = 0;
                await Bump(n);
                await Task.Yield();
                Name = "renamed";
                await Bump(local + 1);
                return $"{_total} {local} {Name}";

                async Task Bump(int by)
                {
                    await Task.Yield();
                    _total += by;
                    local++;
                    Trace.Log($"{Name} {this._total} {local}");
                }
            }
        }

        [Coroutine]
        public static int WaitForTicker(int ticks)
        {
            var ticker = MakeTicker(ticks);
            Trace.Log("waiting");
            return Yield.Await(ticker) * 2;
        }
        """));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_static_local_function_called_several_times_and_recursively(int from)
    {
        AsyncTwin.Compare(Program, Programs.StaticType, "SumOfCountdowns", from);
    }

    [Fact]
    public void Expression_bodied_void_and_non_static_local_functions_that_capture_nothing()
    {
        AsyncTwin.Compare(Program, Programs.StaticType, "ExpressionBodiedAndVoid", 3);
    }

    [Fact]
    public void An_ordinary_method_makes_its_local_functions_coroutine_with_the_factory()
    {
        Program.Compare(Programs.StaticType, "WaitForTicker", 3);
    }

    /// <summary>
    /// A local function that captures the enclosing coroutine's locals and parameters shares them
    /// (C# captures by reference): each side sees the other's writes, also across the suspensions
    /// of either; called several times.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void A_capturing_local_function_shares_the_enclosing_variables_across_suspensions(int start)
    {
        AsyncTwin.Compare(Program, Programs.StaticType, "SharedCounter", start);
    }

    /// <summary>Recursive, and calling a sibling that captures too: every call reads and writes the same variables.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_capturing_local_function_calls_itself_and_a_sibling(int limit)
    {
        AsyncTwin.Compare(Program, Programs.StaticType, "Dives", limit);
    }

    /// <summary>One that captures <c>this</c> (explicit and implicit) and a local of an instance coroutine.</summary>
    [Fact]
    public void A_local_function_of_an_instance_coroutine_captures_this_and_a_local()
    {
        AsyncTwin.Compare(Program, "Demo.Program+Tally", "Run", 2);
    }

    /// <summary>
    /// One declared in a loop body that captures that iteration's variable, which a lambda captures
    /// too (a closure environment per iteration): it reads and writes the current iteration's.
    /// </summary>
    [Fact]
    public void A_capturing_local_function_in_a_loop_uses_the_current_iterations_variable()
    {
        AsyncTwin.Compare(Program, Programs.StaticType, "PerIteration", 3);
    }

    /// <summary>A struct's coroutine works on a copy of <c>this</c>, and C# refuses a local function of a struct that uses it (CS1673): COR0016. (<c>base</c>: LocalFunctionCoroutineBaseTests.)</summary>
    [Fact]
    public void A_local_function_that_captures_this_of_a_struct_is_refused()
    {
        FiresWithMessage("COR0016", Programs.Usings + """

            namespace Demo;

            public partial struct Counter
            {
                private int _count;

                [Coroutine]
                public int Run()
                {
                    Bump();
                    return _count;

                    [Coroutine]
                    void [|Bump|]()
                    {
                        Yield.Sleep(1);
                        _count++;
                    }
                }
            }
            """, "[Coroutine] is not supported on the local function 'Bump', which captures 'this' of the struct 'Counter' (C# refuses that too, CS1673: a local function of a struct cannot use its instance members): copy what 'Bump' needs into locals of 'Run' and use those, or make 'Bump' static and pass them as parameters");
    }

    /// <summary>Only a coroutine's state machine can share its variables: in an ordinary method, COR0016 says what to do.</summary>
    [Fact]
    public void A_capturing_local_function_of_an_ordinary_method_is_refused_with_what_to_write_instead()
    {
        FiresWithMessage("COR0016", Programs.Static("""
            public static Coroutine<int> Make(int step)
            {
                int total = 0;
                return AddCoroutine();

                [Coroutine]
                int [|Add|]()
                {
                    Yield.Sleep(step);
                    total += step;
                    return total;
                }
            }
            """), "[Coroutine] is not supported on the local function 'Add', which captures 'step', 'total' of the method 'Make', which is not a coroutine (a source generator only adds code: it cannot change 'Make', whose locals and parameters stay ordinary ones that no state machine holds, so the local function's cannot share them): make 'Add' static and pass 'step', 'total' as parameters, or mark 'Make' [Coroutine]");
    }

    private static void FiresWithMessage(string id, string markup, string message)
    {
        var run = DiagnosticAssert.Fires(id, DiagnosticSeverity.Error, markup);
        Assert.Contains(message, run.GeneratorDiagnostics.Select(static d => d.GetMessage(CultureInfo.InvariantCulture)));
    }

    /// <summary>Two coroutines of one type named alike would get the same generated class and factory (COR0020).</summary>
    [Fact]
    public void Two_local_function_coroutines_of_one_name_in_a_type_are_refused()
    {
        FiresWithMessage("COR0020", Programs.Static("""
            [Coroutine]
            public static int First()
            {
                return Step(1);

                [Coroutine]
                static int [|Step|](int x)
                {
                    Yield.Sleep(x);
                    return x;
                }
            }

            [Coroutine]
            public static int Second()
            {
                return Step(2);

                [Coroutine]
                static int [|Step|](int x)
                {
                    Yield.Sleep(x);
                    return x;
                }
            }
            """), "'Step' is a name the generated code for 'Step' needs (its state machine 'StepStateMachine' and factory 'StepCoroutine' are members of 'Program', as are those of another coroutine of that name); rename it");
    }
}
