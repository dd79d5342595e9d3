using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>Oracle tests: locals and parameters whose values must survive a sleep, and only the right ones.</summary>
public sealed class LocalsTests
{
    private static OracleResult Compare(string members, string method, params object?[] args) =>
        Oracle.Compare(Programs.Static(members), Programs.StaticType, method, args);

    [Fact]
    public void Var_several_declarators_and_const_locals_survive_sleeps()
    {
        Compare("""
            [Coroutine]
            public static string Run()
            {
                const int Step = 5;
                var name = "locals";
                int a = 1, b = 2, c;
                c = a + b;
                Yield.Sleep(Step);
                Trace.Log($"{name}: a={a} b={b} c={c}");
                a = 10;
                string? maybe = null, other = "other";
                Yield.Sleep(Step * 2);
                maybe ??= "was null";
                Trace.Log($"a={a} maybe={maybe} other={other}");
                var (left, right) = (a * 2, $"{b}!");
                double ratio = a / 4.0, rest;
                rest = ratio - 2;
                Yield.Sleep(1);
                return $"{left} {right} {ratio} {rest}";
            }
            """, "Run");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_same_name_declared_again_in_sibling_scopes_with_other_types(bool flag)
    {
        Compare("""
            [Coroutine]
            public static string Run(bool flag)
            {
                var log = "";
                {
                    int x = 1;
                    Yield.Sleep(1);
                    x += 1;
                    log += x;
                    Trace.Log($"int x = {x}");
                }
                {
                    string x = "a";
                    Yield.Sleep(2);
                    x += "b";
                    log += x;
                    Trace.Log($"string x = {x}");
                }
                for (int i = 0; i < 2; i++)
                {
                    double x = i * 1.5;
                    Yield.Sleep(3);
                    Trace.Log($"double x = {x}");
                }
                for (int i = 5; i < 7; i++)
                {
                    Trace.Log($"second i = {i}");
                    Yield.Sleep(i);
                }
                if (flag)
                {
                    var x = new List<int> { 1, 2 };
                    Yield.Sleep(4);
                    Trace.Log($"list x has {x.Count}");
                }
                else
                {
                    var x = 'c';
                    Yield.Sleep(5);
                    Trace.Log($"char x = {x}");
                }
                return log;
            }
            """, "Run", flag);
    }

    [Fact]
    public void Locals_declared_in_a_loop_start_fresh_each_iteration()
    {
        var result = Compare("""
            [Coroutine]
            public static int Run()
            {
                int checksum = 0;
                for (int i = 0; i < 3; i++)
                {
                    int count;
                    count = i * 10;
                    var list = new List<int>();
                    list.Add(i);
                    int hits = 0;
                    hits++;
                    Yield.Sleep(5);
                    list.Add(count);
                    hits++;
                    Trace.Log($"iteration {i}: count={count} hits={hits} list.Count={list.Count} [{string.Join(",", list)}]");
                    checksum += list.Count + hits;
                }
                int n = 0;
                while (n < 2)
                {
                    string? seen = null;
                    Trace.Log($"seen before: {seen ?? "null"}");
                    Yield.Sleep(1);
                    seen = $"round {n}";
                    Trace.Log($"seen after: {seen}");
                    n++;
                }
                return checksum;
            }
            """, "Run");

        Assert.Contains("15ms: iteration 2: count=20 hits=2 list.Count=2 [2,20]", result.Original.Lines);
    }

    [Fact]
    public void A_loop_local_captured_by_a_lambda_in_a_block_without_a_sleep_is_a_new_variable_each_iteration()
    {
        // Capturing a loop local that lives across a sleep is COR0013 (see DiagnosticsTests);
        // the message's advice, a block without a suspension, keeps C#'s one-variable-per-iteration semantics.
        var result = Compare("""
            [Coroutine]
            public static string Run()
            {
                var readers = new List<Func<int>>();
                for (int i = 0; i < 3; i++)
                {
                    {
                        int copy = i * 10;
                        readers.Add(() => copy);
                        copy++;
                    }
                    Yield.Sleep(1);
                }
                var seen = "";
                foreach (var read in readers)
                {
                    seen += read() + " ";
                }
                Trace.Log(seen);
                return seen;
            }
            """, "Run");

        Assert.Equal("3ms: 1 11 21 ", result.Original.Lines[0]);
    }

    [Theory]
    [InlineData(3, 10)]
    [InlineData(0, 10)]
    public void Parameters_are_read_and_written(int steps, int delay)
    {
        Compare("""
            [Coroutine]
            public static string Countdown(int steps, int delay, string label = "countdown")
            {
                int ticks = 0;
                while (steps > 0)
                {
                    Trace.Log($"{label}: steps={steps} delay={delay}");
                    Yield.Sleep(delay);
                    steps--;
                    delay += 5;
                    ticks++;
                }
                label = label.ToUpperInvariant();
                Yield.Sleep(delay);
                return $"{label} {ticks} {steps} {delay}";
            }
            """, "Countdown", steps, delay);
    }

    [Theory]
    [InlineData("12", "abc")]
    [InlineData("x", 5)]
    public void Out_variables_survive_sleeps_and_pattern_variables_work_in_statements_without_one(string text, object value)
    {
        // A pattern variable used across a sleep is COR0015 (see DiagnosticsTests).
        Compare("""
            [Coroutine]
            public static string Run(string text, object value)
            {
                var result = "";
                if (int.TryParse(text, out var parsed))
                {
                    Yield.Sleep(parsed);
                    result += parsed + 1;
                    Trace.Log($"parsed {parsed}");
                }
                Trace.Log($"parsed is still in scope: {parsed}");
                Yield.Sleep(1);
                if (value is string { Length: > 2 } s)
                {
                    result += s;
                    Trace.Log($"pattern {s}");
                }
                var start = Clock.Current.Now;
                Yield.Sleep(7);
                var elapsed = Clock.Current.Now - start;
                Trace.Log($"elapsed {elapsed.TotalMilliseconds}");
                return result;
            }
            """, "Run", text, value);
    }

    [Fact]
    public void Locals_of_struct_tuple_and_nullable_types_keep_their_values()
    {
        Compare("""
            private struct Point
            {
                public int X;
                public int Y;
            }

            [Coroutine]
            public static string Run()
            {
                Point p = default;
                p.X = 3;
                (int Count, string Name) pair = (1, "one");
                int? maybe = null;
                DateTime when = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
                Yield.Sleep(2);
                p.Y = p.X * 2;
                pair.Count++;
                maybe = pair.Count + p.Y;
                Yield.Sleep(2);
                return $"{p.X},{p.Y} {pair.Count} {pair.Name} {maybe} {when:O}";
            }
            """, "Run");
    }
}
