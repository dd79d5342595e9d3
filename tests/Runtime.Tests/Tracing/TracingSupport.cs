using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Coroutines.Tracing;
using Xunit;

namespace Coroutines.Tests.Tracing;

/// <summary>
/// The seed demo's worker (samples/SeedDemo/Workers.cs) as the state machine the generator
/// writes for it: prints nothing, sleeps <c>delayMs</c> <c>steps</c> times, returns 1 + ... + steps.
/// </summary>
internal sealed class CountWorker : Coroutine<int>
{
    private readonly int _steps;
    private readonly int _delayMs;
    private int _total;
    private int _i;
    private int _state;

    public CountWorker(string name, int steps, int delayMs)
    {
        Name = name;
        _steps = steps;
        _delayMs = delayMs;
    }

    protected override Suspension Step()
    {
        if (_state == 1)
        {
            goto resume1;
        }
        _total = 0;
        _i = 1;
    top:
        if (!(_i <= _steps))
        {
            return Complete(_total);
        }
        _state = 1;
        return Suspension.Sleep(_delayMs);
    resume1:
        _total += _i;
        _i++;
        goto top;
    }
}

/// <summary>Runs the seed demo's side-by-side part on a virtual clock and returns its recording.</summary>
internal static class SeedRun
{
    public static TimelineRecorder Record()
    {
        var recorder = new TimelineRecorder();
        var scheduler = new Scheduler(new VirtualClock()) { Observer = recorder };
        scheduler.Spawn(new CountWorker("fast", steps: 5, delayMs: 1000));
        scheduler.Spawn(new CountWorker("slow", steps: 1, delayMs: 5000));
        scheduler.Run();
        return recorder;
    }
}

/// <summary>
/// A verified-file comparison: <c>Snapshots/{name}.verified.txt</c> next to the calling test file
/// holds the approved text. On a mismatch (or a missing file) the actual text goes to
/// <c>Snapshots/{name}.received.txt</c> and the test fails with a line diff. Run with
/// <c>UPDATE_SNAPSHOTS=1</c> to accept. Line endings are normalized to <c>\n</c>, one final newline.
/// </summary>
internal static class TextSnapshot
{
    public const string UpdateVariable = "UPDATE_SNAPSHOTS";

    public static void Verify(string actual, string name, [CallerFilePath] string callerFilePath = "") =>
        VerifyIn(
            Path.Combine(SourcePaths.DirectoryOf(callerFilePath), "Snapshots"),
            actual,
            name,
            Environment.GetEnvironmentVariable(UpdateVariable) == "1");

    public static void VerifyIn(string directory, string actual, string name, bool update)
    {
        var verifiedPath = Path.Combine(directory, name + ".verified.txt");
        var receivedPath = Path.Combine(directory, name + ".received.txt");
        var received = Normalize(actual);
        if (update)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, received, Utf8NoBom);
            File.Delete(receivedPath);
            return;
        }
        var verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (verified == received)
        {
            File.Delete(receivedPath);
            return;
        }
        Directory.CreateDirectory(directory);
        File.WriteAllText(receivedPath, received, Utf8NoBom);
        Assert.Fail(
            (verified is null ? $"Snapshot '{name}' has no verified file yet: {verifiedPath}" : $"Snapshot '{name}' does not match {verifiedPath}") + "\n" +
            $"Received: {receivedPath}\n" +
            $"To accept: run the tests with {UpdateVariable}=1, or copy the received file over the verified one.\n" +
            Diff(verified ?? "", received));
    }

    public static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

    // Line by line, marking lines that differ: these snapshots are short.
    private static string Diff(string verified, string received)
    {
        var expected = verified.TrimEnd('\n').Split('\n');
        var actual = received.TrimEnd('\n').Split('\n');
        var text = new StringBuilder("(- verified, + received)\n");
        for (var i = 0; i < Math.Max(expected.Length, actual.Length); i++)
        {
            var e = i < expected.Length ? expected[i] : null;
            var a = i < actual.Length ? actual[i] : null;
            if (e == a)
            {
                text.Append("  ").Append(e).Append('\n');
                continue;
            }
            if (e is not null)
            {
                text.Append("- ").Append(e).Append('\n');
            }
            if (a is not null)
            {
                text.Append("+ ").Append(a).Append('\n');
            }
        }
        return text.ToString();
    }

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
}

/// <summary>Where the test sources are, also in CI builds, which map source paths in <c>[CallerFilePath]</c>.</summary>
internal static class SourcePaths
{
    /// <summary>
    /// The folder of the source file <paramref name="callerFilePath"/> names. A CI build
    /// (ContinuousIntegrationBuild) maps the repository to <c>/_/</c> in caller paths: that path is
    /// then found again under the repository root above the test assembly.
    /// </summary>
    public static string DirectoryOf(string callerFilePath)
    {
        var directory = Path.GetDirectoryName(callerFilePath);
        if (!string.IsNullOrEmpty(directory) && Directory.Exists(directory))
        {
            return directory;
        }
        var mapped = Regex.Match(callerFilePath.Replace('\\', '/'), "^/_[0-9]*/(.+)$");
        if (mapped.Success)
        {
            var local = Path.GetDirectoryName(Path.Combine(RepositoryRoot(), mapped.Groups[1].Value));
            if (local is not null && Directory.Exists(local))
            {
                return local;
            }
        }
        throw new DirectoryNotFoundException($"The folder of '{callerFilePath}' was not found.");
    }

    /// <summary>The folder holding Coroutines.sln, above the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "Coroutines.sln")))
            {
                return directory;
            }
        }
        throw new DirectoryNotFoundException($"No Coroutines.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A coroutine whose k-th step (0-based) is <c>body(k)</c>.</summary>
internal sealed class Script : Coroutine
{
    private readonly Func<int, Suspension> _body;
    private int _step;

    public Script(string name, Func<int, Suspension> body)
    {
        Name = name;
        _body = body;
    }

    protected override Suspension Step() => _body(_step++);
}

internal sealed class TracingTestException : Exception
{
    public TracingTestException(string message)
        : base(message)
    {
    }
}

internal static class Seconds
{
    public static TimeSpan Of(double seconds) => TimeSpan.FromSeconds(seconds);

    public static List<string> Describe(IEnumerable<TimelineInterval> intervals)
    {
        var list = new List<string>();
        foreach (var interval in intervals)
        {
            list.Add(string.Create(CultureInfo.InvariantCulture, $"{interval.Activity} {interval.Start.TotalSeconds:0.###}-{interval.End.TotalSeconds:0.###}"));
        }
        return list;
    }
}
