using System;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// Each diagnostic id fires exactly where [|...|] marks it, once per mark, with the right
/// severity, and not on the corrected program. Diagnostics are collected from the generator and
/// from every analyzer in the generator assembly, so either may report them.
/// </summary>
/// <remarks>
/// Expected locations (a diagnostic matches a mark when it starts on the mark's line and overlaps it):
/// COR0001 the identifier of the type that is not partial; COR0002 the <c>async</c> modifier or the
/// method name; COR0003 the <c>yield</c> statement; COR0005, COR0010, COR0012 the method name;
/// COR0016 the attribute; COR0004 the parameter; COR0006, COR0007, COR0011, COR0015 the <c>Yield.Sleep</c> call
/// (invocation or its statement); COR0008 a label beside a sleep (the label, and a sleep inside the
/// labeled statement); COR0009, COR0013 the local's declaration (for a foreach iteration variable,
/// the foreach statement, which the mark on the variable overlaps); COR0014 the <c>base</c>
/// expression; COR0018 each use of the primary constructor parameter; COR0019 the <c>finally</c>
/// keyword of the finally that sleeps; COR0020 the method name (for a taken class or factory name).
/// </remarks>
public sealed class DiagnosticsTests
{
    private static string Program(string members, string typeHeader = "public static partial class Program") => $$"""
        {{Programs.Usings}}
        using System.Threading;
        using System.Threading.Tasks;

        namespace Demo;

        {{typeHeader}}
        {
        {{members}}
        }
        """;

    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;
    private const DiagnosticSeverity Warning = DiagnosticSeverity.Warning;

    // ---------------------------------------------------------------- COR0001

