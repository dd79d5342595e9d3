using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Coroutines.Package.Tests;
using Xunit;

namespace Coroutines.Inspect.Tests;

/// <summary>
/// Inspect as a user gets it: packed as a .NET tool (a version no other run uses, into a folder of
/// its own), installed into a fresh tool manifest, and run on the Program.cs of `dotnet new
/// console` with a [Coroutine] method added: top-level statements, implicit usings, no options.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "coroutines-inspect-tool-" + Guid.NewGuid().ToString("N")[..12]);

    public ToolPackageTests()
    {
        Directory.CreateDirectory(_root);
        // Stop MSBuild's upward search for settings at this folder.
        File.WriteAllText(Path.Combine(_root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(_root, "Directory.Build.targets"), "<Project />\n");
    }

    [Fact]
    public void The_packed_tool_installs_into_a_tool_manifest_and_prints_the_state_machine_of_a_console_program()
    {
        var version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + ".r" + Guid.NewGuid().ToString("N")[..8];
        var feed = Path.Combine(_root, "feed");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages") };
        // Packed from a copy of the sources (bin/ and obj/ left out): a test never writes into the working tree.
        var repository = DotNet.RepositoryRoot();
        var sources = Path.Combine(_root, "repo");
        Directory.CreateDirectory(sources);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "nuget.config" })
        {
            File.Copy(Path.Combine(repository, file), Path.Combine(sources, file));
        }
        DotNet.CopyDirectory(Path.Combine(repository, "src"), Path.Combine(sources, "src"));
        DotNet.CopyDirectory(Path.Combine(repository, "tools", "Inspect"), Path.Combine(sources, "tools", "Inspect"));
        var pack = DotNet.Run(
            sources, null,
            "pack", Path.Combine("tools", "Inspect", "Inspect.csproj"), "-c", "Release", "-o", feed, "-p:Version=" + version,
            "--disable-build-servers", "-nodeReuse:false");
        Assert.DoesNotContain("warning", pack, StringComparison.OrdinalIgnoreCase);
        Assert.True(File.Exists(Path.Combine(feed, $"Coroutines.Inspect.{version}.nupkg")), pack);

        var user = Path.Combine(_root, "app");
        Directory.CreateDirectory(user);
        DotNet.Run(user, environment, "new", "tool-manifest");
        DotNet.Run(user, environment, "tool", "install", "--local", "--add-source", feed, "Coroutines.Inspect", "--version", version);
        // `dotnet new console` (the SDK's own template, offline), with a coroutine added: the
        // template's Console.WriteLine needs the implicit usings the project turns on.
        DotNet.Run(user, environment, "new", "console", "--name", "App", "--output", ".", "--no-restore");
        Assert.Contains("<ImplicitUsings>enable</ImplicitUsings>", File.ReadAllText(Path.Combine(user, "App.csproj")), StringComparison.Ordinal);
        var program = Path.Combine(user, "Program.cs");
        var template = File.ReadAllText(program).ReplaceLineEndings("\n");
        Assert.Contains("Console.WriteLine(\"Hello, World!\");", template, StringComparison.Ordinal);
        Assert.DoesNotContain("using System;", template, StringComparison.Ordinal);
        File.WriteAllText(program, "using Coroutines;\n\n" + template.TrimEnd('\n') + "\n" + """
            var loop = new Scheduler(new VirtualClock());
            loop.Spawn(Ticker.TickCoroutine(3));
            loop.Run();

            static partial class Ticker
            {
                [Coroutine]
                public static void Tick(int n)
                {
                    for (var i = 0; i < n; i++)
                    {
                        Console.WriteLine(i);
                        Yield.Sleep(10);
                    }
                }
            }

            """);
        var sleepLine = Array.FindIndex(File.ReadAllLines(program), static l => l.Contains("Yield.Sleep(10);", StringComparison.Ordinal)) + 1;

        var (exit, output, error) = RunTool(user, environment, "coroutines-inspect", "Program.cs");

        Assert.True(exit == 0, $"exit {exit}\n{error}");
        Assert.Equal("", error);
        Assert.Contains("## Ticker.Tick(int)", output, StringComparison.Ordinal);
        Assert.Contains("public sealed class TickStateMachine : global::Coroutines.Coroutine", output, StringComparison.Ordinal);
        Assert.Contains($"| 1 | after `Yield.Sleep(10);` | {sleepLine} |", output, StringComparison.Ordinal);
        Assert.Contains("```mermaid\nstateDiagram-v2\n", output, StringComparison.Ordinal);

        var help = RunTool(user, environment, "coroutines-inspect", "--help");
        Assert.Equal(0, help.Exit);
        Assert.Equal(Inspector.Usage, help.Output);
    }

    // `dotnet tool run NAME args`: exit code, standard output and standard error apart.
    private static (int Exit, string Output, string Error) RunTool(string directory, IReadOnlyDictionary<string, string> environment, string tool, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("tool");
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(tool);
        start.ArgumentList.Add("--");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the tool did not finish in 2 minutes");
        return (process.ExitCode, output.ReplaceLineEndings("\n"), error.Result.ReplaceLineEndings("\n"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
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
