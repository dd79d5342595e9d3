using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace Coroutines.Tests.Tasks;

/// <summary>Finds the line of a marker comment in a test's own source file, so tests can check reported lines without hard-coding them.</summary>
internal static class SourceMarkers
{
    public static int LineOf(string marker, [CallerFilePath] string file = "")
    {
        var lines = File.ReadAllLines(file);
        var index = Array.FindIndex(lines, l => l.Contains("// " + marker, StringComparison.Ordinal));
        if (index < 0)
        {
            throw new InvalidOperationException($"No line marked '// {marker}' in {file}.");
        }
        return index + 1;
    }
}
