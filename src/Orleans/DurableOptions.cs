using System;

namespace Coroutines.Orleans;

/// <summary>How a <see cref="DurableGrain"/> checkpoints and wakes its coroutines.</summary>
public sealed class DurableOptions
{
    /// <summary>When to write a checkpoint; by default at every suspension (<see cref="CheckpointPolicy.EverySuspension"/>).</summary>
    public CheckpointPolicy Checkpoints { get; set; } = CheckpointPolicy.EverySuspension;

    /// <summary>
    /// A sleep at least this long is woken by an Orleans reminder, so the grain may be deactivated
    /// (or its silo stopped) meanwhile; a shorter one by a grain timer. One minute by default.
    /// </summary>
    public TimeSpan ReminderThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The period the reminder is registered with (Orleans reminders repeat; the grain updates or
    /// removes it once it fired). Must be at least the silo's <c>ReminderOptions.MinimumReminderPeriod</c>.
    /// A reminder tick that Orleans misses (the silo holding the reminder stopped at the deadline)
    /// comes up to one period later: how late a coroutine may then resume (docs/durable.md).
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The coroutines' time; by default the silo's <see cref="System.TimeProvider"/> service, else <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>At most this many scheduler passes in one grain turn; a coroutine that keeps yielding resumes in the next turn.</summary>
    public int MaxPassesPerTurn { get; set; } = 1000;
}
