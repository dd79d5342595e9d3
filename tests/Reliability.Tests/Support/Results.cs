using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Coroutines.Reliability.Tests.Support;

/// <summary>
/// Writes each test's figures to <c>artifacts/reliability/{name}.json</c> at the repository root,
/// where <c>scripts/reliability.sh</c> reads them to fill <c>docs/reliability.md</c>.
/// </summary>
internal static class Results
{
    private static readonly JsonSerializerOptions s_options = new() { WriteIndented = true };

    public static string Directory => Path.Combine(RepositoryRoot(), "artifacts", "reliability");

    public static void Write(string name, IReadOnlyDictionary<string, object?> figures)
    {
        var all = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["test"] = name,
            ["finishedUtc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        };
        foreach (var (key, value) in figures)
        {
            all[key] = value;
        }
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".json");
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(all, s_options));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>The folder holding Coroutines.sln (falls back to the test's output folder).</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, System.IO.Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Coroutines.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        return AppContext.BaseDirectory;
    }
}
