using System;
using System.IO;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Sdk;

namespace Coroutines.Generator.Tests;

/// <summary>
/// The harness checked on its own, with hand-written factories and state machines standing in
/// for generated ones (the methods carry no [Coroutine], so the generator leaves them alone).
/// These pass whatever the generator does.
/// </summary>
public sealed class HarnessSelfTests
{
    // A hand-written version of what the generator produces for the README's Count.
    private const string HandWritten = """
        using System;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public static partial class Workers
        {
            public static int Count(string name, int steps, int delayMs)
            {
                int total = 0;
                for (int i = 1; i <= steps; i++)
                {
                    Trace.Log($"{name} step {i}");
                    Yield.Sleep(delayMs);
                    total += i;
                }
                if (total > 100)
                {
                    throw new InvalidOperationException($"too many: {total}");
                }
                return total;
            }

            public static CountStateMachine CountCoroutine(string name, int steps, int delayMs) => new(name, steps, delayMs, sleepScale: 1);

            public static CountStateMachine WrongCountCoroutine(string name, int steps, int delayMs) => new(name, steps, delayMs, sleepScale: 2);

            public static int WrongCount(string name, int steps, int delayMs) => Count(name, steps, delayMs);

            public sealed class CountStateMachine : Coroutine<int>
            {
                private readonly string _name;
                private readonly int _steps;
                private readonly int _delayMs;
                private readonly int _sleepScale;
                private int _state;
                private int _total;
                private int _i;

                public CountStateMachine(string name, int steps, int delayMs, int sleepScale)
                {
                    _name = name;
                    _steps = steps;
                    _delayMs = delayMs;
                    _sleepScale = sleepScale;
                }

                protected override Suspension Step()
                {
                    if (_state == 1)
                    {
                        goto Resume1;
                    }
                    _total = 0;
                    _i = 1;
                Loop:
                    if (!(_i <= _steps))
                    {
                        goto End;
                    }
                    Trace.Log($"{_name} step {_i}");
                    _state = 1;
                    return Suspension.Sleep(_delayMs * _sleepScale);
                Resume1:
                    _total += _i;
                    _i++;
                    goto Loop;
                End:
                    _state = -1;
                    if (_total > 100)
                    {
                        throw new InvalidOperationException($"too many: {_total}");
                    }
                    return Complete(_total);
                }
            }
        }
        """;

    private const string HandWrittenGenerics = """
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public static partial class Generic
        {
            public static T Echo<T>(T value, int delay)
            {
                Trace.Log(value);
                Yield.Sleep(delay);
                return value;
            }

            public static EchoStateMachine<T> EchoCoroutine<T>(T value, int delay) => new(value, delay);

            public sealed class EchoStateMachine<T> : Coroutine<T>
            {
                private readonly T _value;
                private readonly int _delay;
                private bool _started;

                public EchoStateMachine(T value, int delay)
                {
                    _value = value;
                    _delay = delay;
                }

                protected override Suspension Step()
                {
                    if (!_started)
                    {
                        _started = true;
                        Trace.Log(_value);
                        return Suspension.Sleep(_delay);
                    }
                    return Complete(_value);
                }
            }
        }

        public partial class Box<T>
        {
            private readonly T _content;

            public Box(T content) => _content = content;

            public string Open(int delay = 7)
            {
                Yield.Sleep(delay);
                Trace.Log($"open {_content}");
                return $"box of {_content}";
            }

            public OpenStateMachine OpenCoroutine(int delay = 7) => new(this, delay);

            public sealed class OpenStateMachine : Coroutine<string>
            {
                private readonly Box<T> _this;
                private readonly int _delay;
                private int _state;

                public OpenStateMachine(Box<T> @this, int delay)
                {
                    _this = @this;
                    _delay = delay;
                }

                protected override Suspension Step()
                {
                    if (_state == 0)
                    {
                        _state = 1;
                        return Suspension.Sleep(_delay);
                    }
                    Trace.Log($"open {_this._content}");
                    return Complete($"box of {_this._content}");
                }
            }

            public void Forever()
            {
                while (true)
                {
                    Yield.Sleep(1);
                }
            }

            public ForeverStateMachine ForeverCoroutine() => new();

            public sealed class ForeverStateMachine : Coroutine
            {
                protected override Suspension Step() => Suspension.Sleep(1);
            }
        }
        """;

