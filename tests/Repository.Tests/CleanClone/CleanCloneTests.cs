using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Coroutines.Package.Tests;
using Xunit;

namespace Coroutines.Repository.Tests.CleanClone;

/// <summary>
/// A newcomer's first hour, on a fresh clone (of this repository's HEAD, in a temp folder): every
/// command of the README's sh blocks and every sample run, then `git status --porcelain` must be
/// empty and no tracked file may hold the clone's (or this checkout's) absolute path. Two
/// exceptions keep it to a couple of minutes: `dotnet test Coroutines.sln` is not run here (the
/// suite would run this test again, and building every project doubles the time): `.ci/run`, which
/// runs that command on every CI run, fails when it changes the working tree; and the seed demo
/// runs with --virtual (the same code on virtual clocks, instead of 15 s of waiting); the playground,
/// a server, is started on a free loopback port, asked for its page and stopped. The samples'
/// generated files the build writes under obj/ must equal the committed copies in Generated/, up
/// to the absolute paths of #line.
/// </summary>
public sealed class CleanCloneTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "coroutines-clone-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public void After_the_readme_commands_and_every_sample_the_clone_is_clean_and_holds_no_absolute_path()
    {
        var origin = DotNet.RepositoryRoot();
        var clone = Path.Combine(_root, "coroutines");
        Directory.CreateDirectory(_root);
        DotNet.Execute("git", _root, null, "clone", "--quiet", origin, clone);

        var commands = ReadmeCommands(File.ReadAllText(Path.Combine(clone, "README.md")))
            .Concat(SampleRuns(clone))
            .Append("dotnet run --project tools/Inspect -- samples/SeedDemo/Workers.cs")
            .ToList();
        Assert.Contains(commands, static c => c.StartsWith("dotnet pack tools/Inspect", StringComparison.Ordinal));
        // Package consumers restore into a folder of their own: a package packed here (version
        // 0.1.0, as the README says) must not land in, or come stale from, the machine's cache.
        var packages = Path.Combine(_root, "packages");
        var log = new List<string>();
        foreach (var command in commands)
        {
            var consumesPackages = command.Contains("UsePackage", StringComparison.Ordinal) || command.Contains("tool install", StringComparison.Ordinal);
            var environment = new Dictionary<string, string>
            {
                // No build server or node left running after the test.
                ["MSBUILDDISABLENODEREUSE"] = "1",
                ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
                ["UseSharedCompilation"] = "false",
            };
            if (consumesPackages)
            {
                environment["NUGET_PACKAGES"] = packages;
            }
            if (IsServer(command))
            {
                ServeOnce(clone, environment, command);
            }
            else
            {
                DotNet.Execute("bash", clone, environment, "-c", command);
            }
            log.Add(command);
            var status = DotNet.Execute("git", clone, null, "status", "--porcelain");
            Assert.True(status.Length == 0, $"`{command}` left the tree changed:\n{status}\nCommands run so far:\n{string.Join("\n", log)}");
        }

        var absolutePaths = new[] { clone, origin, Path.GetTempPath().TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar }
            .Select(static p => p.Replace('\\', '/'))
            .Distinct()
            .ToList();
        var holding = DotNet.Execute("git", clone, null, "ls-files", "-z").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(file => File.Exists(Path.Combine(clone, file)))
            .SelectMany(file =>
            {
                var text = File.ReadAllText(Path.Combine(clone, file)).Replace('\\', '/');
                return absolutePaths.Where(p => text.Contains(p, StringComparison.Ordinal)).Select(p => $"{file} holds {p}");
            })
            .ToList();
        Assert.True(holding.Count == 0, "Tracked files hold absolute paths of this machine:\n" + string.Join("\n", holding));

        foreach (var sample in Directory.GetDirectories(Path.Combine(clone, "samples")))
        {
            var built = Directory.GetFiles(Path.Combine(sample, "obj"), "*.g.cs", SearchOption.AllDirectories)
                .Where(static f => f.Replace('\\', '/').Contains("/generated/Coroutines.Generator/", StringComparison.Ordinal))
                .ToDictionary(static f => Path.GetFileName(f), f => RelativeLinePaths(File.ReadAllText(f), clone), StringComparer.Ordinal);
            var committed = Directory.GetFiles(Path.Combine(sample, "Generated"))
                .ToDictionary(static f => Path.GetFileName(f), static f => File.ReadAllText(f).ReplaceLineEndings("\n"), StringComparer.Ordinal);
            Assert.Equal(committed.Keys.Order(StringComparer.Ordinal), built.Keys.Order(StringComparer.Ordinal));
            Assert.All(committed, c => Assert.Equal(c.Value, built[c.Key]));
        }
    }

    /// <summary>The command lines of the README's ```sh blocks (comments dropped), with the stand-ins above.</summary>
    internal static IReadOnlyList<string> ReadmeCommands(string readme)
    {
        var commands = new List<string>();
        foreach (Match block in Regex.Matches(readme.ReplaceLineEndings("\n"), "^```sh\n(.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline))
        {
            foreach (var line in block.Groups[1].Value.Split('\n'))
            {
                var command = Regex.Replace(line, @"\s+#.*$", "").Trim();
                if (command.Length == 0 || command.StartsWith('#'))
                {
                    continue;
                }
                if (command == "dotnet test Coroutines.sln")
                {
                    continue; // checked by .ci/run (see above)
                }
                commands.Add(command == "dotnet run --project samples/SeedDemo" ? command + " -- --virtual" : command);
            }
        }
        return commands;
    }

    // A command that starts a server (the playground) runs until someone stops it.
    private static bool IsServer(string command) => command == "dotnet run --project tools/Playground";

    // Starts the server on a free loopback port, waits until it listens, asks for its page, stops it.
    private static void ServeOnce(string clone, IReadOnlyDictionary<string, string> environment, string command)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = clone, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec " + command + " -- --urls http://127.0.0.1:0");
        foreach (var name in start.Environment.Keys.Where(static k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        DataReceivedEventHandler read = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (output)
            {
                output.Append(e.Data).Append('\n');
            }
            var match = Regex.Match(e.Data, @"Now listening on: (http://127\.0\.0\.1:\d+)");
            if (match.Success)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        };
        process.OutputDataReceived += read;
        process.ErrorDataReceived += read;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var started = Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(5))).GetAwaiter().GetResult();
            Assert.True(started == listening.Task, $"`{command}` did not start listening:\n{output}");
            using var http = new HttpClient();
            var page = http.GetAsync(listening.Task.Result + "/").GetAwaiter().GetResult();
            Assert.True(page.IsSuccessStatusCode, $"`{command}` answered its page with {(int)page.StatusCode}");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    // Every sample, run as the README says, on virtual clocks.
    private static IEnumerable<string> SampleRuns(string clone) =>
        Directory.GetDirectories(Path.Combine(clone, "samples"))
            .Select(static d => Path.GetFileName(d))
            .Order(StringComparer.Ordinal)
            .Select(static name => $"dotnet run --project samples/{name} -- --virtual");

    // The build's #line paths are absolute: relative to the clone, as in the committed copies.
    private static string RelativeLinePaths(string source, string clone) =>
        Regex.Replace(source.ReplaceLineEndings("\n"), "^(#line \\d+ \")" + Regex.Escape(clone.Replace('\\', '/') + "/"), "$1", RegexOptions.Multiline);

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
