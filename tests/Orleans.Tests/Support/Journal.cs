using System.Collections.Concurrent;
using System.Threading;

namespace Coroutines.Orleans.Tests.Support;

/// <summary>
/// The outside world the test coroutines act on: it counts how often each step of each coroutine
/// ran. A coroutine holds it as a permanent (saved by name), so every silo's restore hands back
/// this one object.
/// </summary>
public sealed class Journal
{
    public static Journal Shared { get; } = new();

    private readonly ConcurrentDictionary<string, int> _runs = new();
    private readonly ConcurrentDictionary<string, string> _silos = new();

    public void Record(string coroutine, int step) => _runs.AddOrUpdate($"{coroutine}#{step}", 1, static (_, n) => n + 1);

    public int Runs(string coroutine, int step) => _runs.TryGetValue($"{coroutine}#{step}", out var n) ? n : 0;

    /// <summary>The silo a grain was last activated on.</summary>
    public void Activated(string grain, string silo) => _silos[grain] = silo;

    public string? SiloOf(string grain) => _silos.TryGetValue(grain, out var silo) ? silo : null;

    private int _activations;

    public int Activations => Volatile.Read(ref _activations);

    public void CountActivation() => Interlocked.Increment(ref _activations);
}
