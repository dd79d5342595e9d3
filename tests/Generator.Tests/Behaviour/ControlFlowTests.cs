using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests: Yield.Sleep inside blocks, if/else, loops, break/continue and return. Each
/// state machine must log the same lines at the same clock times, end the same way and at the
/// same time as the original method run directly.
/// </summary>
public sealed class ControlFlowTests
{
    private static OracleResult Compare(string members, string method, params object?[] args) =>
        Oracle.Compare(Programs.Static(members), Programs.StaticType, method, args);

    [Fact]
    public void Sleeps_in_a_plain_block()
    {
        var result = Compare("""
            [Coroutine]
            public static void Run()
            {
                Trace.Log("start");
                Yield.Sleep(10);
                Trace.Log("after 10");
                Yield.Sleep(0);
                Trace.Log("after 0");
                Yield.Sleep(25);
                Yield.Sleep(5);
                Trace.Log("end");
            }
            """, "Run");

        Assert.Equal(
            ["0ms: start", "10ms: after 10", "10ms: after 0", "40ms: end", "returned: void", "final clock: 40ms"],
            result.Original.Lines);
    }

    [Fact]
    public void Sleeps_in_nested_blocks()
    {
        Compare("""
            [Coroutine]
            public static int Run(int start)
            {
                int total = start;
                {
                    Trace.Log($"outer block, total={total}");
                    {
                        total += 1;
                        Yield.Sleep(5);
                        Trace.Log($"inner block, total={total}");
                        {
                            Yield.Sleep(1);
                            total *= 3;
                        }
                    }
                    Yield.Sleep(5);
                    total *= 2;
                }
                Trace.Log($"after the blocks, total={total}");
                return total;
            }
            """, "Run", 4);
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(150)]
    public void Sleeps_in_if_and_else_branches(int n)
    {
        Compare("""
            [Coroutine]
            public static string Classify(int n)
            {
                Trace.Log($"classify {n}");
                if (n < 0)
                {
                    Yield.Sleep(10);
                    Trace.Log("negative");
                    return "negative";
                }
                else if (n == 0)
                {
                    Trace.Log("zero: no sleep in this branch");
                }
                else
                {
                    Yield.Sleep(n);
                    Trace.Log("positive");
                    if (n > 100)
                        Yield.Sleep(1);
                    else
                        Trace.Log("small");
                }
                if (n % 2 == 1)
                    Trace.Log("odd");
                Yield.Sleep(3);
                return n == 0 ? "zero" : "positive";
            }
            """, "Classify", n);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void If_without_else_and_sleep_in_the_condition_branch_only(bool first, bool second)
    {
        Compare("""
            [Coroutine]
            public static int Run(bool first, bool second)
            {
                int slept = 0;
                if (first)
                {
                    Yield.Sleep(4);
                    slept += 4;
                }
                Trace.Log($"after first: {slept}");
                if (second) Yield.Sleep(6);
                Trace.Log("after second");
                return slept;
            }
            """, "Run", first, second);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    public void Sleeps_in_a_while_loop(int limit)
    {
        Compare("""
            [Coroutine]
            public static int Run(int limit)
            {
                int i = 0;
                while (i < limit)
                {
                    Trace.Log($"while {i}");
                    Yield.Sleep(10);
                    i++;
                }
                Trace.Log("done");
                return i;
            }
            """, "Run", limit);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    public void Sleeps_in_a_do_while_loop_which_runs_at_least_once(int n)
    {
        Compare("""
            [Coroutine]
            public static int Run(int n)
            {
                int rounds = 0;
                do
                {
                    Yield.Sleep(5);
                    n--;
                    rounds++;
                    Trace.Log($"do: n={n}");
                }
                while (n > 0);
                return rounds;
            }
            """, "Run", n);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(0)]
    public void Sleeps_in_for_loops(int count)
    {
        Compare("""
            [Coroutine]
            public static int Run(int count)
            {
                int sum = 0;
                for (int i = 0; i < count; i += 2)
                {
                    Yield.Sleep(i);
                    Trace.Log($"for i={i}");
                    sum += i;
                }
                for (int i = 0, j = 10; i < j; i++, j -= 3)
                {
                    Trace.Log($"two variables i={i} j={j}");
                    Yield.Sleep(j - i);
                }
                int k = 0;
                for (; ; )
                {
                    Yield.Sleep(1);
                    if (++k == 3)
                    {
                        break;
                    }
                }
                for (k = 100; k < 102; k++)
                    Yield.Sleep(k);
                while (k < 105)
                    Yield.Sleep(k++ - 100);
                do
                    Yield.Sleep(1);
                while (k++ < 107);
                return sum * 1000 + k;
            }
            """, "Run", count);
    }

    [Fact]
    public void Sleeps_in_nested_loops()
    {
        Compare("""
            [Coroutine]
            public static int Run(int rows, int columns)
            {
                int cells = 0;
                int row = 0;
                while (row < rows)
                {
                    Yield.Sleep(100);
                    for (int column = 0; column < columns; column++)
                    {
                        Trace.Log($"cell {row},{column}");
                        Yield.Sleep(10);
                        cells++;
                    }
                    row++;
                    Trace.Log($"row {row} done");
                }
                return cells;
            }
            """, "Run", 3, 2);
    }

    [Fact]
    public void Break_and_continue_in_loops_with_sleeps()
    {
        Compare("""
            [Coroutine]
            public static int Run()
            {
                int visited = 0;
                for (int i = 0; i < 10; i++)
                {
                    if (i == 2)
                    {
                        Trace.Log("skip 2");
                        continue;
                    }
                    if (i == 5)
                    {
                        Trace.Log("stop at 5");
                        break;
                    }
                    Yield.Sleep(10);
                    visited++;
                    Trace.Log($"visited {i}");
                }
                int n = 0;
                while (true)
                {
                    n++;
                    if (n % 2 == 0)
                        continue;
                    if (n > 5)
                        break;
                    Yield.Sleep(n);
                    Trace.Log($"odd {n}");
                }
                return visited * 100 + n;
            }
            """, "Run");
    }

    [Fact]
    public void Break_after_a_sleep_in_the_same_iteration()
    {
        var result = Compare("""
            [Coroutine]
            public static int Run()
            {
                int i = 0;
                while (i < 100)
                {
                    i++;
                    Trace.Log($"before sleep {i}");
                    Yield.Sleep(10);
                    if (i == 3)
                    {
                        Trace.Log("break after the sleep");
                        break;
                    }
                    Trace.Log($"after sleep {i}");
                }
                for (int j = 0; j < 100; j++)
                {
                    Yield.Sleep(1);
                    if (j == 2) break;
                }
                do
                {
                    Yield.Sleep(2);
                    break;
                }
                while (true);
                Trace.Log("after the loops");
                return i;
            }
            """, "Run");

        Assert.Contains("30ms: break after the sleep", result.Original.Lines);
        Assert.Equal("35ms: after the loops", result.Original.Lines[^3]);
    }

    [Fact]
    public void Continue_after_a_sleep_runs_the_for_increment_and_the_loop_conditions()
    {
        var result = Compare("""
            [Coroutine]
            public static int Run()
            {
                int odd = 0;
                for (int i = 0; i < 6; i++)
                {
                    Yield.Sleep(10);
                    if (i % 2 == 0)
                    {
                        continue;
                    }
                    odd++;
                    Trace.Log($"odd {i}");
                }
                int n = 3;
                do
                {
                    n--;
                    Yield.Sleep(1);
                    if (n > 0)
                        continue;
                    Trace.Log("do body end");
                }
                while (n > 0);
                int w = 0;
                while (w < 4)
                {
                    w++;
                    Yield.Sleep(2);
                    if (w != 4)
                        continue;
                    Trace.Log($"while reached {w}");
                }
                return odd * 100 + n * 10 + w;
            }
            """, "Run");

        Assert.Equal(["20ms: odd 1", "40ms: odd 3", "60ms: odd 5", "63ms: do body end", "71ms: while reached 4", "returned: 304", "final clock: 71ms"], result.Original.Lines);
    }

    [Fact]
    public void Break_and_continue_in_an_inner_loop_after_a_sleep_leave_the_outer_loop_running()
    {
        Compare("""
            [Coroutine]
            public static string Run()
            {
                var found = "";
                for (int outer = 0; outer < 3; outer++)
                {
                    for (int inner = 0; inner < 5; inner++)
                    {
                        Yield.Sleep(1);
                        if (inner == outer)
                            continue;
                        if (inner > outer + 1)
                            break;
                        found += $"{outer}{inner} ";
                    }
                    Trace.Log($"outer {outer} found '{found}'");
                    Yield.Sleep(10);
                }
                return found;
            }
            """, "Run");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(10)]
    public void Return_with_a_value_from_inside_nested_loops(int target)
    {
        Compare("""
            [Coroutine]
            public static int Find(int target)
            {
                for (int a = 1; a <= 3; a++)
                {
                    int b = 1;
                    while (b <= 3)
                    {
                        Yield.Sleep(a * 10 + b);
                        if (a * b == target)
                        {
                            Trace.Log($"found {a}*{b}");
                            return a * 10 + b;
                        }
                        b++;
                    }
                }
                Trace.Log("not found");
                return -1;
            }
            """, "Find", target);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(9)]
    public void Return_without_a_value_from_inside_a_loop(int stopAt)
    {
        Compare("""
            [Coroutine]
            public static void Run(int stopAt)
            {
                int i = 0;
                do
                {
                    Yield.Sleep(7);
                    if (i == stopAt)
                    {
                        Trace.Log($"returning at {i}");
                        return;
                    }
                    i++;
                }
                while (i < 5);
                Trace.Log("loop ended normally");
            }
            """, "Run", stopAt);
    }

    private const string EarlyReturns = """
        [Coroutine]
        public static int Run(bool skip)
        {
            Trace.Log("entered");
            if (skip)
            {
                Trace.Log("early return");
                return -1;
            }
            Yield.Sleep(5);
            Trace.Log("slept");
            return 1;
        }

        [Coroutine]
        public static void Nothing(bool skip)
        {
            if (skip)
                return;
            Yield.Sleep(1);
        }
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Return_with_a_value_before_any_sleep(bool skip)
    {
        Compare(EarlyReturns, "Run", skip);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Return_without_a_value_before_any_sleep(bool skip)
    {
        Compare(EarlyReturns, "Nothing", skip);
    }

    [Fact]
    public void Loops_that_run_zero_times()
    {
        var result = Compare("""
            [Coroutine]
            public static int Run(int count)
            {
                int iterations = 0;
                while (iterations < count)
                {
                    Yield.Sleep(100);
                    iterations++;
                }
                for (int i = 0; i < count; i++)
                {
                    Yield.Sleep(100);
                    iterations++;
                }
                for (int i = 10; i < 10; i++)
                    Yield.Sleep(i);
                Trace.Log($"after loops: {iterations}");
                Yield.Sleep(1);
                return iterations;
            }
            """, "Run", 0);

        Assert.Equal(["0ms: after loops: 0", "returned: 0", "final clock: 1ms"], result.Original.Lines);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Deep_nesting_of_loops_ifs_and_sleeps(int size)
    {
        Compare("""
            [Coroutine]
            public static int Run(int size)
            {
                int score = 0;
                for (int x = 0; x < size; x++)
                {
                    if (x % 2 == 0)
                    {
                        Yield.Sleep(3);
                    }
                    int y = 0;
                    while (y < size)
                    {
                        y++;
                        if (y == 2 && x == 1)
                        {
                            continue;
                        }
                        int z = 0;
                        do
                        {
                            if ((x + y + z) % 3 == 0)
                            {
                                Yield.Sleep(x + y + z);
                                Trace.Log($"x={x} y={y} z={z}");
                                if (z == 1 && size > 2)
                                {
                                    break;
                                }
                            }
                            else if (z == 2)
                            {
                                Yield.Sleep(1);
                                score += 100;
                            }
                            else
                            {
                                score++;
                            }
                            z++;
                        }
                        while (z < size);
                        if (score > 400)
                        {
                            Trace.Log("enough");
                            return score;
                        }
                    }
                }
                return score;
            }
            """, "Run", size);
    }

    // try, foreach, switch, lock, using and local functions are fine as long as no sleep is inside them.
    private const string KeptStatements = """
        private static readonly object s_gate = new();

        private sealed class Resource : IDisposable
        {
            public void Dispose() => Trace.Log("disposed");
        }

        [Coroutine]
        public static int ForeachAndSwitch(int[] values)
        {
            int total = 0;
            Yield.Sleep(1);
            foreach (var value in values)
            {
                switch (value)
                {
                    case 1:
                        total += 10;
                        break;
                    default:
                        total += value;
                        break;
                }
            }
            Trace.Log($"foreach and switch: {total}");
            Yield.Sleep(2);
            return total;
        }

        [Coroutine]
        public static int TryCatchFinally(int total)
        {
            Yield.Sleep(2);
            try
            {
                if (total > 5)
                {
                    throw new InvalidOperationException("caught");
                }
            }
            catch (InvalidOperationException e)
            {
                Trace.Log(e.Message);
                total = -total;
            }
            finally
            {
                Trace.Log("finally");
            }
            Yield.Sleep(3);
            return total;
        }

        [Coroutine]
        public static int LockAndUsing(int total)
        {
            Yield.Sleep(1);
            lock (s_gate)
            {
                total++;
            }
            using (new Resource())
            {
                Trace.Log("in using");
            }
            Yield.Sleep(1);
            return total;
        }

        [Coroutine]
        public static int Lambda(int total)
        {
            Func<int, int> square = x => x * x;
            Yield.Sleep(3);
            return square(total);
        }

        """;

    private const string LocalFunctions = """
        [Coroutine]
        public static int LocalFunction(int total)
        {
            int Twice(int x) => x * 2;
            Yield.Sleep(3);
            return Twice(total);
        }

        [Coroutine]
        public static int StaticLocalFunction(int total)
        {
            Yield.Sleep(3);
            return Twice(total);

            static int Twice(int x) => x * 2;
        }
        """;

    [Fact]
    public void Foreach_and_switch_without_a_sleep_inside_stay_as_written()
    {
        Compare(KeptStatements, "ForeachAndSwitch", new[] { 1, 2, 3 });
    }

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    public void Try_catch_finally_without_a_sleep_inside_stays_as_written(int total)
    {
        Compare(KeptStatements, "TryCatchFinally", total);
    }

    [Fact]
    public void Lock_and_using_without_a_sleep_inside_stay_as_written()
    {
        Compare(KeptStatements, "LockAndUsing", 4);
    }

    [Fact]
    public void A_lambda_without_a_sleep_inside_stays_as_written()
    {
        Compare(KeptStatements, "Lambda", 4);
    }

    [Theory]
    [InlineData("LocalFunction")]
    [InlineData("StaticLocalFunction")]
    public void A_local_function_without_a_sleep_inside_stays_as_written(string method)
    {
        Compare(LocalFunctions, method, 4);
    }
}