    [Fact]
    public void Oracle_passes_for_a_correct_hand_written_state_machine()
    {
        var result = Oracle.Compare(HandWritten, "Demo.Workers", "Count", "fast", 3, 1000);

        Assert.Equal(
            ["0ms: fast step 1", "1000ms: fast step 2", "2000ms: fast step 3", "returned: 6", "final clock: 3000ms"],
            result.Original.Lines);
    }

    [Fact]
    public void Oracle_compares_exceptions_by_type_and_message()
    {
        var result = Oracle.Compare(HandWritten, "Demo.Workers", "Count", "big", 14, 10);

        Assert.Equal("threw: System.InvalidOperationException: too many: 105", result.Original.Lines[^2]);
        Assert.Equal("final clock: 140ms", result.Original.Lines[^1]);
        Assert.IsType<InvalidOperationException>(result.StateMachine.Exception);
    }

    [Fact]
    public void Oracle_fails_with_both_traces_side_by_side_when_they_differ()
    {
        // WrongCountCoroutine sleeps twice as long: same lines, wrong times.
        var failure = Assert.ThrowsAny<XunitException>(() => Oracle.Compare(HandWritten, "Demo.Workers", "WrongCount", "w", 2, 10));

        Assert.Contains("trace differs", failure.Message);
        Assert.Contains("original (direct call, Clock.Use)", failure.Message);
        Assert.Contains("state machine (Scheduler)", failure.Message);
        Assert.Matches(@"\*\s+2\s+10ms: w step 2\s+\| 20ms: w step 2", failure.Message);
        Assert.Matches(@"\*\s+4\s+final clock: 20ms\s+\| final clock: 40ms", failure.Message);
    }

    [Fact]
    public void Oracle_reports_a_missing_factory_as_generated_factory_not_found()
    {
        const string source = """
            using Coroutines;
            using Coroutines.Testing;

            namespace Demo;

            public static class Plain
            {
                public static void Wait()
                {
                    Trace.Log("waiting");
                    Yield.Sleep(5);
                }
            }
            """;

        var failure = Assert.ThrowsAny<XunitException>(() => Oracle.Compare(source, "Demo.Plain", "Wait"));

        Assert.Contains("Generated factory not found: Demo.Plain.WaitCoroutine", failure.Message);
        Assert.Contains("0ms: waiting", failure.Message); // the original's trace is shown
        Assert.Contains("final clock: 5ms", failure.Message);
    }

    [Fact]
    public void Oracle_handles_generic_methods_generic_types_instances_and_optional_arguments()
    {
        var ints = Oracle.Compare(new OracleCase
        {
            Sources = [("Generic.cs", HandWrittenGenerics)],
            TypeName = "Demo.Generic",
            MethodName = "Echo",
            MethodTypeArguments = [typeof(int)],
            Args = [42, 5],
        });
        var strings = Oracle.Compare(new OracleCase
        {
            Sources = [("Generic.cs", HandWrittenGenerics)],
            TypeName = "Demo.Generic",
            MethodName = "Echo",
            MethodTypeArguments = [typeof(string)],
            Args = ["hello", 5],
        });
        var box = Oracle.Compare(new OracleCase
        {
            Sources = [("Generic.cs", HandWrittenGenerics)],
            TypeName = "Demo.Box`1",
            TypeArguments = [typeof(double)],
            MethodName = "Open",
            CreateInstance = type => Activator.CreateInstance(type, 2.5)!,
        });

        Assert.Equal(["0ms: 42", "returned: 42", "final clock: 5ms"], ints.Original.Lines);
        Assert.Equal(["0ms: hello", "returned: hello", "final clock: 5ms"], strings.Original.Lines);
        Assert.Equal(["7ms: open 2.5", "returned: box of 2.5", "final clock: 7ms"], box.Original.Lines);
    }

