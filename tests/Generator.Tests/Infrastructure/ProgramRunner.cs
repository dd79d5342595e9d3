using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// Turns test sources into a running program: generator, strict compile check, in-memory emit
/// with a portable PDB (so stack traces carry file and line), and loading into a collectible
/// <see cref="AssemblyLoadContext"/> that shares the already-loaded Coroutines runtime.
/// </summary>
public static class ProgramRunner
{
    /// <summary>Runs the generator on <paramref name="sources"/>, requires a clean compile, and emits.</summary>
    public static CompiledProgram Build(params SourceFile[] sources) => Build(GeneratorHarness.Run(sources));

    /// <summary>Same as <see cref="Build(SourceFile[])"/> for one source named <see cref="GeneratorHarness.DefaultPath"/>.</summary>
    public static CompiledProgram Build(string source) => Build(new SourceFile(GeneratorHarness.DefaultPath, source));

    /// <summary>Requires a clean compile of <paramref name="run"/> (except <paramref name="allowedIds"/>) and emits it.</summary>
    public static CompiledProgram Build(GeneratorRun run, params string[] allowedIds)
    {
        run.AssertNoErrorsOrWarnings(allowedIds);
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var result = run.OutputCompilation.Emit(
            pe,
            pdb,
            options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        if (!result.Success)
        {
            Assert.Fail("Emit failed:" + Environment.NewLine + GeneratorHarness.Format(result.Diagnostics));
        }
        return new CompiledProgram(run, pe.ToArray(), pdb.ToArray());
    }

    /// <summary>Builds and loads in one go, for tests that drive the program themselves.</summary>
    public static LoadedProgram Load(params SourceFile[] sources) => Build(sources).Load();

    /// <summary>Builds and loads one source named <see cref="GeneratorHarness.DefaultPath"/>.</summary>
    public static LoadedProgram Load(string source) => Build(source).Load();
}

/// <summary>An emitted test program (image and PDB). Each <see cref="Load"/> gives fresh static state.</summary>
public sealed class CompiledProgram
{
    private readonly byte[] _image;
    private readonly byte[] _pdb;

    internal CompiledProgram(GeneratorRun run, byte[] image, byte[] pdb)
    {
        Run = run;
        _image = image;
        _pdb = pdb;
    }

    /// <summary>The generator run the program was compiled from.</summary>
    public GeneratorRun Run { get; }

    /// <summary>Writes the image to <paramref name="path"/> and its PDB beside it, for another process to load.</summary>
    public void WriteTo(string path)
    {
        File.WriteAllBytes(path, _image);
        File.WriteAllBytes(Path.ChangeExtension(path, ".pdb"), _pdb);
    }

    /// <summary>Loads a fresh copy of the program into its own collectible load context.</summary>
    public LoadedProgram Load()
    {
        var context = new ProgramLoadContext();
        var assembly = context.LoadFromStream(new MemoryStream(_image), new MemoryStream(_pdb));
        return new LoadedProgram(context, assembly, Run);
    }
}

/// <summary>A loaded test program. Dispose to unload it.</summary>
public sealed class LoadedProgram : IDisposable
{
    private readonly AssemblyLoadContext _context;

    internal LoadedProgram(AssemblyLoadContext context, Assembly assembly, GeneratorRun run)
    {
        _context = context;
        Assembly = assembly;
        Run = run;
    }

    /// <summary>The program's assembly.</summary>
    public Assembly Assembly { get; }

    /// <summary>The generator run the program was compiled from (for failure messages).</summary>
    public GeneratorRun Run { get; }

    /// <summary>What the program logged through <c>Trace.Log</c> since the last <see cref="ClearTrace"/>.</summary>
    public IReadOnlyList<string> TraceLines => TraceHelper.ReadLines(Assembly);

    /// <summary>Forgets what the program logged.</summary>
    public void ClearTrace() => TraceHelper.Clear(Assembly);

