using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Coroutines.Playground.Runner.Protocol;
using Microsoft.Extensions.Options;

namespace Coroutines.Playground.Running;

/// <summary>
/// Runs a program in a process of its own (tools/Playground.Runner): a fresh temp folder as its
/// working directory and home, a GC heap limit, a time limit for compiling and a shorter one for
/// running, and no network where the OS can take it away (<c>unshare -n</c> on Linux). A process
/// that runs too long is killed; one that dies (a stack overflow, the memory limit) is reported.
/// Either way the server carries on.
/// </summary>
internal sealed class SandboxedRunner(IOptions<RunnerOptions> options)
{
    private const string RunnerAssembly = "Coroutines.Playground.Runner.dll";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<string[]> NetworkIsolation = new(FindNetworkIsolation);

    private readonly RunnerOptions _options = options.Value;
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrentRuns));

    /// <summary>How the runner is cut off from the network, for the page.</summary>
    public static string NetworkNote => NetworkIsolation.Value.Length > 0
        ? "no network (a network namespace of its own)"
        : "network not isolated by the OS here (no unshare); network APIs are refused at compile time";

    public async Task<RunReport> RunAsync(string source, CancellationToken cancellation)
    {
        await _slots.WaitAsync(cancellation);
        var folder = Directory.CreateTempSubdirectory("coroutines-playground-");
        try
        {
            return await RunInFolderAsync(source, folder.FullName, cancellation);
        }
        finally
        {
            _slots.Release();
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // a file still held by a dying process: the OS's temp cleaning takes it
            }
        }
    }

    private async Task<RunReport> RunInFolderAsync(string source, string folder, CancellationToken cancellation)
    {
        var start = StartInfo(folder);
        using var process = new Process { StartInfo = start };
        var stderr = new StringBuilder();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            if (e.Data == RunSignals.Running)
            {
                running.TrySetResult();
                return;
            }
            lock (stderr)
            {
                if (stderr.Length < 4000)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        try
        {
            await process.StandardInput.WriteAsync(JsonSerializer.Serialize(new RunRequest(source), Json));
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // the runner died before reading its input: reported below from its exit
        }

        var exited = process.WaitForExitAsync(cancellation);
        string? limitMessage = null;
        try
        {
            var first = await Task.WhenAny(exited, running.Task, Task.Delay(_options.CompileTimeLimit, cancellation));
            if (first == running.Task)
            {
                first = await Task.WhenAny(exited, Task.Delay(_options.RunTimeLimit, cancellation));
                if (first != exited)
                {
                    limitMessage = $"Time limit: the program ran for more than {Seconds(_options.RunTimeLimit)} s of real time and was stopped. " +
                        "A loop that never suspends (no Yield.Sleep in it) keeps the only thread busy for ever: check its exit condition.";
                }
            }
            else if (first != exited)
            {
                limitMessage = $"Time limit: compiling took more than {Seconds(_options.CompileTimeLimit)} s and was stopped. Try again, or shorten the program.";
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        await process.WaitForExitAsync(CancellationToken.None);
        if (limitMessage is not null)
        {
            return new RunReport { Outcome = RunOutcomes.TimeLimit, Message = limitMessage };
        }

        var json = await output;
        if (process.ExitCode == 0 && json.Length > 0)
        {
            try
            {
                if (JsonSerializer.Deserialize<RunReport>(json, Json) is { } report)
                {
                    return report;
                }
            }
            catch (JsonException)
            {
                // reported as a crash below
            }
        }
        string errors;
        lock (stderr)
        {
            errors = stderr.ToString().Trim();
        }
        return new RunReport
        {
            Outcome = RunOutcomes.Crashed,
            Message = $"The program's process ended without a result (exit code {process.ExitCode}): a crash such as a stack overflow, " +
                $"or the memory limit ({_options.MemoryLimitMb} MB). The page is still usable: fix the program and run again.",
            Output = errors.Length > 2000 ? errors[..2000] : errors,
        };
    }

    private ProcessStartInfo StartInfo(string folder)
    {
        var runner = Path.Combine(AppContext.BaseDirectory, RunnerAssembly);
        var isolation = NetworkIsolation.Value;
        var start = new ProcessStartInfo
        {
            FileName = isolation.Length > 0 ? isolation[0] : DotnetHost(),
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in isolation.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        if (isolation.Length > 0)
        {
            start.ArgumentList.Add(DotnetHost());
        }
        start.ArgumentList.Add(runner);

        // Only what the .NET host needs, and the limits: nothing of the server's environment leaks in.
        var keep = start.Environment.Where(static e => e.Key is "PATH" or "LANG" || e.Key.StartsWith("DOTNET_ROOT", StringComparison.Ordinal)).ToList();
        start.Environment.Clear();
        foreach (var (key, value) in keep)
        {
            start.Environment[key] = value;
        }
        start.Environment["HOME"] = folder;
        start.Environment["TMPDIR"] = folder;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_GCHeapHardLimit"] = ((long)_options.MemoryLimitMb * 1024 * 1024).ToString("X", System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_TieredPGO"] = "0"; // a short-lived process: no profiling
        return start;
    }

    // The dotnet host this server runs on (the runner is a framework-dependent assembly).
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }
        var runtime = RuntimeEnvironment.GetRuntimeDirectory(); // <root>/shared/Microsoft.NETCore.App/<version>/
        var root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }

    // "unshare -rn" (or "unshare -n" as root) when it works here; nothing elsewhere.
    private static string[] FindNetworkIsolation()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }
        foreach (var candidate in new[] { new[] { "unshare", "-rn" }, new[] { "unshare", "-n" } })
        {
            try
            {
                var probe = new ProcessStartInfo(candidate[0]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
                foreach (var argument in candidate.Skip(1).Append("true"))
                {
                    probe.ArgumentList.Add(argument);
                }
                using var process = Process.Start(probe);
                if (process is not null && process.WaitForExit(5000) && process.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return []; // no unshare
            }
        }
        return [];
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
