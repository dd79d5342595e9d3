using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// Restores a snapshot in a fresh process (issue 19: "and, for some, a fresh process"): nothing
/// is shared with the saving process but the files. A small console program, compiled here once
/// per run, loads this test assembly and the compiled random programs from a temporary folder,
/// and calls <see cref="RestoreAndRun"/>: restore, run, and print what the program logged.
/// </summary>
public sealed class FreshProcessRestore : IDisposable
{
    // The fresh process's entry point. It needs nothing of the tests' but their folder: the test
    // assembly and the runtime load from there, and the rest of the work is RestoreAndRun's.
    private const string RunnerSource = """
        using System.IO;
        using System.Runtime.Loader;

        public static class Runner
        {
            // args: the test assembly's folder, its file, the type and method to call, then their two arguments.
            public static int Main(string[] args)
            {
                var folder = args[0];
                AssemblyLoadContext.Default.Resolving += (context, name) =>
                {
                    var path = Path.Combine(folder, name.Name + ".dll");
                    return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
                };
                var tests = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.Combine(folder, args[1]));
                var method = tests.GetType(args[2], throwOnError: true)!.GetMethod(args[3])!;
                return (int)method.Invoke(null, new object[] { args[4], args[5] })!;
            }
        }
        """;

    private const string RuntimeConfig = """
        { "runtimeOptions": { "tfm": "net10.0", "framework": { "name": "Microsoft.NETCore.App", "version": "10.0.0" } } }
        """;

    private readonly string _folder;
    private readonly string _program;
    private readonly string _runner;
    private int _snapshots;

    /// <summary>Writes the runner and <paramref name="program"/> to a new temporary folder.</summary>
    public FreshProcessRestore(CompiledProgram program)
    {
        _folder = Path.Combine(Path.GetTempPath(), "coroutines-fresh-process-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _program = Path.Combine(_folder, "program.dll");
        program.WriteTo(_program);
        _runner = Path.Combine(_folder, "runner.dll");
        var compilation = CSharpCompilation.Create(
            "SnapshotRestoreRunner",
            [CSharpSyntaxTree.ParseText(RunnerSource)],
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var emitted = compilation.Emit(_runner);
        if (!emitted.Success)
        {
            throw new InvalidOperationException("The fresh-process runner does not compile: " + GeneratorHarness.Format(emitted.Diagnostics));
        }
        File.WriteAllText(Path.Combine(_folder, "runner.runtimeconfig.json"), RuntimeConfig);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Restores <paramref name="snapshot"/> in a new <c>dotnet</c> process; returns the lines it logged, and the root's end last.</summary>
    public List<string> Restore(byte[] snapshot)
    {
        var path = Path.Combine(_folder, $"snapshot-{++_snapshots}.bin");
        File.WriteAllBytes(path, snapshot);
        var tests = typeof(FreshProcessRestore).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { _runner, Path.GetDirectoryName(tests)!, Path.GetFileName(tests), typeof(FreshProcessRestore).FullName!, nameof(RestoreAndRun), _program, path })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The fresh process did not end within 2 minutes.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The fresh process exited with {process.ExitCode}:{Environment.NewLine}{error.Result}{output}");
        }
        return JsonSerializer.Deserialize<List<string>>(output)!;
    }

    // `dotnet test` tells its children where its host is; a test run outside it finds it on the PATH.
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>
    /// In the fresh process: loads the program, restores the snapshot with the options the saving
    /// process used, runs the one root to its end and prints, as one JSON array, the lines the
    /// program logged and the root's end.
    /// </summary>
    public static int RestoreAndRun(string programPath, string snapshotPath)
    {
        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(programPath);
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle); // its module initializers register its state machines
        var restored = Scheduler.Restore(File.ReadAllBytes(snapshotPath), SnapshotProgramRunner.Options(assembly));
        var live = restored.LiveCoroutines();
        if (live.Count != 1)
        {
            Console.Error.WriteLine($"The restored scheduler does not hold one live root: {restored.Describe()}");
            return 2;
        }
        var root = live.Single().Coroutine;
        restored.UnobservedFault += (_, _) => { };
        TraceHelper.Clear(assembly);
        restored.Run();
        var lines = TraceHelper.ReadLines(assembly).Append(SnapshotProgramRunner.End(root, restored)).ToList();
        Console.OutputEncoding = Encoding.UTF8;
        Console.Write(JsonSerializer.Serialize(lines));
        return 0;
    }
}
