using System;
using System.Globalization;

namespace Coroutines.Reliability.Tests.Support;

/// <summary>
/// Sizes and seeds of the reliability runs. The normal suite uses the defaults (fixed seeds,
/// sizes that finish in seconds); <c>scripts/reliability.sh</c> raises them through environment
/// variables for a long run.
/// </summary>
internal static class Settings
{
    /// <summary>FUZZ_MUTANTS: mutants the fuzz test runs through the generator.</summary>
    public static int FuzzMutants => Int("FUZZ_MUTANTS", 10_000);

    /// <summary>FUZZ_SEED: the seed every mutant is derived from (mutant i uses (seed, i)).</summary>
    public static int FuzzSeed => Int("FUZZ_SEED", 20_260_108);

    /// <summary>FUZZ_TIMEOUT_MS: the time one input may take in the generator before it counts as a hang.</summary>
    public static int FuzzTimeoutMs => Int("FUZZ_TIMEOUT_MS", 15_000);

    /// <summary>PROPERTY_ITERATIONS: random programs per scheduler property.</summary>
    public static int PropertyIterations => Int("PROPERTY_ITERATIONS", 400);

    /// <summary>LOAD_COROUTINES: coroutines in the many-sleepers load test (10 sleeps each).</summary>
    public static int LoadCoroutines => Int("LOAD_COROUTINES", 1_000_000);

    /// <summary>LOAD_TIMERS: timers in the cancelled-timers load test (90% cancelled).</summary>
    public static int LoadTimers => Int("LOAD_TIMERS", 100_000);

    /// <summary>LOAD_POSTS: items each of the 4 threads posts in the Post storm.</summary>
    public static int LoadPostsPerThread => Int("LOAD_POSTS", 100_000);

    /// <summary>LOAD_TASK_COMPLETIONS: tasks each of the 4 threads completes, each resuming a coroutine waiting on it.</summary>
    public static int LoadTaskCompletionsPerThread => Int("LOAD_TASK_COMPLETIONS", 100_000);

    private static int Int(string name, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (!int.TryParse(text.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new InvalidOperationException($"{name}={text} is not a positive integer.");
        }
        return value;
    }
}
