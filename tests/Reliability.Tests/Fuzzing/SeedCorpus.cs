using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Coroutines.Reliability.Tests.Support;

namespace Coroutines.Reliability.Tests.Fuzzing;

/// <summary>A valid coroutine source the mutators start from.</summary>
internal sealed record SeedSource(string Name, string Text);

/// <summary>
/// The seed corpus: the hand-written sources in <c>Fuzzing/Seeds</c> (embedded in this assembly),
/// plus, when they exist, the generator's snapshot inputs (<c>tests/Generator.Tests/**/Snapshots/*.input.cs</c>)
/// and the samples' sources that use <c>[Coroutine]</c>, read at run time.
/// </summary>
internal static class SeedCorpus
{
    private static readonly Lazy<IReadOnlyList<SeedSource>> s_all = new(Load);

    public static IReadOnlyList<SeedSource> All => s_all.Value;

    public static IReadOnlyList<SeedSource> Embedded { get; } = LoadEmbedded();

    private static IReadOnlyList<SeedSource> Load()
    {
        var seeds = new List<SeedSource>(Embedded);
        var root = Results.RepositoryRoot();
        var generatorTests = Path.Combine(root, "tests", "Generator.Tests");
        if (Directory.Exists(generatorTests))
        {
            var inputs = Directory.EnumerateFiles(generatorTests, "*.cs", SearchOption.AllDirectories)
                .Where(static f => f.Split(Path.DirectorySeparatorChar).Contains("Snapshots") && !IsBuildOutput(f))
                .Where(static f => !f.EndsWith(".verified.cs", StringComparison.Ordinal) && !f.EndsWith(".received.cs", StringComparison.Ordinal) && !f.EndsWith(".g.cs", StringComparison.Ordinal));
            seeds.AddRange(inputs.Order(StringComparer.Ordinal).Select(f => new SeedSource(Path.GetRelativePath(root, f), File.ReadAllText(f))));
        }
        var samples = Path.Combine(root, "samples");
        if (Directory.Exists(samples))
        {
            var sources = Directory.EnumerateFiles(samples, "*.cs", SearchOption.AllDirectories)
                .Where(static f => !IsBuildOutput(f) && !f.EndsWith(".g.cs", StringComparison.Ordinal))
                .Where(static f => File.ReadAllText(f).Contains("[Coroutine]"));
            seeds.AddRange(sources.Order(StringComparer.Ordinal).Select(f => new SeedSource(Path.GetRelativePath(root, f), File.ReadAllText(f))));
        }
        return seeds;
    }

    // Build output and generated files are not inputs (a sample may emit its generated code under Generated/).
    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(static part => part is "bin" or "obj" or "Generated");

    private static IReadOnlyList<SeedSource> LoadEmbedded()
    {
        var assembly = typeof(SeedCorpus).Assembly;
        const string prefix = "Seeds.";
        return assembly.GetManifestResourceNames()
            .Where(static n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new SeedSource(n[prefix.Length..], reader.ReadToEnd());
            })
            .ToList();
    }
}
