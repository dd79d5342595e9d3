using System;
using System.Threading.Tasks;
using Coroutines.Orleans.Tests.Grains;
using Coroutines.Orleans.Tests.Support;
using Orleans;
using Xunit;

namespace Coroutines.Orleans.Tests;

/// <summary>Coroutines in different grains talk through grain calls: a coroutine waits for a call's task with Yield.Await.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainCallTests
{
    private readonly ClusterFixture _fixture;

    public GrainCallTests(ClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_coroutine_waits_for_another_grains_answer_and_survives_deactivation_between_calls()
    {
        var counter = $"counter-{Guid.NewGuid():N}";
        var grain = _fixture.Grains.GetGrain<ISleeperGrain>($"caller-{Guid.NewGuid():N}");
        var name = $"ask-{Guid.NewGuid():N}";
        Assert.True(await grain.StartAskTwice(name, counter, 0, 1000));
        // The first answer came in and the coroutine checkpointed in its sleep: deactivate it there.
        for (var i = 0; i < 50 && (await grain.GetStatus()).Checkpoints < 2; i++)
        {
            await Task.Delay(20);
        }
        var status = await grain.GetStatus();
        Assert.True(status.Checkpoints >= 2, "checkpointed at the start, and in the sleep once the first answer came in");
        Assert.Null(status.CheckpointError); // the spent task of the first call is no obstacle
        await _fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal($"{name}:1,2", await _fixture.OutcomeAsync(grain, name, TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task A_grain_deactivated_while_waiting_for_a_call_runs_that_step_again_at_least_once()
    {
        var counter = $"counter-{Guid.NewGuid():N}";
        var grain = _fixture.Grains.GetGrain<ISleeperGrain>($"caller-{Guid.NewGuid():N}");
        var name = $"ask-{Guid.NewGuid():N}";
        Assert.True(await grain.StartAskTwice(name, counter, 1000, 10));
        // The start was checkpointed; the first call is in flight: no checkpoint can hold it.
        await _fixture.Cluster.DeactivateAsync(grain);
        // Restored from the start, the coroutine called again: the counter saw the first step twice.
        Assert.Equal($"{name}:2,3", await _fixture.OutcomeAsync(grain, name, TimeSpan.FromSeconds(20)));
    }
}
