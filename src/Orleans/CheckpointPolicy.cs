using System;

namespace Coroutines.Orleans;

/// <summary>
/// When a <see cref="DurableGrain"/> writes its coroutines' snapshot. A checkpoint is taken when the
/// grain's scheduler has nothing left to run (every coroutine is suspended) and no task wait is
/// outstanding; the code between two checkpoints may run again after a crash (docs/durable.md).
/// </summary>
public sealed class CheckpointPolicy
{
    private CheckpointPolicy(TimeSpan minimumInterval) => MinimumInterval = minimumInterval;

    /// <summary>Checkpoint at every suspension: the least work repeated after a crash, one storage write per suspension.</summary>
    public static CheckpointPolicy EverySuspension { get; } = new(TimeSpan.Zero);

    /// <summary>
    /// Checkpoint at a suspension only if the last checkpoint is at least <paramref name="interval"/>
    /// old; a skipped one is written once the interval has passed (or at deactivation). Fewer
    /// writes, more work repeated after a crash.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is negative.</exception>
    public static CheckpointPolicy AtMostEvery(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        return new CheckpointPolicy(interval);
    }

    /// <summary>The shortest time between two checkpoints; zero for <see cref="EverySuspension"/>.</summary>
    public TimeSpan MinimumInterval { get; }

    /// <inheritdoc/>
    public override string ToString() => MinimumInterval == TimeSpan.Zero ? "every suspension" : $"at most every {MinimumInterval}";
}
