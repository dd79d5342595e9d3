using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Xunit;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// C# <c>async</c> as the oracle: the test program declares, next to a <c>[Coroutine]</c> method
/// <c>M</c>, its twin <c>MAsync</c>, the same body as an <c>async</c> method with an <c>await</c>
/// (<c>await Task.Yield()</c>) in place of each suspension. The state machine must log the same
/// lines (clock times aside: the twin runs on no virtual clock) and end the same way (the value
/// returned, or the exception's type and message) as the compiler's own lowering of the twin.
/// The direct call is compared too (<see cref="Oracle"/>), with clock times.
/// </summary>
public static class AsyncTwin
{
    /// <summary>The twin's name for a coroutine named <paramref name="method"/>.</summary>
    public static string NameOf(string method) => method + "Async";

    /// <summary>Compares the static coroutine <paramref name="method"/> of <paramref name="typeName"/> with the direct call and with its async twin.</summary>
    public static RunTrace Compare(SharedProgram program, string typeName, string method, params object?[] args) =>
        Compare(program, new OracleCase { Sources = [.. program.Sources], TypeName = typeName, MethodName = method, Args = args });

    /// <summary>
    /// The same for any case (an instance method gets a fresh instance for the twin too); returns
    /// the state machine's trace. <paramref name="alsoDirect"/> false: only the twin is the oracle,
    /// where a direct call means something else (a struct's changes, seen by its caller).
    /// </summary>
    public static RunTrace Compare(SharedProgram program, OracleCase test, bool alsoDirect = true)
    {
        RunTrace result;
        if (alsoDirect)
        {
            result = program.Compare(test).StateMachine;
        }
        else
        {
            using var loaded = program.Program.Load();
            result = Oracle.RunStateMachine(loaded, test);
        }
        var twin = RunTwin(program.Program, test);
        var stateMachine = WithoutTimes(result.Lines.Where(static l => !l.StartsWith("final clock: ", StringComparison.Ordinal)));
        if (!twin.SequenceEqual(stateMachine))
        {
            Assert.Fail(
                $"{test.TypeName}.{test.MethodName}: the state machine differs from the C# async twin {NameOf(test.MethodName)}." + Environment.NewLine +
                Oracle.SideBySide(twin, stateMachine, "C# async twin", "state machine"));
        }
        return result;
    }

    private static List<string> RunTwin(CompiledProgram compiled, OracleCase test)
    {
        using var program = compiled.Load();
        var type = program.GetType(test.TypeName, test.TypeArguments);
        var name = NameOf(test.MethodName);
        var method = MethodFinder.Find(type, name, isStatic: true, test.MethodTypeArguments, test.Args, out var problem)
            ?? MethodFinder.Find(type, name, isStatic: false, test.MethodTypeArguments, test.Args, out _)
            ?? throw new InvalidOperationException($"The async twin was not found: {problem}");
        var target = method.IsStatic ? null : test.CreateInstance?.Invoke(type) ?? LoadedProgram.CreateInstance(type);
        program.ClearTrace();
        string outcome;
        try
        {
            var task = (Task)method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, MethodFinder.FillOptional(method, test.Args), culture: null)!;
            task.GetAwaiter().GetResult();
            var resultProperty = task.GetType().GetProperty("Result");
            outcome = "returned: " + (method.ReturnType == typeof(Task) ? "void" : Convert.ToString(resultProperty!.GetValue(task), CultureInfo.InvariantCulture) ?? "null");
        }
        catch (Exception e)
        {
            outcome = $"threw: {e.GetType().FullName}: {e.Message.ReplaceLineEndings(" / ")}";
        }
        var lines = WithoutTimes(program.TraceLines);
        lines.Add(outcome);
        return lines;
    }

    // "12ms: text" is "text": the twin's clock is not virtual.
    private static List<string> WithoutTimes(IEnumerable<string> lines) =>
        lines.Select(static l => l.IndexOf("ms: ", StringComparison.Ordinal) is var at and >= 0 && l[..at].All(static c => char.IsDigit(c) || c == '.') ? l[(at + 4)..] : l).ToList();
}