    [Fact]
    public void A_state_machine_that_never_ends_is_stopped_and_reported()
    {
        var test = new OracleCase
        {
            Sources = [("Generic.cs", HandWrittenGenerics)],
            TypeName = "Demo.Box`1",
            TypeArguments = [typeof(int)],
            MethodName = "Forever",
            CreateInstance = type => Activator.CreateInstance(type, 1)!,
        };
        using var program = ProgramRunner.Build(test.Sources.ToArray()).Load();

        var trace = Oracle.RunStateMachine(program, test);

        Assert.Equal($"did not finish: status Sleeping after {Oracle.MaxSteps} steps", trace.Lines[^2]);
    }

    [Fact]
    public void The_original_methods_stack_trace_shows_the_test_file_and_line()
    {
        const string source = """
            using System;
            using Coroutines;

            namespace Demo;

            public static class Failing
            {
                public static void Fail()
                {
                    Yield.Sleep(10);
                    throw new InvalidOperationException("boom");
                }
            }
            """;

        using var program = ProgramRunner.Load(("Failing.cs", source));
        var trace = Oracle.RunOriginal(
            program,
            new OracleCase { Sources = [("Failing.cs", source)], TypeName = "Demo.Failing", MethodName = "Fail" });

        Assert.Contains("Failing.cs:line 11", trace.Exception!.StackTrace);
        Assert.Equal("threw: System.InvalidOperationException: boom", trace.Lines[^2]);
        Assert.Equal("final clock: 10ms", trace.Lines[^1]);
    }

    [Fact]
    public void Each_run_loads_a_fresh_copy_of_the_program_with_its_own_static_state()
    {
        const string source = """
            using Coroutines.Testing;

            namespace Demo;

            public static class Counter
            {
                private static int s_calls;

                public static int Next()
                {
                    s_calls++;
                    Trace.Log(s_calls);
                    return s_calls;
                }
            }
            """;
        var program = ProgramRunner.Build(source);

        using var first = program.Load();
        using var second = program.Load();
        var next = (Func<int>)Delegate.CreateDelegate(typeof(Func<int>), first.GetType("Demo.Counter").GetMethod("Next")!);
        int other;
        using (Clock.Use(new VirtualClock(TimeSpan.FromMilliseconds(3))))
        {
            next();
            next();
            other = (int)second.GetType("Demo.Counter").GetMethod("Next")!.Invoke(null, null)!;
        }

        Assert.Equal(["3ms: 1", "3ms: 2"], first.TraceLines);
        Assert.Equal(["3ms: 1"], second.TraceLines);
        Assert.Equal(1, other);
        // The runtime is shared, not loaded again.
        Assert.Same(typeof(Coroutine).Assembly, first.Assembly.GetReferencedAssemblies()
            .Where(a => a.Name == "Coroutines")
            .Select(a => System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(first.Assembly)!.LoadFromAssemblyName(a))
            .Single());
    }

    [Fact]
    public void AssertNoErrorsOrWarnings_lists_each_problem_with_its_location()
    {
        const string source = """
            namespace Demo;

            public static class Sloppy
            {
                public static void M()
                {
                    int unused;
                }

                public static string N() => null;
            }
            """;
        var run = GeneratorHarness.Run(("Sloppy.cs", source));

        var failure = Assert.ThrowsAny<XunitException>(() => run.AssertNoErrorsOrWarnings());

        Assert.Contains("Sloppy.cs(7,13): warning CS0168", failure.Message);
        Assert.Contains("Sloppy.cs(10,33): warning CS8603", failure.Message);
        Assert.Contains("int unused;", failure.Message);
        run.AssertNoErrorsOrWarnings("CS0168", "CS8603");
        Assert.Single(run.DiagnosticsById("CS0168"));
    }

