using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using Xunit;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>One oracle comparison: which method of which program to run, and with what.</summary>
public sealed record OracleCase
{
    /// <summary>The program's sources.</summary>
    public required IReadOnlyList<SourceFile> Sources { get; init; }

    /// <summary>Reflection name of the containing type: <c>Demo.Workers</c>, <c>Demo.Outer+Inner</c>, <c>Demo.Box`1</c>.</summary>
    public required string TypeName { get; init; }

    /// <summary>The <c>[Coroutine]</c> method's name; its factory is <c>{MethodName}Coroutine</c>.</summary>
    public required string MethodName { get; init; }

    /// <summary>Arguments, passed to the method and to the factory. Trailing optional parameters may be left out.</summary>
    public object?[] Args { get; init; } = [];

    /// <summary>Type arguments of a generic containing type.</summary>
    public Type[] TypeArguments { get; init; } = [];

    /// <summary>Type arguments of a generic method.</summary>
    public Type[] MethodTypeArguments { get; init; } = [];

    /// <summary>
    /// For instance methods: creates the receiver from the (closed) loaded type. Called once per
    /// run, so each run gets a fresh instance. Default: the parameterless constructor.
    /// </summary>
    public Func<Type, object>? CreateInstance { get; init; }

    /// <summary>Warning ids the program may produce (the compile must otherwise be clean).</summary>
    public string[] AllowedDiagnosticIds { get; init; } = [];
}

/// <summary>The two traces of a passing comparison, for tests that also check what the program did.</summary>
public sealed record OracleResult(RunTrace Original, RunTrace StateMachine);

/// <summary>What one run did: the lines it logged (with clock times), then how it ended and the final clock time.</summary>
public sealed record RunTrace(IReadOnlyList<string> Lines, Exception? Exception)
{
    /// <summary>The trace as text, one line per entry.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Lines);
}

/// <summary>
/// The behaviour oracle: the original method, run directly on a <see cref="VirtualClock"/> made
/// current with <see cref="Clock.Use"/>, is the C# compiler's own semantics. The generated state
/// machine, run alone on a <see cref="Scheduler"/> over a fresh <see cref="VirtualClock"/>, must
/// produce exactly the same trace: logged lines with their clock times, the return value or the
/// exception (type and message), and the final clock time.
/// </summary>
public static class Oracle
{
    /// <summary>A run that has not finished after this many steps is stopped (an endless loop in the state machine).</summary>
    public const int MaxSteps = 100_000;

    /// <summary>A run still going after this long is abandoned (an endless loop inside one step).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Compares the static (or, with a parameterless constructor, instance) method <paramref name="methodName"/> of a single-file program.</summary>
    public static OracleResult Compare(string source, string typeName, string methodName, params object?[] args) =>
        Compare(new OracleCase
        {
            Sources = [new SourceFile(GeneratorHarness.DefaultPath, source)],
            TypeName = typeName,
            MethodName = methodName,
            Args = args,
        });

    /// <summary>Compares the original method with its generated state machine; fails with both traces side by side.</summary>
    public static OracleResult Compare(OracleCase test) =>
        Compare(ProgramRunner.Build(GeneratorHarness.Run([.. test.Sources]), test.AllowedDiagnosticIds), test);

    /// <summary>
    /// The same with a program already compiled from <paramref name="test"/>'s sources (see
    /// <see cref="SharedProgram"/>): many cases can share one compile. A failure dumps only the
    /// generated sources of <see cref="OracleCase.MethodName"/>.
    /// </summary>
    public static OracleResult Compare(CompiledProgram program, OracleCase test)
    {
        // Each side gets its own copy of the program: static state (counters, caches) starts fresh.
        RunTrace original;
        using (var loaded = program.Load())
        {
            original = RunOriginal(loaded, test);
        }
        RunTrace stateMachine;
        using (var loaded = program.Load())
        {
            stateMachine = RunStateMachine(loaded, test, original);
        }

        if (!original.Lines.SequenceEqual(stateMachine.Lines))
        {
            Assert.Fail(
                $"{Describe(test)}: the state machine's trace differs from the original's." + Environment.NewLine +
                SideBySide(original.Lines, stateMachine.Lines, "original (direct call, Clock.Use)", "state machine (Scheduler)") +
                Environment.NewLine + DescribeException("original", original.Exception) +
                DescribeException("state machine", stateMachine.Exception) +
                Environment.NewLine + program.Run.DumpGeneratedSources("." + test.MethodName + "StateMachine"));
        }
        return new OracleResult(original, stateMachine);
    }