    [Fact]
    public void COR0001_containing_type_not_partial()
    {
        DiagnosticAssert.Fires("COR0001", Error, Program("""
                [Coroutine]
                public static void Run()
                {
                    Yield.Sleep(1);
                }
            """, "public static class [|Program|]"));
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public static void Run()
                {
                    Yield.Sleep(1);
                }
            """), "COR0001");
    }

    [Fact]
    public void COR0001_outer_type_not_partial()
    {
        const string template = """
            using Coroutines;

            namespace Demo;

            public {0}class Outer
            {
                public partial class Inner
                {
                    [Coroutine]
                    public static void Run()
                    {
                        Yield.Sleep(1);
                    }
                }
            }
            """;

        DiagnosticAssert.Fires("COR0001", Error, template.Replace("{0}class Outer", "class [|Outer|]"));
        DiagnosticAssert.DoesNotFire(template.Replace("{0}", "partial "), "COR0001");
    }

    // ---------------------------------------------------------------- COR0002

    [Fact]
    public void COR0002_async_method()
    {
        DiagnosticAssert.Fires("COR0002", Error, Program("""
                [Coroutine]
                public static [|async Task Run|]()
                {
                    Yield.Sleep(1);
                    await Task.Yield();
                }
            """));
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public static void Run()
                {
                    Yield.Sleep(1);
                }

                public static async Task NotACoroutine()
                {
                    await Task.Yield();
                }
            """), "COR0002");
    }

    // ---------------------------------------------------------------- COR0003

    [Fact]
    public void COR0003_iterator_method()
    {
        DiagnosticAssert.Fires("COR0003", Error, Program("""
                [Coroutine]
                public static IEnumerable<int> Numbers()
                {
                    Yield.Sleep(1);
                    [|yield return 1;|]
                }
            """));
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public static List<int> Numbers()
                {
                    Yield.Sleep(1);
                    return [1];
                }

                public static IEnumerable<int> NotACoroutine()
                {
                    yield return 1;
                }
            """), "COR0003");
    }

    // ---------------------------------------------------------------- COR0004

    [Theory]
    [InlineData("ref int counter", "counter++;")]
    [InlineData("out int counter", "counter = 1;")]
    [InlineData("in int counter", "Trace.Log(counter);")]
    [InlineData("ref readonly int counter", "Trace.Log(counter);")]
    public void COR0004_ref_out_in_parameter(string parameter, string use)
    {
        DiagnosticAssert.Fires("COR0004", Error, Program($$"""
                [Coroutine]
                public static void Run(int before, [|{{parameter}}|])
                {
                    {{use}}
                    Yield.Sleep(before);
                }
            """));
    }

    [Fact]
    public void COR0004_not_reported_for_value_and_params_parameters()
    {
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public static void Run(int counter, string? name = null, params int[] rest)
                {
                    counter++;
                    Yield.Sleep(counter + rest.Length + (name?.Length ?? 0));
                }
            """), "COR0004");
    }

    // ---------------------------------------------------------------- COR0005

    [Fact]
    public void COR0005_abstract_method()
    {
        DiagnosticAssert.Fires("COR0005", Error, Program("""
                [Coroutine]
                public abstract void [|Run|]();
            """, "public abstract partial class Job"));
    }

    [Fact]
    public void COR0005_extern_method()
    {
        DiagnosticAssert.Fires("COR0005", Error, Program("""
                [Coroutine]
                [System.Runtime.InteropServices.DllImport("native")]
                public static extern void [|Run|]();
            """));
    }

    [Fact]
    public void COR0005_partial_method_without_a_body()
    {
        DiagnosticAssert.Fires("COR0005", Error, Program("""
                [Coroutine]
                static partial void [|Run|]();
            """));
    }

    [Fact]
    public void COR0005_not_reported_for_a_method_with_a_body()
    {
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public void Run()
                {
                    Yield.Sleep(1);
                }

                public abstract void NotACoroutine();
            """, "public abstract partial class Job"), "COR0005");
    }

    // ---------------------------------------------------------------- COR0006

    [Theory]
    [InlineData("Action pause = () => [|Yield.Sleep(1)|];\n        pause();")]
    [InlineData("Action pause = () =>\n        {\n            [|Yield.Sleep(1);|]\n        };\n        pause();")]
    [InlineData("Action pause = delegate { [|Yield.Sleep(1);|] };\n        pause();")]
    [InlineData("void Pause() => [|Yield.Sleep(1)|];\n        Pause();")]
    [InlineData("static void Pause()\n        {\n            [|Yield.Sleep(1);|]\n        }\n        Pause();")]
    public void COR0006_sleep_in_a_lambda_or_local_function(string body)
    {
        DiagnosticAssert.Fires("COR0006", Error, Program($$"""
                [Coroutine]
                public static void Run()
                {
                    Yield.Sleep(1);
                    {{body}}
                }
            """));
    }

    [Fact]
    public void COR0006_not_reported_for_lambdas_without_a_sleep()
    {
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public static void Run()
                {
                    Action log = () => Trace.Log("no sleep here");
                    int Twice(int x) => x * 2;
                    Yield.Sleep(Twice(1));
                    log();
                }
            """), "COR0006");
    }

    // ---------------------------------------------------------------- COR0007

    [Theory]
    [InlineData("for (int i = 0; i < 3; i++, [|Yield.Sleep(1)|])\n        {\n            Trace.Log(i);\n        }")]
    [InlineData("int j;\n        for ([|Yield.Sleep(1)|], j = 0; j < 3; j++)\n        {\n            Trace.Log(j);\n        }")]
    public void COR0007_sleep_inside_an_expression(string body)
    {
        DiagnosticAssert.Fires("COR0007", Error, Program($$"""
                [Coroutine]
                public static void Run()
                {
                    Yield.Sleep(1);
                    {{body}}
                }
            """));
    }

    [Fact]
    public void COR0007_not_reported_for_sleeps_as_statements()
    {
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public static void Run()
                {
                    for (int i = 0; i < 3; i++)
                    {
                        Yield.Sleep(1);
                    }
                    if (Clock.Current.Now.Ticks > 0)
                        Yield.Sleep(2);
                }

                [Coroutine]
                public static void ExpressionBodied() => Yield.Sleep(5);
            """), "COR0007");
    }

    // ---------------------------------------------------------------- COR0008

    [Theory]
    [InlineData("[|again|]:\n        [|Yield.Sleep(1);|]\n        if (Clock.Current.Now.Ticks < 5)\n            goto again;")]
    [InlineData("Yield.Sleep(1);\n        if (Clock.Current.Now.Ticks < 5)\n            goto done;\n        Trace.Log(1);\n        [|done|]:\n        Trace.Log(2);")]
    public void COR0008_label_beside_a_sleep(string body)
    {
        DiagnosticAssert.Fires("COR0008", Error, Program($$"""
                [Coroutine]
                public static void Run()
                {
                    {{body}}
                }
            """));
    }

    [Fact]
    public void COR0008_not_reported_for_a_label_in_a_method_that_does_not_sleep_beside_it()
    {
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public static void Run()
                {
                    Yield.Sleep(1);
                    Helper();
                }

                private static void Helper()
                {
                    int i = 0;
                again:
                    if (++i < 3)
                        goto again;
                    Trace.Log(i);
                }
            """), "COR0008");
    }

    /// <summary>
    /// The programs that were COR0008 before try, using, foreach and switch could suspend: now
    /// they compile without any diagnostic and run exactly like the original method.
    /// </summary>
    [Theory]
    [InlineData("try\n        {\n            Yield.Sleep(1);\n            Trace.Log(\"in the try\");\n        }\n        catch (Exception)\n        {\n        }")]
    [InlineData("try\n        {\n            Trace.Log(1);\n            throw new InvalidOperationException(\"boom\");\n        }\n        catch (Exception e)\n        {\n            Yield.Sleep(1);\n            Trace.Log(e.Message);\n        }")]
    [InlineData("try\n        {\n            Trace.Log(1);\n        }\n        finally\n        {\n            Yield.Sleep(1);\n            Trace.Log(2);\n        }")]
    [InlineData("using (var cts = new CancellationTokenSource())\n        {\n            Yield.Sleep(1);\n            Trace.Log(cts.IsCancellationRequested);\n        }")]
    [InlineData("using var cts = new CancellationTokenSource();\n        Yield.Sleep(1);\n        Trace.Log(cts.IsCancellationRequested);")]
    [InlineData("foreach (var item in new[] { 1, 2 })\n        {\n            Yield.Sleep(item);\n            Trace.Log(item);\n        }")]
    [InlineData("switch (Clock.Current.Now.Ticks)\n        {\n            case 0:\n                Yield.Sleep(1);\n                Trace.Log(\"case 0\");\n                break;\n        }")]
    public void Former_COR0008_programs_now_run_like_the_original(string body)
    {
        var source = Program($$"""
                [Coroutine]
                public static void Run()
                {
                    {{body}}
                }
            """);
        DiagnosticAssert.DoesNotFire(source, AllIds).AssertNoErrorsOrWarnings();

        var result = Oracle.Compare(source, "Demo.Program", "Run");

        Assert.Contains(result.Original.Lines, l => l.StartsWith("1ms: ", StringComparison.Ordinal)); // each logs after its sleep
    }

    // ---------------------------------------------------------------- COR0009

    [Fact]
    public void COR0009_ref_struct_local_alive_across_a_sleep()
    {
        DiagnosticAssert.Fires("COR0009", Error, Program("""
                [Coroutine]
                public static int Run()
                {
                    [|Span<int> numbers = stackalloc int[3];|]
                    numbers[0] = 1;
                    Yield.Sleep(1);
                    return numbers[0];
                }
            """));
    }

    [Fact]
    public void COR0009_not_reported_for_a_ref_struct_local_whose_scope_ends_before_the_sleep()
    {
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public static int Run()
                {
                    int first;
                    {
                        Span<int> numbers = stackalloc int[3];
                        numbers[0] = 1;
                        first = numbers[0];
                    }
                    Yield.Sleep(1);
                    return first;
                }
            """), "COR0009");
    }

    // ---------------------------------------------------------------- COR0010

    [Fact]
    public void COR0010_coroutine_without_a_suspension()
    {
        DiagnosticAssert.Fires("COR0010", Warning, Program("""
                [Coroutine]
                public static int [|Compute|](int x)
                {
                    Trace.Log(x);
                    return x * 2;
                }
            """));
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public static int Compute(int x)
                {
                    Yield.Sleep(x);
                    return x * 2;
                }
            """), "COR0010");
    }

    // ---------------------------------------------------------------- COR0011

    [Fact]
    public void COR0011_analyzer_exists_in_the_generator_assembly()
    {
        var analyzerType = typeof(CoroutineGenerator).Assembly.GetType("Coroutines.Generator.BlockingSuspensionAnalyzer");

        Assert.True(analyzerType is not null, "Coroutines.Generator.BlockingSuspensionAnalyzer is missing from the generator assembly.");
        Assert.True(typeof(DiagnosticAnalyzer).IsAssignableFrom(analyzerType), $"{analyzerType} is not a DiagnosticAnalyzer.");
        var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(analyzerType)!;
        Assert.Contains(analyzer.SupportedDiagnostics, d => d.Id == "COR0011" && d.DefaultSeverity == Warning);
    }

    [Theory]
    [InlineData("using Coroutines;", "[|Yield.Sleep(1);|]")]
    [InlineData("using static Coroutines.Yield;", "[|Sleep(1);|]")]
    [InlineData("using Coroutines;", "Action wait = () => [|Yield.Sleep(1)|];\n        wait();")]
    public void COR0011_blocking_sleep_outside_a_coroutine(string usingDirective, string body)
    {
        DiagnosticAssert.Fires("COR0011", Warning, $$"""
            using System;
            {{usingDirective}}

            namespace Demo;

            public static class Blocking
            {
                public static void Wait()
                {
                    {{body}}
                }
            }
            """);
    }

    [Fact]
    public void COR0011_not_reported_inside_a_coroutine_or_for_a_users_own_Yield()
    {
        DiagnosticAssert.DoesNotFire(
            [
                ("Test.cs", Program("""
                    [Coroutine]
                    public static void Run()
                    {
                        Yield.Sleep(1);
                    }

                    public static void NotASuspension()
                    {
                        Other.Yield.Sleep(1);
                    }
                """)),
                ("Other.cs", """
                    namespace Other
                    {
                        public static class Yield
                        {
                            public static void Sleep(int milliseconds) => System.Console.WriteLine(milliseconds);
                        }
                    }
                    """),
            ],
            "COR0011");
    }

    // ---------------------------------------------------------------- COR0012

    [Fact]
    public void COR0012_instance_method_of_a_struct()
    {
        DiagnosticAssert.Fires("COR0012", Error, Program("""
                private int _count;

                [Coroutine]
                public void [|Run|]()
                {
                    _count++;
                    Yield.Sleep(1);
                }
            """, "public partial struct Counter"));
    }

    [Fact]
    public void COR0012_instance_method_of_a_record_struct()
    {
        DiagnosticAssert.Fires("COR0012", Error, Program("""
                [Coroutine]
                public void [|Run|]()
                {
                    Yield.Sleep(Count);
                }
            """, "public partial record struct Counter(int Count)"));
    }

    [Fact]
    public void COR0012_not_reported_for_a_static_method_of_a_struct()
    {
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public static void Run()
                {
                    Yield.Sleep(1);
                }
            """, "public partial struct Counter"), "COR0012");
    }

    // ---------------------------------------------------------------- COR0013

    [Fact]
    public void COR0013_closure_captures_a_loop_local_that_lives_across_a_sleep()
    {
        DiagnosticAssert.Fires("COR0013", Error, Program("""
                [Coroutine]
                public static int Run()
                {
                    var readers = new List<Func<int>>();
                    for (int i = 0; i < 3; i++)
                    {
                        int [|copy|] = i * 10;
                        readers.Add(() => copy);
                        Yield.Sleep(1);
                    }
                    return readers.Count;
                }
            """));
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public static int Run()
                {
                    var readers = new List<Func<int>>();
                    int outside = 5;
                    for (int i = 0; i < 3; i++)
                    {
                        {
                            int copy = i * 10;
                            readers.Add(() => copy + outside);
                        }
                        Yield.Sleep(1);
                    }
                    return readers.Count;
                }
            """), "COR0013");
    }

    [Fact]
    public void COR0013_closure_captures_a_foreach_iteration_variable_of_a_loop_that_sleeps()
    {
        DiagnosticAssert.Fires("COR0013", Error, Program("""
                [Coroutine]
                public static int Run()
                {
                    var readers = new List<Func<int>>();
                    foreach (var [|item|] in new[] { 1, 2, 3 })
                    {
                        readers.Add(() => item * 10);
                        Yield.Sleep(1);
                    }
                    int sum = 0;
                    foreach (var read in readers)
                    {
                        sum += read();
                    }
                    return sum;
                }
            """));
        DiagnosticAssert.Fires("COR0013", Error, Program("""
                [Coroutine]
                public static int Run()
                {
                    var readers = new List<Func<int>>();
                    foreach (var ([|a|], b) in new List<(int, int)> { (1, 2) })
                    {
                        Yield.Sleep(b);
                        readers.Add(() => a);
                    }
                    return readers.Count;
                }
            """));
    }

    [Fact]
    public void COR0013_not_reported_for_an_iteration_variable_copied_into_a_block_without_a_sleep()
    {
        var source = Program("""
                [Coroutine]
                public static int Run()
                {
                    var readers = new List<Func<int>>();
                    foreach (var item in new[] { 1, 2, 3 })
                    {
                        {
                            var copy = item;
                            readers.Add(() => copy * 10);
                        }
                        Yield.Sleep(1);
                    }
                    foreach (var item in new[] { 4, 5 })
                    {
                        readers.Add(() => item); // this loop does not sleep: a real foreach, fresh variables
                    }
                    int sum = 0;
                    foreach (var read in readers)
                    {
                        Yield.Sleep(1);
                        sum += read();
                        Trace.Log(sum);
                    }
                    return sum;
                }
            """);
        DiagnosticAssert.DoesNotFire(source, "COR0013").AssertNoErrorsOrWarnings();
        Oracle.Compare(source, "Demo.Program", "Run");
    }

    // ---------------------------------------------------------------- COR0014

    [Fact]
    public void COR0014_base_access_in_a_coroutine()
    {
        DiagnosticAssert.Fires("COR0014", Error, Program("""
                [Coroutine]
                public string Run()
                {
                    Yield.Sleep(1);
                    return [|base|].ToString() ?? "";
                }
            """, "public partial class Derived"));
        DiagnosticAssert.DoesNotFire(Program("""
                private string BaseText() => base.ToString() ?? "";

                [Coroutine]
                public string Run()
                {
                    Yield.Sleep(1);
                    return BaseText();
                }
            """, "public partial class Derived"), "COR0014");
    }

    // ---------------------------------------------------------------- COR0015

    [Fact]
    public void COR0015_sleep_inside_a_lock()
    {
        DiagnosticAssert.Fires("COR0015", Error, Program("""
                private static readonly object Gate = new();

                [Coroutine]
                public static void Run()
                {
                    lock (Gate)
                    {
                        Trace.Log("holding the lock");
                        [|Yield.Sleep(1);|]
                    }
                }
            """));
        DiagnosticAssert.Fires("COR0015", Error, Program("""
                private static readonly object Gate = new();

                [Coroutine]
                public static void Run(int n)
                {
                    Yield.Sleep(1);
                    lock (Gate)
                    {
                        for (int i = 0; i < n; i++)
                        {
                            if (i > 1)
                            {
                                [|Yield.Sleep(i);|]
                            }
                        }
                    }
                }
            """));
    }

    [Fact]
    public void COR0015_not_reported_for_a_lock_without_a_sleep()
    {
        var source = Program("""
                private static readonly object Gate = new();

                [Coroutine]
                public static void Run()
                {
                    lock (Gate)
                    {
                        Trace.Log("held briefly");
                    }
                    Yield.Sleep(1);
                    lock (Gate)
                    {
                        Trace.Log("held again");
                    }
                }
            """);
        DiagnosticAssert.DoesNotFire(source, "COR0015", "COR0008");
        Oracle.Compare(source, "Demo.Program", "Run");
    }

    /// <summary>Pattern variables were COR0015 before they could be hoisted; now they live in fields.</summary>
    [Theory]
    [InlineData("text")]
    [InlineData(42)]
    [InlineData(7)]
    public void Pattern_variables_used_across_a_sleep_run_like_the_original(object value)
    {
        var source = Program("""
                [Coroutine]
                public static string Run(object value)
                {
                    if (value is string s)
                    {
                        Yield.Sleep(1);
                        return s;
                    }
                    if (value is int n && n > 10)
                    {
                        Yield.Sleep(n);
                        n++;
                        Yield.Sleep(1);
                        Trace.Log(n);
                    }
                    else if (value is int { } m)
                    {
                        Yield.Sleep(m);
                        Trace.Log($"small {m}");
                    }
                    return "";
                }
            """);
        DiagnosticAssert.DoesNotFire(source, AllIds).AssertNoErrorsOrWarnings();
        Oracle.Compare(source, "Demo.Program", "Run", value);
    }

    // ---------------------------------------------------------------- COR0016

    [Fact]
    public void COR0016_coroutine_attribute_on_a_local_function()
    {
        DiagnosticAssert.Fires("COR0016", Error, Program("""
                public static void Run()
                {
                    Inner();

                    [|[Coroutine]|]
                    static void Inner()
                    {
                        Trace.Log("inner");
                    }
                }
            """));
    }

    // ---------------------------------------------------------------- COR0018

    [Fact]
    public void COR0018_primary_constructor_parameter_used_in_a_coroutine()
    {
        var run = DiagnosticAssert.Fires("COR0018", Error, Program("""
                private readonly string _name = name;

                [Coroutine]
                public int Run()
                {
                    Yield.Sleep([|delay|]);
                    [|delay|]++;
                    Trace.Log(_name);
                    return [|delay|];
                }
            """, "public partial class Job(string name, int delay)"));

        var message = run.AllDiagnosticsWithAnalyzers.First(d => d.Id == "COR0018").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'delay'", message, StringComparison.Ordinal);
        Assert.Contains("field or property", message, StringComparison.Ordinal);
    }

    [Fact]
    public void COR0018_not_reported_when_the_parameter_only_initializes_members()
    {
        DiagnosticAssert.DoesNotFire(Program("""
                private readonly string _name = name;

                public int Delay { get; } = delay;

                [Coroutine]
                public int Run()
                {
                    Yield.Sleep(Delay);
                    Trace.Log(_name);
                    return Delay;
                }
            """, "public partial class Job(string name, int delay)"), "COR0018")
            .AssertNoErrorsOrWarnings();
    }

    // ---------------------------------------------------------------- COR0019

    [Fact]
    public void COR0019_filter_of_an_enclosing_catch_around_a_finally_that_sleeps()
    {
        DiagnosticAssert.Fires("COR0019", Warning, Program("""
                [Coroutine]
                public static void Run(int code)
                {
                    try
                    {
                        try
                        {
                            Yield.Sleep(1);
                            throw new InvalidOperationException(code.ToString());
                        }
                        [|finally|]
                        {
                            Yield.Sleep(2);
                        }
                    }
                    catch (InvalidOperationException e) when (e.Message == "1")
                    {
                        Trace.Log("caught");
                    }
                }
            """));
    }

    [Fact]
    public void COR0019_not_reported_without_a_filter_around_or_a_sleep_in_the_finally()
    {
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public static void UnfilteredOuterCatch()
                {
                    try
                    {
                        try
                        {
                            Yield.Sleep(1);
                        }
                        finally
                        {
                            Yield.Sleep(2);
                        }
                    }
                    catch (InvalidOperationException)
                    {
                        Trace.Log("caught");
                    }
                }

                [Coroutine]
                public static void FinallyWithoutASleep(int code)
                {
                    try
                    {
                        try
                        {
                            Yield.Sleep(1);
                        }
                        finally
                        {
                            Trace.Log("finally");
                        }
                    }
                    catch (InvalidOperationException e) when (e.Message == code.ToString())
                    {
                        Trace.Log("caught");
                    }
                }

                [Coroutine]
                public static void FilterOfTheSameTry(int code)
                {
                    try
                    {
                        Yield.Sleep(1);
                    }
                    catch (InvalidOperationException e) when (e.Message == code.ToString())
                    {
                        Trace.Log("caught");
                    }
                    finally
                    {
                        Yield.Sleep(2);
                    }
                }
            """), "COR0019").AssertNoErrorsOrWarnings();
    }

    // ---------------------------------------------------------------- COR0020

    [Theory]
    [InlineData("public static int RunCoroutine() => 0;")]
    [InlineData("public sealed class RunStateMachine\n    {\n    }")]
    public void COR0020_a_name_the_generated_code_needs_is_taken(string member)
    {
        DiagnosticAssert.Fires("COR0020", Error, Program($$"""
                {{member}}

                [Coroutine]
                public static void [|Run|]()
                {
                    Yield.Sleep(1);
                }
            """));
    }

    [Fact]
    public void COR0020_not_reported_for_other_names()
    {
        DiagnosticAssert.DoesNotFire(Program("""
                public static int RunLater() => 0;

                public sealed class RunMachine
                {
                }

                [Coroutine]
                public static void Run()
                {
                    Yield.Sleep(1);
                }
            """), "COR0020").AssertNoErrorsOrWarnings();
    }

    // ---------------------------------------------------------------- all ids

    public static readonly string[] AllIds =
        [
            "COR0001", "COR0002", "COR0003", "COR0004", "COR0005", "COR0006", "COR0007", "COR0008", "COR0009",
            "COR0010", "COR0011", "COR0012", "COR0013", "COR0014", "COR0015", "COR0016", "COR0017", "COR0018", "COR0019", "COR0020",
        ];

    [Fact]
    public void A_valid_program_gets_no_coroutine_diagnostic_at_all()
    {
        var run = DiagnosticAssert.DoesNotFire(
            [("Workers.cs", Behaviour.ReadmeExampleTests.Source), ("Robot.cs", Program("""
                private int _position;

                [Coroutine]
                public int Walk(int steps)
                {
                    for (int i = 0; i < steps; i++)
                    {
                        _position++;
                        Yield.Sleep(10);
                        if (_position > 5)
                            break;
                    }
                    return _position;
                }
            """, "public sealed partial class Robot"))],
            AllIds);

        run.AssertNoErrorsOrWarnings();
    }

    [Fact]
    public void Every_diagnostic_the_generator_assembly_declares_is_documented_here()
    {
        // Ids declared by analyzers must be ones these tests cover.
        var declared = GeneratorHarness.CreateAnalyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().ToList();

        Assert.All(declared, id => Assert.Contains(id, AllIds));
    }
}
