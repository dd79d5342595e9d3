using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Coroutines.Playground.Api;

/// <summary>An example program for the page's list.</summary>
internal sealed record Example(string Id, string Title, string Source);

/// <summary>The example programs, embedded from Examples/ (the seed demo first: the page opens with it).</summary>
internal static class Examples
{
    private static readonly (string Id, string Title)[] Order =
    {
        ("SeedDemo", "Seed demo: fast and slow workers side by side"),
        ("TryFinally", "try/finally around a sleep"),
        ("Calls", "Calling coroutines: recursive Fibonacci"),
        ("Cancellation", "Cancellation: catch and finally run"),
    };

    public static IReadOnlyList<Example> All { get; } = Load();

    private static List<Example> Load()
    {
        var assembly = typeof(Examples).Assembly;
        return Order.Select(e =>
        {
            using var stream = assembly.GetManifestResourceStream($"Examples/{e.Id}.cs")
                ?? throw new InvalidOperationException($"The example Examples/{e.Id}.cs is not embedded.");
            using var reader = new StreamReader(stream);
            return new Example(e.Id, e.Title, reader.ReadToEnd().ReplaceLineEndings("\n"));
        }).ToList();
    }
}
