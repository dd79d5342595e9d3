using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

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

    private readonly ConcurrentDictionary<string, DateTimeOffset> _stamps = new();

    /// <summary>Records when <paramref name="what"/> first happened (the system clock, the grains' time).</summary>
    public void Stamp(string what) => _stamps.TryAdd(what, DateTimeOffset.UtcNow);

    public DateTimeOffset? StampOf(string what) => _stamps.TryGetValue(what, out var at) ? at : null;

    /// <summary>Waits until <paramref name="what"/> is stamped, or <paramref name="until"/> passed: its stamp, or null.</summary>
    public async Task<DateTimeOffset?> StampAsync(string what, DateTimeOffset until)
    {
        while (StampOf(what) is null && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(10);
        }
        return StampOf(what);
    }

    private int _activations;

    public int Activations => Volatile.Read(ref _activations);

    public void CountActivation() => Interlocked.Increment(ref _activations);
}
