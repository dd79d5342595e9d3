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
/// (invocation or its statement), or the call to a coroutine or to a suspension point with a value;
/// COR0021, COR0022 the call to the suspension point; COR0023 the call to the coroutine that is not generated; COR0008 the suspending call (for a foreach over a dynamic collection, its foreach keyword); COR0009, COR0013 the local's declaration (for a foreach iteration variable,
/// the foreach statement, which the mark on the variable overlaps); COR0014 the <c>base</c>
/// expression; COR0025 the <c>await</c> keyword; COR0018 each use of the primary constructor parameter; COR0019 the <c>finally</c>
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
    public void COR0005_not_reported_for_an_abstract_method()
    {
        // An abstract coroutine gets an abstract factory (InterfaceAndAbstractDispatchTests).
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public abstract void Run();
            """, "public abstract partial class Job"), "COR0005").AssertNoErrorsOrWarnings();
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

    /// <summary>A suspension inside a checked block was COR0008; it is flattened now (the overflow checks are in SpillingPositionsTests).</summary>
    [Fact]
    public void COR0008_not_reported_for_a_suspension_inside_a_checked_block()
    {
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public static int Step(int n)
                {
                    Yield.Sleep(n);
                    return n;
                }

                [Coroutine]
                public static int Run(int n)
                {
                    checked
                    {
                        n = Step(n) + 1;
                    }
                    return n;
                }
            """), "COR0008").AssertNoErrorsOrWarnings();
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
    /// The programs that were COR0008 before try, using, foreach, switch and labels could suspend: now
    /// they compile without any diagnostic and run exactly like the original method.
    /// </summary>
    [Theory]
    [InlineData("try\n        {\n            Yield.Sleep(1);\n            Trace.Log(\"in the try\");\n        }\n        catch (Exception)\n        {\n        }")]
    [InlineData("try\n        {\n            Trace.Log(1);\n            throw new InvalidOperationException(\"boom\");\n        }\n        catch (Exception e)\n        {\n            Yield.Sleep(1);\n            Trace.Log(e.Message);\n        }")]
    [InlineData("try\n        {\n            Trace.Log(1);\n        }\n        finally\n        {\n            Yield.Sleep(1);\n            Trace.Log(2);\n        }")]
    [InlineData("using (var cts = new CancellationTokenSource())\n        {\n            Yield.Sleep(1);\n            Trace.Log(cts.IsCancellationRequested);\n        }")]
    [InlineData("using var cts = new CancellationTokenSource();\n        Yield.Sleep(1);\n        Trace.Log(cts.IsCancellationRequested);")]
    [InlineData("foreach (var item in new[] { 1, 2 })\n        {\n            Yield.Sleep(item);\n            Trace.Log(item);\n        }")]
    [InlineData("again:\n        Yield.Sleep(1);\n        Trace.Log(\"after the label\");\n        if (Clock.Current.Now.Ticks < 5)\n            goto again;")]
    [InlineData("Yield.Sleep(1);\n        if (Clock.Current.Now.Ticks > 5)\n            goto done;\n        Trace.Log(1);\n        done:\n        Trace.Log(2);")]
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
        var run = DiagnosticAssert.Fires("COR0009", Error, Program("""
                [Coroutine]
                public static int Run()
                {
                    [|Span<int> numbers = stackalloc int[3];|]
                    numbers[0] = 1;
                    Yield.Sleep(1);
                    return numbers[0];
                }
            """));
        var message = MessageOf(run, "COR0009");
        Assert.Equal("Local 'numbers' cannot be kept in a field across a suspension: its type 'System.Span<int>' is a ref struct, which cannot be stored in a field, and it would live across 'Yield.Sleep(1)' (line 17): it is used after it, on line 18; C# refuses a ref struct local that lives across an await too (CS4007). Use 'numbers' only before 'Yield.Sleep(1)'. To use a value of that type after it, declare another local after it", message);
    }

    private static string MessageOf(GeneratorRun run, string id) =>
        run.AllDiagnosticsWithAnalyzers.First(d => d.Id == id).GetMessage(System.Globalization.CultureInfo.InvariantCulture);

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

    [Fact]
    public void COR0009_var_local_whose_type_depends_on_a_generated_factory_that_cannot_be_typed()
    {
        var run = DiagnosticAssert.Fires("COR0009", Error, Program("""
                [Coroutine]
                public static int Echo(int value)
                {
                    Yield.Sleep(1);
                    return value;
                }

                [Coroutine]
                public static T Pick<T>(T first, T second)
                {
                    Yield.Sleep(1);
                    return second;
                }

                [Coroutine]
                public static int Nested()
                {
                    // Two levels, List<T>, tuples, arrays and nested generic types are typed (NestedFactoryVarDeepTests, NestedFactoryVarTupleTests,
                    // NestedFactoryVarArrayAndNestedTypeTests), another argument of a declared type too (NestedFactoryVarOtherArgumentTests), a `var`
                    // local of a factory passed as it is (NestedFactoryVarLocalAndLambdaTests), a conditional of such locals of one class
                    // (NestedFactoryVarExpressionTests), of one and a value of another type, an ordinary generic method given one
                    // (NestedFactoryVarStandInTests); a conditional of two classes has no type, so C# infers no T for F (CS0411 once the
                    // factories exist): COR0009 names the expression and the classes.
                    var one = EchoCoroutine(1);
                    var two = PickCoroutine(EchoCoroutine(2), EchoCoroutine(3));
                    var [|picked|] = F(one.Result > 0 ? one : two);
                    Yield.Sleep(1);
                    return 0;
                }

                public static T F<T>(T value) => value;
            """));
        Assert.Equal(
            "Local 'picked' cannot be kept in a field across a suspension: its type is not known before the generator runs (its initializer uses generated code: " +
            "the generator finds no type C# gives 'F(one.Result > 0 ? one : two)' with the classes it adds ('global::Demo.Program.EchoStateMachine', " +
            "'global::Demo.Program.PickStateMachine<global::Demo.Program.EchoStateMachine>')). Declare its type instead of 'var'",
            MessageOf(run, "COR0009"));
    }

    /// <summary>
    /// Issue 14, point 6: coroutine overloads that take as many arguments: the factory a call binds
    /// to is the one of the method C#'s overload resolution picks for the same call of the method.
    /// </summary>
    [Fact]
    public void COR0009_not_reported_for_var_locals_of_factories_of_overloaded_coroutines()
    {
        var source = Program("""
                [Coroutine]
                public static int Echo(int value)
                {
                    Yield.Sleep(1);
                    return value;
                }

                [Coroutine]
                public static string Echo(string value)
                {
                    Yield.Sleep(2);
                    return value + "!";
                }

                [Coroutine]
                public static long Echo(long value)
                {
                    Yield.Sleep(3);
                    return value * 2;
                }

                [Coroutine]
                public static string Run()
                {
                    var number = EchoCoroutine(5);
                    var text = EchoCoroutine("six");
                    var wide = EchoCoroutine(7L);
                    Yield.Sleep(1);
                    var n = Yield.Await(number);
                    var t = Yield.Await(text);
                    var w = Yield.Await(wide);
                    return $"{n} {t} {w} {number.Result.GetType().Name} {wide.Result.GetType().Name}";
                }
            """);
        DiagnosticAssert.DoesNotFire(source, "COR0009", "COR0010").AssertNoErrorsOrWarnings();
        var result = Oracle.Compare(source, "Demo.Program", "Run");
        Assert.Equal("returned: 5 six! 14 Int32 Int64", result.StateMachine.Lines[^2]);
    }

    /// <summary>Issue 14, point 6: the type arguments of a generic coroutine's factory are inferred as for the method itself.</summary>
    [Fact]
    public void COR0009_and_COR0010_not_reported_for_var_locals_of_generic_factories_with_inferred_type_arguments()
    {
        var source = Program("""
                [Coroutine]
                public static T Echo<T>(T value)
                {
                    Yield.Sleep(1);
                    Trace.Log($"echo {value}");
                    return value;
                }

                [Coroutine]
                public static (T, U) Pair<T, U>(T first, U second)
                {
                    Yield.Sleep(2);
                    return (first, second);
                }

                [Coroutine]
                public static string Run()
                {
                    var echo = EchoCoroutine(5);
                    var other = EchoCoroutine("six");
                    var pair = PairCoroutine(7, new List<string> { "x" });
                    var number = Yield.Await(echo);
                    var text = Yield.Await(other);
                    var paired = Yield.Await(pair);
                    var relayed = Yield.Await(RelayCoroutine(8));
                    return $"{number} {text} {paired.Item1} {paired.Item2[0]} {echo.Result} {relayed}";
                }

                // Its only suspension awaits a var local of an inferred generic factory: no false COR0010.
                [Coroutine]
                public static T Relay<T>(T value)
                {
                    var e = EchoCoroutine(value);
                    return Yield.Await(e);
                }
            """);
        DiagnosticAssert.DoesNotFire(source, "COR0009", "COR0010").AssertNoErrorsOrWarnings();
        var result = Oracle.Compare(source, "Demo.Program", "Run");
        Assert.Equal("returned: 5 six 7 x 5 8", result.StateMachine.Lines[^2]);
    }

    [Fact]
    public void COR0009_not_reported_for_var_locals_typed_by_generated_factories()
    {
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public static int Work(int n)
                {
                    Yield.Sleep(n);
                    return n;
                }

                [Coroutine]
                public static int Run()
                {
                    var work = WorkCoroutine(5);
                    var spawned = Yield.Spawn(WorkCoroutine(6));
                    var echo = EchoCoroutine<string>("x");
                    Yield.Sleep(1);
                    var first = Yield.Await(work);
                    var second = Yield.Await(spawned);
                    return first + second + work.Result + echo.Name.Length;
                }

                [Coroutine]
                public static T Echo<T>(T value)
                {
                    Yield.Sleep(1);
                    return value;
                }
            """), "COR0009").AssertNoErrorsOrWarnings();
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
        var analyzerType = typeof(CoroutineGenerator).Assembly.GetType("Coroutines.Generator.Analyzers.BlockingSuspensionAnalyzer");

        Assert.True(analyzerType is not null, "Coroutines.Generator.Analyzers.BlockingSuspensionAnalyzer is missing from the generator assembly.");
        Assert.True(typeof(DiagnosticAnalyzer).IsAssignableFrom(analyzerType), $"{analyzerType} is not a DiagnosticAnalyzer.");
        var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(analyzerType)!;
        Assert.Contains(analyzer.SupportedDiagnostics, d => d.Id == "COR0011" && d.DefaultSeverity == Warning);
    }

    [Theory]
    [InlineData("using Coroutines;", "[|Yield.Sleep(1);|]")]
    [InlineData("using static Coroutines.Yield;", "[|Sleep(1);|]")]
    [InlineData("using Coroutines;", "Action wait = () => [|Yield.Sleep(1)|];\n        wait();")]
    [InlineData("using Coroutines;", "var channel = new Channel<int>(1);\n        [|channel.Send(1)|];\n        var item = [|channel.Receive()|];")]
    [InlineData("using Coroutines;", "var work = Yield.Spawn(new Work());\n        [|Yield.Await(work)|];\n        [|Yield.AwaitAll(work, work)|];\n        _ = [|Yield.AwaitAny(work)|];")]
    [InlineData("using Coroutines;", "[|Yield.WithTimeout(10, new Work())|];")]
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

            public sealed class Work : global::Coroutines.Coroutine
            {
                protected override global::Coroutines.Suspension Step() => global::Coroutines.Suspension.Done;
            }
            """);
    }

    /// <summary>Top-level statements compile into a method the compiler calls <c>&lt;Main&gt;$</c>: messages use the user's names.</summary>
    [Fact]
    public async System.Threading.Tasks.Task COR0011_in_top_level_statements_names_the_users_local_function()
    {
        var source = """
            using Coroutines;

            Yield.Sleep(1);
            Wait();

            static void Wait()
            {
                Yield.Sleep(2);
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation([new SourceFile("Program.cs", source)])
            .WithOptions(GeneratorHarness.CompilationOptions.WithOutputKind(OutputKind.ConsoleApplication));
        var diagnostics = await compilation.WithAnalyzers(GeneratorHarness.CreateAnalyzers()).GetAnalyzerDiagnosticsAsync();
        var messages = diagnostics
            .Where(static d => d.Id == "COR0011")
            .OrderBy(static d => d.Location.SourceSpan.Start)
            .Select(static d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

        Assert.Equal(2, messages.Count);
        Assert.All(messages, static m => Assert.DoesNotContain("<Main>$", m));
        Assert.Contains("Move the call into a method of a class, marked [Coroutine]", messages[0]);
        Assert.Contains("Make 'Wait' a method of a class, marked [Coroutine]", messages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void COR0011_in_a_method_names_the_method()
    {
        var run = DiagnosticAssert.Fires("COR0011", Warning, Program("""
                public static void Wait()
                {
                    [|Yield.Sleep(1);|]
                }
            """));
        var message = run.AllDiagnosticsWithAnalyzers.Single(static d => d.Id == "COR0011").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.EndsWith(". Mark 'Wait' with [Coroutine] to suspend instead", message);
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
    public void COR0012_instance_method_of_a_ref_struct()
    {
        var run = DiagnosticAssert.Fires("COR0012", Error, Program("""
                private int _count;

                [Coroutine]
                public void [|Run|]()
                {
                    _count++;
                    Yield.Sleep(1);
                }
            """, "public ref partial struct Counter"));
        Assert.Equal(
            "Coroutine 'Run' is an instance method of ref struct 'Counter': its state machine would have to keep a copy of 'this', and a ref struct cannot live in a field (C# refuses an async method there too). Make it static and pass what it needs",
            MessageOf(run, "COR0012"));
    }

    /// <summary>Instance coroutines of structs and record structs are generated (on a copy of <c>this</c>, see StructTests).</summary>
    [Theory]
    [InlineData("public partial struct Counter")]
    [InlineData("public partial record struct Counter(int Count)")]
    [InlineData("public readonly partial struct Counter")]
    public void COR0012_not_reported_for_an_instance_method_of_a_struct(string header)
    {
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public int Run(int n)
                {
                    Yield.Sleep(n);
                    return GetHashCode() + n;
                }
            """, header), "COR0012").AssertNoErrorsOrWarnings();
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
    public void COR0013_a_per_iteration_variable_kept_where_the_state_machine_cannot_keep_it()
    {
        var run = DiagnosticAssert.Fires("COR0013", Error, Program("""
                private static Span<int> Filled<T>(T[] items, Span<int> into, Func<T, int> value)
                {
                    into[0] = value(items[0]);
                    return into;
                }

                [Coroutine]
                public static int Run()
                {
                    var sums = new List<int>();
                    foreach (var item in new[] { 1, 2, 3 })
                    {
                        // An argument of a call whose value is a ref struct (a lambda cannot return one), given a collection expression of a
                        // span type after an array made with a lambda given to a call whose value is a span (C# makes the collection for the block it is in: a
                        // block of its own could not assign it, CS9203, and it cannot be made before that block, before the array, whose lambda is made with no call): nothing to
                        // make it with (the value around it is, a local of a block it is kept in, a collection it reads first too, after arguments kept before it,
                        // or chosen by a `?:`, a foreach that does not suspend, Behaviour/LambdaAroundRefStructCaptureTests, LambdaAroundRefStructLocalCaptureTests,
                        // LambdaKeptInItsScopeCaptureTests, LambdaKeptCollectionsCaptureTests and LambdaKeptArgumentsCaptureTests; an argument of another call too, LambdaArgumentCaptureTests).
                        var span = Filled(new[] { new { A = Filled(new[] { new { A = 1 } }, new int[1], y => y.A)[0] } }, [sums.Count], [|x => x.A + item|]);
                        sums.Add(span[0]);
                        Yield.Sleep(1);
                    }
                    return sums.Count;
                }
            """));
        Assert.Equal(
            "'item' is a new variable each time its scope is entered (each iteration of a loop that suspends), and the lambda that captures it has a delegate type the generated code cannot name (an anonymous type is in it), and the generated code can make it neither with the call it is an argument of (not one that reads a ref local or a ref struct variable) or, when that call's value is a ref struct, with the value of another type around it in the same expression (`Spanned(...).Length`) or, kept in a local of a block or a switch section or referred into by a ref local declared there (through its receiver or the first argument of a method named without one, after arguments that evaluate nothing or are not `out` arguments, declaring no variable and holding no lambda other than one made with a call in it), in a block of its own (not a ref struct looped over by a `foreach` that suspends, nor a value that holds a collection expression of a span type after something else it evaluates that is not an argument (not `out`) or a receiver of a reference type, declaring no variable and holding no lambda other than one made with a call in it, where it is not evaluated each time the value is outside such an argument, or holding a lambda not made with a call in it, nor a value used by reference elsewhere), nor with its assignment or object (not through a ref local, to something of a ref struct type, or as a branch of a `?:` in a `with` with a suspension after it in the same expression whose branches are not all lambdas and constants), nor in a statement that keeps them in a block of its own (an expression statement, a declaration of a block's or a switch section's locals with values, or the condition of an `if`, a `while`, a `do` or a `for` or the collection of a `foreach`, that does not suspend and whose variables that code after it reads can live in fields or, of a ref struct type, are declared by an `out` argument or a pattern), nor in a part of a statement that suspends evaluated before its first suspension, an argument of a coroutine's call or of a suspension point (not of a suspension point one of whose arguments is of a ref struct type that holds an anonymous type, nor passed to one by reference) or a part evaluated after a suspension of an expression statement, a declaration of a block's or a `for` loop's locals, a `return`, a `throw`, the condition of an `if`, a `while`, a `do` or a `for`, the value of a `switch` or a `lock`, the collection of a `foreach`, the resource of a `using` statement or of a declaration of one `using` local, a `for` initializer or incrementor, a `?.` statement, a declaration of ref struct locals or of ref locals in an index or an argument passed by value that holds the local's suspensions and is evaluated first or after a receiver of a reference type (not another declaration of ref locals, a declaration of several `using` locals, nor another value, or the value of a compound assignment, of a ref struct type that C# does not convert there (a `switch` value, a `foreach` collection, an operand of an operator of its own) or of a type holding an anonymous type whose shape the generated code cannot write). Pass the lambda directly as an argument of a method call, or assign it directly to an array element, a field, a property or a local. Or make it part of a statement that does not suspend, declaring no variable of a ref struct type that code after it reads other than by an `out` argument or a pattern, or put it before the first suspension of its statement. Or use the ref struct the call makes in the same expression (`Spanned(...).Length`), or keep it in a local of its own declared with the call (`var span = Spanned(...);`, a collection expression of a span type it reads declared in a local before it). Or use a class or a record instead of the anonymous type",
            MessageOf(run, "COR0013"));
    }

    /// <summary>
    /// Issue 14, point 2: the programs that were COR0013 (a closure over a loop local or a foreach
    /// variable, across a sleep) now run like the original, each iteration with its own variable.
    /// </summary>
    [Theory]
    [InlineData("for (int i = 0; i < 3; i++)\n        {\n            int copy = i * 10;\n            readers.Add(() => copy);\n            Yield.Sleep(1);\n            copy++;\n        }")]
    [InlineData("foreach (var item in new[] { 1, 2, 3 })\n        {\n            readers.Add(() => item * 10);\n            Yield.Sleep(1);\n        }")]
    [InlineData("foreach (var (a, b) in new List<(int, int)> { (1, 2), (3, 4) })\n        {\n            Yield.Sleep(b);\n            readers.Add(() => a);\n        }")]
    public void Former_COR0013_programs_now_run_like_the_original(string loop)
    {
        var source = Program($$"""
                [Coroutine]
                public static string Run()
                {
                    var readers = new List<Func<int>>();
                    {{loop}}
                    string seen = "";
                    foreach (var read in readers)
                        seen += read() + " ";
                    return seen;
                }
            """);
        DiagnosticAssert.DoesNotFire(source, AllIds).AssertNoErrorsOrWarnings();
        var result = Oracle.Compare(source, "Demo.Program", "Run");
        Assert.DoesNotMatch(@"returned: (\d+) \1 ", result.StateMachine.Lines[^2]); // not one shared variable
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
    public void COR0014_not_reported_for_any_base_access_that_compiles()
    {
        const string types = """

                public class Shelf
                {
                    private readonly string?[] _slots = new string?[4];
                    private readonly int[] _counts = new int[4];

                    public virtual string? this[int i]
                    {
                        get => _slots[i];
                        set => _slots[i] = value;
                    }

                    public virtual int this[long i]
                    {
                        get => _counts[i];
                        set => _counts[i] = value;
                    }

                    public virtual ref int Slot(int i) => ref _counts[i];

                    public virtual event Action? Changed;

                    protected void Raise() => Changed?.Invoke();
                }

            """;
        // `nameof(base.E)` is a constant; a variable the right side of a base indexer's update declares is hoisted
        // (Behaviour/BaseIndexerDeclaredVariableTests runs both).
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public string Run(string text)
                {
                    Yield.Sleep(1);
                    base[1L] += int.TryParse(text, out var parsed) ? parsed : 0;
                    base[2] ??= int.TryParse(text, out var kept) ? "kept " + kept : null;
                    return nameof(base.Changed) + parsed;
                }
            """, "public partial class Derived : Shelf") + types, "COR0014").AssertNoErrorsOrWarnings();
        // Every use of a base indexer goes through an accessor (BaseIndexerValueTests runs them): `??=`, `++` as a value, a deconstruction target.
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public string Run()
                {
                    Yield.Sleep(1);
                    base[1] = base[2] + 1;
                    base[1] += "y";
                    base[1L]++;
                    base.Slot(2) += 3;
                    base[2] ??= "z";
                    int old = base[1L]++;
                    var pair = (base[1], base[1L]--);
                    (base[1], (base[1L], old)) = ("t", (old, 7));
                    return base.ToString() + base.GetHashCode() + base[1] + ++base[2L] + base.Slot(2) + old + pair;
                }
            """, "public partial class Derived : Shelf") + types, "COR0014").AssertNoErrorsOrWarnings();
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

    /// <summary>A local function can be a coroutine (LocalFunctionCoroutineTests), but not one capturing a local of a method that is not a coroutine.</summary>
    [Fact]
    public void COR0016_coroutine_local_function_capturing_a_local_of_an_ordinary_method()
    {
        DiagnosticAssert.Fires("COR0016", Error, Program("""
                public static Coroutine Run()
                {
                    int count = 0;
                    return InnerCoroutine();

                    [Coroutine]
                    void [|Inner|]()
                    {
                        count++;
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
    public void COR0020_a_type_outside_the_containing_type_would_be_hidden()
    {
        DiagnosticAssert.Fires("COR0020", Error, Program("""
                private static readonly RunStateMachine s_machine = new();

                [Coroutine]
                public static void [|Run|]()
                {
                    Yield.Sleep(1);
                }
            """) + "\n\npublic sealed class RunStateMachine\n{\n}\n");
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

    // ---------------------------------------------------------------- calls to coroutines and value suspension points

    /// <summary>A coroutine to call, and a suspension point with a value (<c>Gate.Wait</c>).</summary>
    private const string Callees = """
                [Coroutine]
                public static int Fetch(int x)
                {
                    Yield.Sleep(x);
                    return x;
                }

                public sealed class Gate
                {
                    [SuspensionPoint(nameof(BeginWait), Result = nameof(EndWait))]
                    public int Wait(int x) => x;

                    public Suspension BeginWait(int x) => Suspension.Sleep(x);

                    public int EndWait(int x) => x;
                }
        """;

    /// <summary>
    /// No longer refused (issue 14): a part of the chain that suspends, a struct part (called on in place, or on a copy of a
    /// property's value), a chain inside a chain, a nullable struct receiver (called on a copy of its value).
    /// </summary>
    [Theory]
    [InlineData("gates?[Fetch(0)].Wait(1)")]
    [InlineData("doors?[0].Wait(1)")]
    [InlineData("holder?.Inner?.First.Wait(1)")]
    [InlineData("holder?.Inner?.Door.Wait(Fetch(1))")]
    [InlineData("door?.Wait(1)")]
    public void COR0007_not_reported_for_a_suspending_or_struct_part_a_chain_in_a_chain_or_a_nullable_struct_receiver(string chain)
    {
        DiagnosticAssert.DoesNotFire(Program($$"""
                {{Callees}}

                public struct Door
                {
                    [SuspensionPoint(nameof(BeginWait), Result = nameof(EndWait))]
                    public int Wait(int x) => x;

                    public Suspension BeginWait(int x) => Suspension.Sleep(x);

                    public int EndWait(int x) => x;
                }

                public sealed class Holder
                {
                    public Holder? Inner { get; set; }

                    public Gate First { get; } = new();

                    public Door Door { get; set; }
                }

                [Coroutine]
                public static void Run(Gate[]? gates, Door[]? doors, Holder? holder, Door? door)
                {
                    var n = {{chain}};
                    Trace.Log(n);
                }
            """), "COR0007");
    }

    /// <summary>A suspension point on a part of a chain (issue 14) and a coroutine on a conditional receiver are spilled: not refused.</summary>
    [Fact]
    public void COR0007_not_reported_for_a_part_of_a_conditional_chain_or_a_coroutine_on_a_conditional_receiver()
    {
        DiagnosticAssert.DoesNotFire(Program($$"""
                {{Callees}}

                public sealed partial class Pool
                {
                    public Gate First { get; } = new();

                    [Coroutine]
                    public int Take(int x)
                    {
                        Yield.Sleep(x);
                        return x;
                    }
                }

                [Coroutine]
                public static void Run(Gate[]? gates, Pool? pool)
                {
                    var n = gates?[0].Wait(1);
                    pool?.First.Wait(2);
                    var m = pool?.Take(3);
                    Trace.Log($"{n} {m}");
                }
            """), "COR0007");
    }

    /// <summary>Suspensions inside expressions are spilled (issue 14, point 1): none of these is refused.</summary>
    [Fact]
    public void COR0007_not_reported_for_calls_and_value_suspensions_inside_expressions()
    {
        DiagnosticAssert.DoesNotFire(Program($$"""
                {{Callees}}

                [Coroutine]
                public static int Run()
                {
                    Yield.Sleep(1);
                    Trace.Log(Fetch(1));
                    if (Fetch(1) > 0)
                        Trace.Log(1);
                    while (Fetch(1) > 5)
                    {
                    }
                    Trace.Log($"got {Fetch(1)}");
                    int x = 0;
                    x += Fetch(1);
                    Trace.Log(x);
                    var y = Fetch(1) + 1;
                    int a = Fetch(1), b = 2;
                    var list = new int[1];
                    list[0] = Fetch(1);
                    var n = Fetch(Fetch(1));
                    var gate = new Gate();
                    Trace.Log(gate.Wait(1));
                    var z = gate.Wait(1) * 2;
                    var w = gate.Wait(gate.Wait(1));
                    return Fetch(1) * 2 + y + a + b + n + z + w;
                }

                [Coroutine]
                public static int Arrow() => Fetch(2) + 1;
            """), "COR0007");
    }

    [Fact]
    public void COR0007_not_reported_for_calls_and_value_suspensions_in_the_four_forms()
    {
        DiagnosticAssert.DoesNotFire(Program($$"""
                {{Callees}}

                private static int s_field;

                [Coroutine]
                public static int Run(int p)
                {
                    Fetch(1);
                    _ = Fetch(2);
                    var a = Fetch(3);
                    int b = Fetch(4);
                    a = Fetch(a);
                    p = Fetch(p);
                    s_field = Fetch(b);
                    Program.s_field = Fetch(b);
                    var gate = new Gate();
                    gate.Wait(1);
                    var c = gate.Wait(a);
                    c = gate.Wait(c);
                    return gate.Wait(c + p);
                }

                [Coroutine]
                public static int Arrow() => Fetch(2);

                [Coroutine]
                public static void VoidArrow() => new Gate().Wait(2);
            """), AllIds).AssertNoErrorsOrWarnings();
    }

    [Theory]
    [InlineData("Func<int> f = () => [|Fetch(1)|];\n        Trace.Log(f());")]
    [InlineData("int Local() => [|Fetch(1)|];\n        Trace.Log(Local());")]
    [InlineData("Action a = delegate { [|new Gate().Wait(1);|] };\n        a();")]
    public void COR0006_call_or_value_suspension_in_a_lambda_or_local_function(string body)
    {
        DiagnosticAssert.Fires("COR0006", Error, Program($$"""
                {{Callees}}

                [Coroutine]
                public static void Run()
                {
                    Yield.Sleep(1);
                    {{body}}
                }
            """));
    }

    // ---------------------------------------------------------------- COR0021

    [Theory]
    [InlineData("[SuspensionPoint(\"BeginWiat\", Result = nameof(EndWait))]", "var v = [|gate.Wait(1)|];")]
    [InlineData("[SuspensionPoint(nameof(BeginWait), Result = \"EndWiat\")]", "[|gate.Wait(1)|];")]
    [InlineData("[SuspensionPoint(nameof(BeginNothing), Result = nameof(EndWait))]", "var v = [|gate.Wait(1)|];")]
    [InlineData("[SuspensionPoint(nameof(BeginWait), Result = nameof(Helper.EndStatic))]", "var v = [|gate.Wait(1)|];")]
    public void COR0021_instance_suspension_point_names_a_method_its_type_lacks(string attribute, string body)
    {
        DiagnosticAssert.Fires("COR0021", Error, Program($$"""
                public sealed class Gate
                {
                    {{attribute}}
                    public int Wait(int x) => x;

                    public Suspension BeginWait(int x) => Suspension.Sleep(x);

                    public Suspension BeginNothing() => Suspension.Sleep(1);

                    public int EndWait(int x) => x;
                }

                public static class Helper
                {
                    public static int EndStatic(int x) => x;
                }

                [Coroutine]
                public static void Run()
                {
                    var gate = new Gate();
                    {{body}}
                }
            """));
    }

    [Fact]
    public void COR0021_static_suspension_point_names_a_factory_Suspension_lacks()
    {
        var run = DiagnosticAssert.Fires("COR0021", Error, Program("""
                [SuspensionPoint("Nap")]
                public static void Nap(int ms) => Thread.Sleep(ms);

                [Coroutine]
                public static void Run()
                {
                    [|Nap(5)|];
                }
            """));

        var message = run.GeneratorDiagnostics.Single(d => d.Id == "COR0021").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("Suspension point 'Program.Nap' names factory 'Nap' that does not exist on 'Suspension' (taking 1 argument(s)); fix its [SuspensionPoint] attribute", message);
    }

    [Fact]
    public void COR0021_not_reported_for_existing_factories_with_optional_and_params_parameters()
    {
        DiagnosticAssert.DoesNotFire(Program("""
                public sealed class Gate
                {
                    [SuspensionPoint(nameof(BeginWait), Result = nameof(EndWait))]
                    public int Wait(int x, int y) => x + y;

                    public Suspension BeginWait(int x, int y = 2, int z = 3) => Suspension.Sleep(x + y + z);

                    public int EndWait(params int[] values) => values.Length;
                }

                [Coroutine]
                public static int Run()
                {
                    var gate = new Gate();
                    Yield.Sleep(TimeSpan.FromMilliseconds(1));
                    return gate.Wait(1, 2);
                }
            """), "COR0021").AssertNoErrorsOrWarnings();
    }

    // ---------------------------------------------------------------- COR0022

    /// <summary>A suspension point that returns a value but names no result method to read it.</summary>
    private const string GateWithoutResult = """
                public sealed class Gate
                {
                    [SuspensionPoint(nameof(BeginWait))]
                    public int Wait(int x) => x;

                    public Suspension BeginWait(int x) => Suspension.Sleep(x);
                }
        """;

    [Theory]
    [InlineData("var v = [|gate.Wait(1)|];")]
    [InlineData("int v;\n        v = [|gate.Wait(1)|];")]
    public void COR0022_value_of_a_suspension_point_without_a_result_method(string body)
    {
        DiagnosticAssert.Fires("COR0022", Error, Program($$"""
                {{GateWithoutResult}}

                [Coroutine]
                public static void Run()
                {
                    var gate = new Gate();
                    {{body}}
                }

                [Coroutine]
                public static int Returns(Gate gate) => [|gate.Wait(2)|];
            """));
    }

    [Fact]
    public void COR0022_not_reported_when_the_value_is_discarded()
    {
        DiagnosticAssert.DoesNotFire(Program($$"""
                {{GateWithoutResult}}

                [Coroutine]
                public static void Run()
                {
                    var gate = new Gate();
                    gate.Wait(1);
                    _ = gate.Wait(2);
                }
            """), "COR0022").AssertNoErrorsOrWarnings();
    }

    /// <summary>`&&` on a protected type of a base class with user-defined true/false operators, in a generic derived type: no class whose type parameters are the type's can name it, and the message says why.</summary>
    [Fact]
    public void COR0007_short_circuit_on_user_defined_true_and_false()
    {
        var run = DiagnosticAssert.Fires("COR0007", Error, Program("""
                public class Vault
                {
                    protected sealed class Flag
                    {
                        public bool Value;
                        public static bool operator true(Flag f) => f.Value;
                        public static bool operator false(Flag f) => !f.Value;
                        public static Flag operator &(Flag a, Flag b) => new() { Value = a.Value && b.Value };
                    }
                }

                public partial class Safe<T> : Vault
                {
                    [Coroutine]
                    private static Flag Check(int n)
                    {
                        Yield.Sleep(n);
                        return new Flag { Value = n > 0 };
                    }

                    [Coroutine]
                    public static void Run()
                    {
                        Trace.Log((new Flag() && [|Check(1)|]).Value);
                    }
                }
            """));
        Assert.StartsWith("'Check' suspends inside an operand of '&&' on Flag's operator false, in a generic type or method, where the generated code declares its [UnsafeAccessor] in a class whose type parameters are exactly those of 'Flag', and no such class can name 'Flag', which is not internal or public (make 'Flag' internal)", MessageOf(run, "COR0007"));
    }

    /// <summary>C# refuses a ref struct value evaluated before an await of the same expression (CS4007): COR0026 says so.</summary>
    [Theory]
    [InlineData("var a = new int[2];\n        Trace.Log(Use(new Span<int>(a), [|Next(1)|]));")]
    [InlineData("Trace.Log(Use(stackalloc int[2], [|Next(1)|]));")]
    [InlineData("Trace.Log(Use(stackalloc int[Next(2)], [|Next(1)|]));")] // its size's suspension is spilled; the span itself cannot wait for Next(1)
    public void COR0026_ref_struct_value_evaluated_before_a_suspension(string body)
    {
        var run = DiagnosticAssert.Fires("COR0026", Error, Program($$"""
                [Coroutine]
                public static int Next(int n)
                {
                    Yield.Sleep(n);
                    return n;
                }

                private static int Use(Span<int> span, int n) => span.Length + n;

                [Coroutine]
                public static void Run()
                {
                    {{body}}
                }
            """));
        Assert.Contains("a value of the ref struct 'System.Span<int>' that C# evaluates before it", MessageOf(run, "COR0026"));
        Assert.Contains("C# refuses 'await' there too (CS4007)", MessageOf(run, "COR0026"));
    }

    // ---------------------------------------------------------------- COR0023

    [Fact]
    public void COR0023_call_to_a_coroutine_that_is_not_generated_and_to_its_callers()
    {
        DiagnosticAssert.Fires("COR0023", Error, Program("""
                [Coroutine]
                public static int Broken(int x)
                {
                    Span<int> numbers = stackalloc int[1];
                    numbers[0] = x;
                    Yield.Sleep(1);
                    return numbers[0];
                }

                [Coroutine]
                public static int Fetch(int x)
                {
                    Yield.Sleep(x);
                    return x;
                }

                [Coroutine]
                public static int Caller(int x)
                {
                    var b = [|Broken(x)|];
                    var f = Fetch(b);
                    return f;
                }

                [Coroutine]
                public static int Outer(int x)
                {
                    Yield.Sleep(1);
                    return [|Caller(x)|];
                }

                [Coroutine]
                public static int Unrelated(int x)
                {
                    var f = Fetch(x);
                    return f;
                }
            """));
    }

    [Fact]
    public void COR0023_not_reported_for_recursion_and_calls_to_coroutines_that_are_generated()
    {
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public static int Countdown(int x)
                {
                    if (x == 0)
                        return 0;
                    Yield.Sleep(1);
                    var rest = Countdown(x - 1);
                    return rest + Other(x);
                }

                public static int Other(int x) => x;
            """), "COR0023").AssertNoErrorsOrWarnings();
    }

    // ---------------------------------------------------------------- COR0024

    [Fact]
    public void COR0024_not_reported_for_a_sealed_override_or_a_non_virtual_method()
    {
        DiagnosticAssert.DoesNotFire($$"""
            {{Programs.Usings}}

            public partial class Animal
            {
                [Coroutine]
                public virtual int Speak(int times)
                {
                    Yield.Sleep(times);
                    return times;
                }
            }

            public sealed partial class Cat : Animal
            {
                [Coroutine]
                public override int Speak(int times)
                {
                    Yield.Sleep(1);
                    return times;
                }

                [Coroutine]
                public int Twice(Cat other)
                {
                    var a = other.Speak(1);
                    var b = Purr(a);
                    return b;
                }

                [Coroutine]
                public int Purr(int n)
                {
                    Yield.Sleep(n);
                    return n;
                }
            }
            """, "COR0024").AssertNoErrorsOrWarnings();
    }

    // ---------------------------------------------------------------- COR0025

    [Fact]
    public void COR0025_await_in_a_coroutine()
    {
        var run = DiagnosticAssert.Fires("COR0025", Error, Program("""
                [Coroutine]
                public static int Run(Task<int> task, IAsyncEnumerable<int> items, IAsyncDisposable resource)
                {
                    Yield.Sleep(1);
                    var value = [|await|] task;
                    [|await|] foreach (var item in items)
                        value += item;
                    [|await|] using (resource)
                        value++;
                    [|await|] using var second = resource;
                    return value;
                }
            """));
        var message = run.AllDiagnosticsWithAnalyzers.First(static d => d.Id == "COR0025").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'Run'", message);
        Assert.Contains("Yield.Await(task)", message);
        Assert.DoesNotContain(run.GeneratedTrees, static t => t.ToString().Contains("await "));

        // An async lambda or local function inside a coroutine awaits on its own: no COR0025.
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine]
                public static int Run(Task<int> task)
                {
                    Func<Task<int>> lambda = async () => await task;
                    async Task<int> Local() => await task;
                    Yield.Sleep(1);
                    return lambda().Result + Local().Result;
                }
            """), "COR0025");
    }

    // ---------------------------------------------------------------- COR0026

    /// <summary>Where C# itself refuses <c>await</c>, a suspension is refused with a message that says so.</summary>
    [Theory]
    [InlineData("try { Trace.Log(1); } catch (Exception e) when ([|Check(e.Message)|]) { }", "in a catch filter: C# refuses 'await' there too (CS7094). Call it before the try statement")]
    [InlineData("unsafe { int* p = null; [|Yield.Sleep(1);|] }", "in an unsafe context: C# refuses 'await' there too (CS4004). Move the call before or after the unsafe block")]
    [InlineData("fixed (int* p = new int[1]) { [|Yield.Sleep(1);|] }", "in an unsafe context: C# refuses 'await' there too (CS4004). Move the call before or after the fixed statement")]
    [InlineData("var q = from x in new[] { 1, 2 } where [|Check(x.ToString())|] select x; Trace.Log(q.Count());", "in a query clause other than the first from: C# refuses 'await' there too (CS1995)")]
    [InlineData("var q = from x in new[] { 1, 2 } select [|Count(x)|]; Trace.Log(q.Count());", "in a query clause other than the first from")]
    [InlineData("var q = from x in new[] { 1, 2 } from y in [|Numbers(x)|] select x + y; Trace.Log(q.Count());", "in a query clause other than the first from")]
    [InlineData("var q = from x in new[] { 1, 2 } let y = [|Count(x)|] orderby y select y; Trace.Log(q.Count());", "in a query clause other than the first from")]
    public void COR0026_suspension_where_csharp_forbids_await(string statement, string expected)
    {
        var run = DiagnosticAssert.Fires("COR0026", Error, Program($$"""
                [Coroutine]
                public static bool Check(string text)
                {
                    Yield.Sleep(1);
                    return text.Length > 0;
                }

                [Coroutine]
                public static int Count(int n)
                {
                    Yield.Sleep(n);
                    return n;
                }

                [Coroutine]
                public static int[] Numbers(int n)
                {
                    Yield.Sleep(n);
                    return new[] { n };
                }

                [Coroutine]
                public static unsafe void Run()
                {
                    Yield.Sleep(1);
                    {{statement}}
                }
            """).Replace("using System;", "using System;\nusing System.Linq;", StringComparison.Ordinal));
        Assert.Contains(expected, MessageOf(run, "COR0026"), StringComparison.Ordinal);
    }

    /// <summary>
    /// C# allows an await in the first from clause's collection and in a join's collection: no
    /// COR0026 there (the generator still asks for a local first, COR0007, until spilling).
    /// </summary>
    [Theory]
    [InlineData("var q = from x in Numbers(1) select x;")]
    [InlineData("var q = from x in new[] { 1 } join y in Numbers(1) on x equals y select x;")]
    public void COR0026_not_reported_where_csharp_allows_await_in_a_query(string statement)
    {
        DiagnosticAssert.DoesNotFire(Program($$"""
                [Coroutine]
                public static int[] Numbers(int n)
                {
                    Yield.Sleep(n);
                    return new[] { n };
                }

                [Coroutine]
                public static void Run()
                {
                    Yield.Sleep(1);
                    {{statement}}
                    Trace.Log(q.Count());
                }
            """).Replace("using System;", "using System;\nusing System.Linq;", StringComparison.Ordinal), "COR0026");
    }

    [Fact]
    public void COR0009_ref_local_says_csharp_refuses_it_too()
    {
        var run = DiagnosticAssert.Fires("COR0009", Error, Program("""
                [Coroutine]
                public static int Run()
                {
                    int[] numbers = { 1, 2 };
                    [|ref int first = ref numbers[0];|]
                    Yield.Sleep(1);
                    first++;
                    return numbers[0];
                }
            """));
        Assert.Equal("Local 'first' cannot be kept in a field across a suspension: it is a ref local that would live across 'Yield.Sleep(1)' (line 17): it is used after it, on line 18; C# refuses a ref local that lives across an await too (CS9217). Use 'first' only before 'Yield.Sleep(1)'. To use the variable after it, declare another ref local after it", MessageOf(run, "COR0009"));
    }

    // ---------------------------------------------------------------- all ids

    public static readonly string[] AllIds =
        [
            "COR0001", "COR0002", "COR0003", "COR0004", "COR0005", "COR0006", "COR0007", "COR0008", "COR0009",
            "COR0010", "COR0011", "COR0012", "COR0013", "COR0014", "COR0015", "COR0016", "COR0017", "COR0018", "COR0019", "COR0020",
            "COR0021", "COR0022", "COR0023", "COR0024", "COR0025", "COR0026", "COR0032",
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