    /// <summary>
    /// The type named <paramref name="typeName"/> (reflection syntax: <c>Demo.Outer+Inner</c>,
    /// <c>Demo.Box`1</c>), closed over <paramref name="typeArguments"/> when generic.
    /// </summary>
    public Type GetType(string typeName, params Type[] typeArguments)
    {
        var type = Assembly.GetType(typeName);
        if (type is null)
        {
            var known = string.Join(", ", Assembly.GetTypes().Select(t => t.FullName).Where(n => n is not null && !n.Contains('<')).Order(StringComparer.Ordinal));
            Assert.Fail($"Type '{typeName}' not found in the test program. Types: {known}");
        }
        if (type.IsGenericTypeDefinition != typeArguments.Length > 0)
        {
            Assert.Fail($"Type '{typeName}' has {type.GetGenericArguments().Length} type parameters; the test gave {typeArguments.Length} type arguments.");
        }
        return typeArguments.Length > 0 ? type.MakeGenericType(typeArguments) : type;
    }

    /// <summary>
    /// The generated coroutine for <paramref name="methodName"/>: calls the static factory
    /// <c>{methodName}Coroutine(args)</c> on <paramref name="typeName"/>. For instance methods use
    /// <see cref="CreateCoroutine(object, string, object?[])"/>.
    /// </summary>
    public Coroutine CreateCoroutine(string typeName, string methodName, params object?[] args) =>
        CreateCoroutine(GetType(typeName), target: null, methodName, [], args);

    /// <summary>The generated coroutine for the instance method <paramref name="methodName"/> of <paramref name="target"/>.</summary>
    public Coroutine CreateCoroutine(object target, string methodName, params object?[] args) =>
        CreateCoroutine(target.GetType(), target, methodName, [], args);

    /// <summary>The generated coroutine for <paramref name="methodName"/>, with method type arguments.</summary>
    public Coroutine CreateCoroutine(Type type, object? target, string methodName, Type[] methodTypeArguments, object?[] args)
    {
        var factoryName = methodName + "Coroutine";
        var factory = MethodFinder.Find(type, factoryName, target is null, methodTypeArguments, args, out var problem);
        if (factory is null)
        {
            Assert.Fail(
                $"Generated factory not found: {type.FullName}.{factoryName}: {problem}{Environment.NewLine}" +
                Run.DescribeGeneratedSources() + Environment.NewLine +
                "Generator diagnostics:" + Environment.NewLine + GeneratorHarness.Format(Run.GeneratorDiagnostics, Run.InputCompilation));
        }
        var created = factory.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, MethodFinder.FillOptional(factory, args), culture: null);
        if (created is not Coroutine coroutine)
        {
            Assert.Fail($"{type.FullName}.{factoryName} returned {created?.GetType().FullName ?? "null"}, not a Coroutines.Coroutine.");
            throw new InvalidOperationException(); // unreachable
        }
        return coroutine;
    }

    /// <summary>Creates an instance of <paramref name="type"/> with its parameterless constructor (public or not).</summary>
    public static object CreateInstance(Type type) =>
        Activator.CreateInstance(type, nonPublic: true)
        ?? throw new InvalidOperationException($"Could not create {type.FullName}.");

    /// <summary>Unloads the program's load context.</summary>
    public void Dispose() => _context.Unload();
}

/// <summary>
/// A collectible context for one test program. "Coroutines" resolves to the runtime the test
/// assembly already loaded, so <see cref="Coroutine"/>, <see cref="Scheduler"/> and
/// <see cref="Clock"/> are the very same types on both sides.
/// </summary>
internal sealed class ProgramLoadContext : AssemblyLoadContext
{
    private static readonly Assembly Runtime = typeof(Coroutine).Assembly;

    public ProgramLoadContext()
        : base("CoroutineTestProgram", isCollectible: true)
    {
    }