    [Fact]
    public void Harness_compilation_uses_latest_language_and_strict_options()
    {
        var run = GeneratorHarness.Run("namespace Demo; public static class Empty { }");

        run.AssertNoErrorsOrWarnings();
        Assert.Equal(Microsoft.CodeAnalysis.CSharp.LanguageVersionFacts.MapSpecifiedToEffectiveVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest),
            ((Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)run.OutputCompilation.SyntaxTrees.First().Options).LanguageVersion);
        Assert.Equal(NullableContextOptions.Enable, run.OutputCompilation.Options.NullableContextOptions);
        Assert.Contains(run.InputCompilation.SyntaxTrees, t => t.FilePath == TraceHelper.Path);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void Markup_spans_are_stripped_and_recorded()
    {
        var marked = MarkedSource.Parse("a [|bc|] d [|e|]");

        Assert.Equal("a bc d e", marked.Text);
        Assert.Equal(["bc", "e"], marked.Spans.Select(s => marked.Text.Substring(s.Start, s.Length)));
        Assert.Throws<ArgumentException>(() => MarkedSource.Parse("[|a"));
        Assert.Throws<ArgumentException>(() => MarkedSource.Parse("a|]"));
    }

    [Fact]
    public void DiagnosticAssert_matches_a_diagnostic_to_its_marked_span()
    {
        // CS0168 (a compiler warning) stands in for the generator's diagnostics.
        const string good = """
            public static class C
            {
                public static void M()
                {
                    int [|x|];
                }
            }
            """;
        const string wrongPlace = """
            public static class C
            {
                public static void [|M|]()
                {
                    int x;
                }
            }
            """;

        DiagnosticAssert.Fires("CS0168", DiagnosticSeverity.Warning, good);
        var misplaced = Assert.ThrowsAny<XunitException>(() => DiagnosticAssert.Fires("CS0168", DiagnosticSeverity.Warning, wrongPlace));
        var wrongSeverity = Assert.ThrowsAny<XunitException>(() => DiagnosticAssert.Fires("CS0168", DiagnosticSeverity.Error, good));
        var missing = Assert.ThrowsAny<XunitException>(() => DiagnosticAssert.Fires("COR0099", DiagnosticSeverity.Error, good));
        var plain = MarkedSource.Parse(good).Text;
        DiagnosticAssert.DoesNotFire(plain, "COR0099");
        Assert.ThrowsAny<XunitException>(() => DiagnosticAssert.DoesNotFire(plain, "CS0168"));

        Assert.Contains("expected CS0168 at Test.cs(3,24) on 'M'", misplaced.Message);
        Assert.Contains("unexpected CS0168", misplaced.Message);
        Assert.Contains("severity Warning; expected Error", wrongSeverity.Message);
        Assert.Contains("expected COR0099 at Test.cs(5,13) on 'x'", missing.Message);
    }

    [Fact]
    public void Rerun_reuses_the_driver_and_sees_the_edit()
    {
        var first = GeneratorHarness.Run(("A.cs", "public static class A { }"), ("B.cs", "public static class B { }"));

        var second = first.RerunWithEdit("B.cs", "public static class B { public static int X => 1; }");

        Assert.Contains("X", second.OutputCompilation.SyntaxTrees.Single(t => t.FilePath == "B.cs").ToString());
        Assert.Same(
            first.InputCompilation.SyntaxTrees.Single(t => t.FilePath == "A.cs"),
            second.InputCompilation.SyntaxTrees.Single(t => t.FilePath == "A.cs"));
        second.AssertNoErrorsOrWarnings();
    }
}
