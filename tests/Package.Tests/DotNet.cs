using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace Coroutines.Package.Tests;

/// <summary>Runs the real <c>dotnet</c> command line, as a user would, and fails with its output when it fails.</summary>
internal static class DotNet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The repository root: the folder of Coroutines.sln above this test assembly (or above this
    /// source file; a CI build maps source paths in <c>[CallerFilePath]</c> to <c>/_/</c>).
    /// </summary>
    public static string RepositoryRoot([CallerFilePath] string callerFilePath = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(callerFilePath) })
        {
            for (var directory = start; !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
            {
                if (File.Exists(Path.Combine(directory, "Coroutines.sln")))
                {
                    return directory;
                }
            }
        }
        throw new InvalidOperationException($"No Coroutines.sln above {AppContext.BaseDirectory} or {callerFilePath}.");
    }

    /// <summary>Runs <c>dotnet args</c> in <paramref name="workingDirectory"/>; returns standard output (and error), failing the test on a non-zero exit.</summary>
    public static string Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        Execute("dotnet", workingDirectory, environment, args);

    /// <summary>Runs <paramref name="fileName"/> (dotnet, bash, ...) as <see cref="Run"/> does: output returned, a non-zero exit fails the test.</summary>
    public static string Execute(string fileName, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // This test runs inside `dotnet test`: MSBuild's variables from that build must not steer the new one.
        foreach (var name in start.Environment.Keys.Where(static k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var sync = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (sync) { output.Append(e.Data).Append('\n'); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (sync) { output.Append(e.Data).Append('\n'); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`{fileName} {string.Join(' ', args)}` did not finish in {Timeout.TotalMinutes} minutes. Output so far:\n{output}");
        }
        process.WaitForExit(); // drains the output events
        var text = output.ToString();
        if (process.ExitCode != 0)
        {
            Assert.Fail($"`{fileName} {string.Join(' ', args)}` in {workingDirectory} exited with {process.ExitCode}:\n{text}");
        }
        return text;
    }

    /// <summary>Copies a folder, leaving out build outputs.</summary>
    public static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }
        foreach (var directory in Directory.GetDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (name is "bin" or "obj" or ".vs")
            {
                continue;
            }
            CopyDirectory(directory, Path.Combine(destination, name));
        }
    }
}