    /// <summary>Runs the original method directly, blocking on a <see cref="VirtualClock"/> made current with <see cref="Clock.Use"/>.</summary>
    public static RunTrace RunOriginal(LoadedProgram program, OracleCase test)
    {
        var type = program.GetType(test.TypeName, test.TypeArguments);
        var method = FindOriginal(type, test);
        var target = method.IsStatic ? null : CreateInstance(type, test);
        var args = MethodFinder.FillOptional(method, test.Args);
        program.ClearTrace();

        var clock = new VirtualClock();
        object? result = null;
        Exception? exception = null;
        RunBounded(Describe(test) + " (original)", () =>
        {
            using (Clock.Use(clock))
            {
                try
                {
                    result = method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, args, culture: null);
                }
                catch (Exception e)
                {
                    exception = e;
                }
            }
        });

        var lines = program.TraceLines.ToList();
        lines.Add(exception is null ? Returned(method.ReturnType == typeof(void), result) : Threw(exception));
        lines.Add(FinalClock(clock));
        return new RunTrace(lines, exception);
    }

    /// <summary>Creates the state machine with the generated factory and runs it alone on a <see cref="Scheduler"/>.</summary>
    public static RunTrace RunStateMachine(LoadedProgram program, OracleCase test, RunTrace? original = null)
    {
        var type = program.GetType(test.TypeName, test.TypeArguments);
        var method = FindOriginal(type, test);
        var target = method.IsStatic ? null : CreateInstance(type, test);
        Coroutine coroutine;
        try
        {
            coroutine = program.CreateCoroutine(type, target, test.MethodName, test.MethodTypeArguments, test.Args);
        }
        catch (Exception e) when (original is not null && e is Xunit.Sdk.XunitException)
        {
            // Keep the oracle's side in the message: it shows what the program is meant to do.
            throw new Xunit.Sdk.XunitException(e.Message + Environment.NewLine + "Original trace:" + Environment.NewLine + Indent(original.Lines));
        }
        CheckResultType(coroutine, method);
        program.ClearTrace();

        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        scheduler.Observer = new StepLimit(scheduler);
        scheduler.UnobservedFault += (_, _) => { }; // read below through Coroutine.Exception
        RunBounded(Describe(test) + " (state machine)", () =>
        {
            scheduler.Spawn(coroutine);
            scheduler.Run();
        });

        var lines = program.TraceLines.ToList();
        Exception? exception = null;
        switch (coroutine.Status)
        {
            case CoroutineStatus.Completed:
                lines.Add(Returned(method.ReturnType == typeof(void), ReadResult(coroutine)));
                break;
            case CoroutineStatus.Faulted:
                exception = coroutine.Exception!;
                lines.Add(Threw(exception));
                break;
            default:
                lines.Add($"did not finish: status {coroutine.Status} after {MaxSteps} steps");
                break;
        }
        lines.Add(FinalClock(clock));
        return new RunTrace(lines, exception);
    }

    /// <summary>Two columns, a <c>*</c> on every row that differs.</summary>
    public static string SideBySide(IReadOnlyList<string> left, IReadOnlyList<string> right, string leftTitle, string rightTitle)
    {
        var width = Math.Max(leftTitle.Length, left.Count == 0 ? 0 : left.Max(l => l.Length));
        var builder = new StringBuilder();
        builder.AppendLine($"       {leftTitle.PadRight(width)} | {rightTitle}");
        builder.AppendLine($"       {new string('-', width)} | {new string('-', rightTitle.Length)}");
        for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
        {
            var l = i < left.Count ? left[i] : "";
            var r = i < right.Count ? right[i] : "";
            var marker = i < left.Count && i < right.Count && l == r ? ' ' : '*';
            builder.AppendLine($"{marker} {i + 1,3}  {l.PadRight(width)} | {r}");
        }
        return builder.ToString();
    }

    private static MethodInfo FindOriginal(Type type, OracleCase test)
    {
        var method = MethodFinder.Find(type, test.MethodName, isStatic: true, test.MethodTypeArguments, test.Args, out var staticProblem)
            ?? MethodFinder.Find(type, test.MethodName, isStatic: false, test.MethodTypeArguments, test.Args, out _);
        if (method is null)
        {
            Assert.Fail($"{Describe(test)}: the method itself was not found: {staticProblem}");
        }
        return method;
    }

    private static object CreateInstance(Type type, OracleCase test) =>
        test.CreateInstance?.Invoke(type) ?? LoadedProgram.CreateInstance(type);

    private static void CheckResultType(Coroutine coroutine, MethodInfo method)
    {
        var resultBase = BaseTypes(coroutine.GetType()).FirstOrDefault(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Coroutine<>));
        if (method.ReturnType == typeof(void))
        {
            Assert.True(resultBase is null, $"{method.Name} returns void, but its state machine {coroutine.GetType()} derives from {resultBase}; expected Coroutines.Coroutine.");
        }
        else
        {
            Assert.True(
                resultBase is not null && resultBase.GetGenericArguments()[0] == method.ReturnType,
                $"{method.Name} returns {method.ReturnType}, but its state machine {coroutine.GetType()} derives from {resultBase?.ToString() ?? "Coroutines.Coroutine"}; expected Coroutines.Coroutine<{method.ReturnType}>.");
        }
    }

    private static object? ReadResult(Coroutine coroutine)
    {
        var resultBase = BaseTypes(coroutine.GetType()).FirstOrDefault(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Coroutine<>));
        return resultBase?.GetProperty("Result")!.GetValue(coroutine);
    }

    private static IEnumerable<Type> BaseTypes(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            yield return current;
        }
    }

    /// <summary>Runs <paramref name="action"/> on a thread of its own (no synchronization context), failing after <see cref="Timeout"/>.</summary>
    internal static void RunBounded(string what, Action action)
    {
        Exception? escaped = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                escaped = e;
            }
        })
        {
            IsBackground = true,
            Name = what,
        };
        thread.Start();
        if (!thread.Join(Timeout))
        {
            Assert.Fail($"{what} did not finish within {Timeout.TotalSeconds} s: an endless loop inside one step?");
        }
        if (escaped is not null)
        {
            throw new InvalidOperationException($"{what}: the harness failed: {escaped.Message}", escaped);
        }
    }

    internal static string Returned(bool isVoid, object? value) =>
        "returned: " + (isVoid ? "void" : value is null ? "null" : Convert.ToString(value, CultureInfo.InvariantCulture));

    internal static string Threw(Exception exception) =>
        $"threw: {exception.GetType().FullName}: {exception.Message.ReplaceLineEndings(" / ")}";

    internal static string FinalClock(VirtualClock clock) => FinalClock(clock.Now);

    internal static string FinalClock(TimeSpan time) =>
        "final clock: " + time.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms";

    private static string DescribeException(string side, Exception? exception) =>
        exception is null ? "" : $"{side} exception:{Environment.NewLine}{exception}{Environment.NewLine}";

    private static string Describe(OracleCase test)
    {
        var typeArgs = test.TypeArguments.Length == 0 ? "" : $"<{string.Join(", ", test.TypeArguments.Select(t => t.Name))}>";
        var methodTypeArgs = test.MethodTypeArguments.Length == 0 ? "" : $"<{string.Join(", ", test.MethodTypeArguments.Select(t => t.Name))}>";
        var args = string.Join(", ", test.Args.Select(a => a is string s ? $"\"{s}\"" : Convert.ToString(a, CultureInfo.InvariantCulture) ?? "null"));
        return $"{test.TypeName}{typeArgs}.{test.MethodName}{methodTypeArgs}({args})";
    }

    private static string Indent(IEnumerable<string> lines) => string.Join(Environment.NewLine, lines.Select(l => "    " + l));

    /// <summary>Stops a run that keeps going: the scheduler returns after the current pass.</summary>
    internal sealed class StepLimit(Scheduler scheduler) : ISchedulerObserver
    {
        private int _steps;

        public void OnResumed(Coroutine coroutine, TimeSpan time)
        {
            if (++_steps == MaxSteps)
            {
                scheduler.Stop();
            }
        }
    }
}
