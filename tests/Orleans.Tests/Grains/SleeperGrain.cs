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

    Task<bool> StartAskTwice(string name, string counter, int answerMs, int sleepMs);

    Task<DurableStatus> GetStatus();

    Task<string> GetSilo();
}

/// <summary>A durable grain for the tests: sleeps of half a second or more are woken by reminders.</summary>
public sealed class SleeperGrain : DurableGrain, ISleeperGrain
{
    public static readonly DurableOptions TestOptions = new()
    {
        ReminderThreshold = TimeSpan.FromMilliseconds(500),
        ReminderPeriod = TimeSpan.FromMinutes(1),
    };

    public SleeperGrain([PersistentState("coroutines", SharedGrainStorage.Name)] IPersistentState<DurableCoroutineState> state)
        : base(state, TestOptions)
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

    public Task<bool> StartAskTwice(string name, string counter, int answerMs, int sleepMs) =>
        StartAsync(Workflows.AskTwiceCoroutine(GrainFactory, counter, name, answerMs, sleepMs), name);

    public Task<DurableStatus> GetStatus() => Task.FromResult(Status);

    public Task<string> GetSilo() => Task.FromResult(RuntimeIdentity);
}
