using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace Coroutines.Inspect.Tests;

/// <summary>
/// Verified files: <c>Snapshots/{name}.verified{extension}</c> next to this file holds the
/// approved text. On a mismatch (or a missing file) the actual text goes to
/// <c>Snapshots/{name}.received{extension}</c> and the test fails with a line diff. Run with
/// <c>UPDATE_SNAPSHOTS=1</c> to accept. Line endings are normalized to <c>\n</c>, one final newline.
/// </summary>
internal static class Snapshot
{
    public const string UpdateVariable = "UPDATE_SNAPSHOTS";

    public static string Directory([CallerFilePath] string callerFilePath = "") =>
        Path.Combine(SourceDirectory(callerFilePath), "Snapshots");

    public static string Inputs([CallerFilePath] string callerFilePath = "") =>
        Path.Combine(SourceDirectory(callerFilePath), "Inputs");

    /// <summary>
    /// The folder of this source file. A CI build (ContinuousIntegrationBuild) maps the repository
    /// to <c>/_/</c> in caller paths: that path is then found again under the repository root above
    /// the test assembly.
    /// </summary>
    private static string SourceDirectory(string callerFilePath)
    {
        var directory = Path.GetDirectoryName(callerFilePath);
        if (!string.IsNullOrEmpty(directory) && System.IO.Directory.Exists(directory))
        {
            return directory;
        }
        var mapped = Regex.Match(callerFilePath.Replace('\\', '/'), "^/_[0-9]*/(.+)$");
        if (mapped.Success)
        {
            for (var root = AppContext.BaseDirectory; root is not null; root = Path.GetDirectoryName(root))
            {
                var local = Path.GetDirectoryName(Path.Combine(root, mapped.Groups[1].Value));
                if (File.Exists(Path.Combine(root, "Coroutines.sln")) && local is not null && System.IO.Directory.Exists(local))
                {
                    return local;
                }
            }
        }
        throw new DirectoryNotFoundException($"The folder of '{callerFilePath}' was not found.");
    }

    public static void Verify(string actual, string name, string extension) =>
        VerifyIn(Directory(), actual, name, extension, Environment.GetEnvironmentVariable(UpdateVariable) == "1");

    public static void VerifyIn(string directory, string actual, string name, string extension, bool update)
    {
        var verifiedPath = Path.Combine(directory, name + ".verified" + extension);
        var receivedPath = Path.Combine(directory, name + ".received" + extension);
        var received = Normalize(actual);
        if (update)
        {
            System.IO.Directory.CreateDirectory(directory);
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
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(receivedPath, received, Utf8NoBom);
        Assert.Fail(
            (verified is null ? $"Snapshot '{name}' has no verified file yet: {verifiedPath}" : $"Snapshot '{name}' does not match {verifiedPath}") + "\n" +
            $"Received: {receivedPath}\n" +
            $"To accept: run the tests with {UpdateVariable}=1, or copy the received file over the verified one.\n" +
            Diff(verified ?? "", received));
    }

    public static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

    // The first differing line with a little context: enough to see what changed.
    private static string Diff(string verified, string received)
    {
        var expected = verified.TrimEnd('\n').Split('\n');
        var actual = received.TrimEnd('\n').Split('\n');
        var first = 0;
        while (first < expected.Length && first < actual.Length && expected[first] == actual[first])
        {
            first++;
        }
        var text = new StringBuilder($"First difference at line {first + 1} (- verified, + received):\n");
        for (var i = Math.Max(0, first - 3); i < first; i++)
        {
            text.Append("  ").Append(expected[i]).Append('\n');
        }
        for (var i = first; i < Math.Min(expected.Length, first + 8); i++)
        {
            text.Append("- ").Append(expected[i]).Append('\n');
        }
        for (var i = first; i < Math.Min(actual.Length, first + 8); i++)
        {
            text.Append("+ ").Append(actual[i]).Append('\n');
        }
        return text.ToString();
    }

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
}
