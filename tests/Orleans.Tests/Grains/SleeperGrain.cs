using System;
using System.Threading;
using System.Threading.Tasks;
using Coroutines.Orleans.Tests.Support;
using Coroutines.Snapshots;
using Orleans;
using Orleans.Runtime;

namespace Coroutines.Orleans.Tests.Grains;

public interface ISleeperGrain : IGrainWithStringKey
{
    Task<bool> StartCountdown(string name, int steps, int sleepMs);

    Task<bool> StartSleepOnce(string name, int sleepMs);

    Task DropWakeReminder();

    Task<bool> StartAskTwice(string name, string counter, int answerMs, int sleepMs);

    Task<DurableStatus> GetStatus();

    Task<string> GetSilo();
}

public interface IThriftySleeperGrain : ISleeperGrain
{
}

/// <summary>
/// A durable grain for the tests: sleeps of half a second or more are woken by reminders (with the
/// default one-minute ReminderPeriod); checkpoints at every suspension.
/// </summary>
public sealed class SleeperGrain : TestDurableGrain, ISleeperGrain
{
    public SleeperGrain([PersistentState("coroutines", SharedGrainStorage.Name)] IPersistentState<DurableCoroutineState> state)
        : base(state, CheckpointPolicy.EverySuspension)
    {
    }
}

/// <summary>The same, checkpointing at most once an hour (and at starts, ends and deactivation).</summary>
public sealed class ThriftySleeperGrain : TestDurableGrain, IThriftySleeperGrain
{
    public ThriftySleeperGrain([PersistentState("coroutines", SharedGrainStorage.Name)] IPersistentState<DurableCoroutineState> state)
        : base(state, CheckpointPolicy.AtMostEvery(TimeSpan.FromHours(1)))
    {
    }
}

public interface IFakeTimeSleeperGrain : ISleeperGrain
{
}

/// <summary>The same on a fake clock the test moves (its reminders and timers still run on real time).</summary>
public sealed class FakeTimeSleeperGrain : TestDurableGrain, IFakeTimeSleeperGrain
{
    public static readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider Time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public FakeTimeSleeperGrain([PersistentState("coroutines", SharedGrainStorage.Name)] IPersistentState<DurableCoroutineState> state)
        : base(state, CheckpointPolicy.EverySuspension, Time)
    {
    }
}

public interface ISlowToDeactivateSleeperGrain : ISleeperGrain
{
}

/// <summary>
/// The same, with a 5 s reminder threshold, and slow to deactivate: its deactivation lasts until <see cref="Overrun"/> past the next
/// deadline before the grain's own runs (a slow storage write; or a timer's tick that came just
/// after the deactivation began: the grain's timers stop when it begins). So a sleep ends while the
/// grain deactivates, before it leaves its reminder. Stamps "key:deactivating" in the journal.
/// </summary>
public sealed class SlowToDeactivateSleeperGrain : TestDurableGrain, ISlowToDeactivateSleeperGrain
{
    public static readonly TimeSpan Overrun = TimeSpan.FromMilliseconds(100);

    public SlowToDeactivateSleeperGrain([PersistentState("coroutines", SharedGrainStorage.Name)] IPersistentState<DurableCoroutineState> state)
        : base(state, CheckpointPolicy.EverySuspension, reminderThreshold: TimeSpan.FromSeconds(5))
    {
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Journal.Shared.Stamp($"{this.GetPrimaryKeyString()}:deactivating");
        if (Scheduler.NextDeadline is { } deadline)
        {
            // The clock reads the time of the grain's last turn, not later than now: this waits at least that long.
            await Task.Delay(deadline - Scheduler.Now + Overrun, CancellationToken.None);
        }
        await base.OnDeactivateAsync(reason, cancellationToken);
    }
}

public abstract class TestDurableGrain : DurableGrain, ISleeperGrain
{
    protected TestDurableGrain(IPersistentState<DurableCoroutineState> state, CheckpointPolicy checkpoints, TimeProvider? time = null, TimeSpan? reminderThreshold = null)
        : base(state, new DurableOptions
        {
            Checkpoints = checkpoints,
            ReminderThreshold = reminderThreshold ?? TimeSpan.FromMilliseconds(500),
            TimeProvider = time,
        })
    {
    }

    protected override void ConfigureSnapshots(SnapshotOptions options)
    {
        options.Permanents.Add("journal", Journal.Shared);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Journal.Shared.Activated(this.GetPrimaryKeyString(), RuntimeIdentity);
        Journal.Shared.CountActivation();
        await base.OnActivateAsync(cancellationToken);
    }

    public Task<bool> StartCountdown(string name, int steps, int sleepMs) =>
        StartAsync(Workflows.CountdownCoroutine(Journal.Shared, name, steps, sleepMs), name);

    public Task<bool> StartSleepOnce(string name, int sleepMs) =>
        StartAsync(Workflows.SleepOnceCoroutine(Journal.Shared, name, sleepMs), name);

    // Unregisters the grain's wake reminder behind its back: to an active grain, what a reminder
    // tick that Orleans misses looks like.
    public async Task DropWakeReminder()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<bool> StartAskTwice(string name, string counter, int answerMs, int sleepMs) =>
        StartAsync(Workflows.AskTwiceCoroutine(GrainFactory, counter, name, answerMs, sleepMs), name);

    public Task<DurableStatus> GetStatus() => Task.FromResult(Status);

    public Task<string> GetSilo() => Task.FromResult(RuntimeIdentity);
}