    protected override Assembly? Load(AssemblyName assemblyName) =>
        assemblyName.Name == Runtime.GetName().Name ? Runtime : null;
}

/// <summary>Reflection lookup of a test method or factory by name and actual arguments.</summary>
internal static class MethodFinder
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>The one method named <paramref name="name"/> that accepts <paramref name="args"/>, or null with the reason.</summary>
    public static MethodInfo? Find(Type type, string name, bool isStatic, Type[] methodTypeArguments, object?[] args, out string problem)
    {
        var flags = All | (isStatic ? BindingFlags.Static : BindingFlags.Instance);
        var named = type.GetMethods(flags).Where(m => m.Name == name).ToList();
        if (named.Count == 0)
        {
            var other = type.GetMethods(All | (isStatic ? BindingFlags.Instance : BindingFlags.Static)).Any(m => m.Name == name);
            var members = string.Join(", ", type.GetMembers(All | BindingFlags.Static | BindingFlags.Instance).Select(m => m.Name).Distinct().Order(StringComparer.Ordinal));
            problem = other
                ? $"a method '{name}' exists but it is {(isStatic ? "an instance" : "a static")} method."
                : $"no {(isStatic ? "static" : "instance")} method named '{name}'. Members of {type.Name}: {members}.";
            return null;
        }

        var matches = new List<MethodInfo>();
        foreach (var candidate in named)
        {
            var method = candidate;
            if (method.IsGenericMethodDefinition)
            {
                if (method.GetGenericArguments().Length != methodTypeArguments.Length)
                {
                    continue;
                }
                try
                {
                    method = method.MakeGenericMethod(methodTypeArguments);
                }
                catch (ArgumentException)
                {
                    continue; // constraints not met
                }
            }
            else if (methodTypeArguments.Length > 0)
            {
                continue;
            }
            if (Accepts(method, args))
            {
                matches.Add(method);
            }
        }

        if (matches.Count == 1)
        {
            problem = "";
            return matches[0];
        }
        var signatures = string.Join("; ", named.Select(m => m.ToString()));
        var given = string.Join(", ", args.Select(a => a?.GetType().Name ?? "null"));
        problem = matches.Count == 0
            ? $"no overload accepts ({given}) with {methodTypeArguments.Length} type arguments. Candidates: {signatures}."
            : $"{matches.Count} overloads accept ({given}); make the arguments unambiguous. Candidates: {signatures}.";
        return null;
    }

    /// <summary><paramref name="args"/> padded with <see cref="Type.Missing"/> for trailing optional parameters.</summary>
    public static object?[] FillOptional(MethodInfo method, object?[] args)
    {
        var parameters = method.GetParameters();
        if (args.Length >= parameters.Length)
        {
            return (object?[])args.Clone();
        }
        var filled = new object?[parameters.Length];
        Array.Copy(args, filled, args.Length);
        for (var i = args.Length; i < parameters.Length; i++)
        {
            filled[i] = IsParams(parameters[i])
                ? Array.CreateInstance(parameters[i].ParameterType.GetElementType()!, 0)
                : Type.Missing;
        }
        return filled;
    }

    private static bool IsParams(ParameterInfo parameter) =>
        parameter.ParameterType.IsArray && parameter.IsDefined(typeof(ParamArrayAttribute), inherit: false);

    private static bool Accepts(MethodInfo method, object?[] args)
    {
        var parameters = method.GetParameters();
        if (args.Length > parameters.Length)
        {
            return false;
        }
        for (var i = 0; i < parameters.Length; i++)
        {
            if (i >= args.Length)
            {
                if (!parameters[i].IsOptional && !IsParams(parameters[i]))
                {
                    return false;
                }
                continue;
            }
            var type = parameters[i].ParameterType;
            var arg = args[i];
            if (arg is null ? type.IsValueType && Nullable.GetUnderlyingType(type) is null : !type.IsInstanceOfType(arg))
            {
                return false;
            }
        }
        return true;
    }
}
