using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests on the suspension itself: its delay expression (TimeSpan, side effects, the
/// moment it is evaluated, negative values) and how a call is recognised (by what it binds to).
/// </summary>
public sealed class SuspensionTests
{
    private static OracleResult Compare(string members, string method, params object?[] args) =>
        Oracle.Compare(Programs.Static(members), Programs.StaticType, method, args);

    [Fact]
    public void Sleep_with_a_TimeSpan()
    {
        var result = Compare("""
            [Coroutine]
            public static double Run(int x)
            {
                Yield.Sleep(TimeSpan.FromMilliseconds(x));
                Trace.Log("after FromMilliseconds");
                Yield.Sleep(TimeSpan.FromSeconds(1.5));
                Trace.Log("after FromSeconds");
                var pause = TimeSpan.FromTicks(5000);
                Yield.Sleep(pause);
                Yield.Sleep(TimeSpan.Zero);
                return Clock.Current.Now.TotalMilliseconds;
            }
            """, "Run", 20);

        Assert.Equal(["20ms: after FromMilliseconds", "1520ms: after FromSeconds", "returned: 1520.5", "final clock: 1520.5ms"], result.Original.Lines);
    }

    [Fact]
    public void Delay_expressions_with_side_effects_run_exactly_when_the_statement_runs()
    {
        var result = Compare("""
            private static int s_calls;

            private static int NextDelay()
            {
                s_calls++;
                Trace.Log($"NextDelay call {s_calls}");
                return s_calls * 10;
            }

            private static TimeSpan NextSpan(ref int counter)
            {
                counter++;
                Trace.Log($"NextSpan {counter}");
                return TimeSpan.FromMilliseconds(counter);
            }

            [Coroutine]
            public static int Run()
            {
                Trace.Log("before");
                Yield.Sleep(NextDelay());
                Trace.Log("middle");
                Yield.Sleep(NextDelay());
                int d = 5;
                Yield.Sleep(d++);
                Trace.Log($"d={d}");
                int counter = 0;
                for (int i = 0; i < 3; i++)
                {
                    Yield.Sleep(i * 10 + counter);
                    Yield.Sleep(NextSpan(ref counter));
                }
                return s_calls * 100 + counter;
            }
            """, "Run");

        Assert.Equal(
            ["0ms: before", "0ms: NextDelay call 1", "10ms: middle", "10ms: NextDelay call 2"],
            result.Original.Lines.Take(4));
    }

    [Fact]
    public void Sleep_through_using_static()
    {
        Oracle.Compare("""
            using System;
            using Coroutines;
            using Coroutines.Testing;
            using static Coroutines.Yield;

            namespace Demo;

            public static partial class Program
            {
                [Coroutine]
                public static void Run()
                {
                    Sleep(1);
                    Trace.Log("after Sleep(1)");
                    Sleep(TimeSpan.FromMilliseconds(2));
                    Trace.Log("after Sleep(TimeSpan)");
                }
            }
            """, "Demo.Program", "Run");
    }

    [Fact]
    public void Sleep_through_an_alias_and_fully_qualified_names()
    {
        var result = Oracle.Compare("""
            using Y = Coroutines.Yield;
            using Coroutines.Testing;

            namespace Demo;

            public static partial class Program
            {
                [Coroutines.Coroutine]
                public static void Run()
                {
                    Y.Sleep(1);
                    Trace.Log("alias");
                    Coroutines.Yield.Sleep(2);
                    Trace.Log("qualified");
                    global::Coroutines.Yield.Sleep(3);
                    Trace.Log("global::");
                }
            }
            """, "Demo.Program", "Run");

        Assert.Equal(["1ms: alias", "3ms: qualified", "6ms: global::"], result.Original.Lines.Take(3));
    }

    [Theory]
    [InlineData("Yield.Sleep(-5)")]
    [InlineData("Yield.Sleep(TimeSpan.FromMilliseconds(-1))")]
    public void Negative_delays_throw_ArgumentOutOfRangeException_in_both(string sleep)
    {
        var result = Compare($$"""
            [Coroutine]
            public static int Run()
            {
                Trace.Log("start");
                Yield.Sleep(3);
                Trace.Log("before the bad sleep");
                {{sleep}};
                Trace.Log("unreachable at run time");
                return 1;
            }
            """, "Run");

        Assert.StartsWith("threw: System.ArgumentOutOfRangeException: A delay cannot be negative.", result.Original.Lines[^2]);
    }

    private const string UserYield = """
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        // The user's own class named Yield: its Sleep is an ordinary call, never a suspension.
        public static class Yield
        {
            public static void Sleep(int milliseconds) => Trace.Log($"user Sleep({milliseconds})");
        }

        public static partial class Program
        {
            [Coroutine]
            public static int OnlyUserSleep()
            {
                Yield.Sleep(5);
                return 5;
            }

            [Coroutine]
            public static int Mixed()
            {
                Yield.Sleep(5);
                Coroutines.Yield.Sleep(10);
                Yield.Sleep(7);
                Trace.Log("end");
                return 2;
            }
        }
        """;

    [Fact]
    public void A_users_own_Yield_class_is_not_a_suspension()
    {
        var result = Oracle.Compare(new OracleCase
        {
            Sources = [("Program.cs", UserYield)],
            TypeName = "Demo.Program",
            MethodName = "Mixed",
            AllowedDiagnosticIds = ["COR0010"],
        });

        Assert.Equal(["0ms: user Sleep(5)", "10ms: user Sleep(7)", "10ms: end", "returned: 2", "final clock: 10ms"], result.Original.Lines);
    }

    [Fact]
    public void A_Coroutine_method_calling_only_a_users_Yield_Sleep_gets_the_no_suspension_warning()
    {
        var marked = UserYield.Replace("public static int OnlyUserSleep()", "public static int [|OnlyUserSleep|]()");

        var run = DiagnosticAssert.Fires("COR0010", DiagnosticSeverity.Warning, marked, "Program.cs");

        Assert.DoesNotContain(run.AllDiagnosticsWithAnalyzers, d => d.Id == "COR0011"); // not a blocking Yield.Sleep either
    }
}
