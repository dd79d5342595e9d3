namespace Coroutines.Benchmarks;

/// <summary>
/// The workloads every competitor runs, with the same bodies:
/// <list type="bullet">
/// <item>W1 timers: <see cref="W1Coroutines"/> coroutines, each sleeping <see cref="W1Sleeps"/> times
/// for 1..1000 ms of virtual time (a deterministic pseudo-random sequence per coroutine).</item>
/// <item>W2 yields: <see cref="W2Coroutines"/> coroutines, each yielding (<c>Sleep(0)</c>) <see cref="W2Yields"/> times.</item>
/// <item>W3 memory: <see cref="W3Coroutines"/> coroutines suspended at once, each holding two int locals.</item>
/// <item>Spawn: <see cref="SpawnCoroutines"/> coroutines created, started, suspended once and finished.</item>
/// </list>
/// </summary>
public static class Shape
{
    public const int W1Coroutines = 100_000;
    public const int W1Sleeps = 10;
    public const int W2Coroutines = 1_000;
    public const int W2Yields = 10_000;
    public const int W3Coroutines = 1_000_000;
    public const int SpawnCoroutines = 100_000;

    /// <summary>Clock ticks per millisecond (TimeSpan ticks: 100 ns).</summary>
    public const long TicksPerMs = 10_000;

    /// <summary>The next state of a coroutine's pseudo-random sequence (a 32-bit LCG).</summary>
    public static uint Next(uint x) => (x * 1664525u) + 1013904223u;

    /// <summary>A delay of 1..1000 ms drawn from the sequence state <paramref name="x"/>.</summary>
    public static int DelayMs(uint x) => (int)((x >> 8) % 1000u) + 1;

    /// <summary>The seed of coroutine <paramref name="index"/>'s sequence.</summary>
    public static uint Seed(int index) => (uint)index * 2654435761u;

    /// <summary>W3: the delay the <paramref name="index"/>-th suspended coroutine sleeps for (1..1000 s: nothing wakes during a measurement).</summary>
    public static int W3DelayMs(int index) => 1_000_000 + (index % 1000);

    /// <summary>Where bodies leave a value so that their work is not optimised away.</summary>
    public static long Sink;

    // W3 bodies take no parameters (their state is exactly two int locals): they draw their
    // index from this counter, reset before each batch.
    private static int s_w3Counter;

    public static void ResetW3() => s_w3Counter = 0;

    public static int NextW3() => s_w3Counter++;
}
