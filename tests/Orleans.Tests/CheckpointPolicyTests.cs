using System;
using System.Threading.Tasks;
using Coroutines.Orleans.Tests.Grains;
using Coroutines.Orleans.Tests.Support;
using Orleans;
using Xunit;

namespace Coroutines.Orleans.Tests;

/// <summary>The checkpoint policy: every suspension, or at most every N (and always at a start, an end and a deactivation).</summary>
[Collection(ClusterCollection.Name)]
public sealed class CheckpointPolicyTests
{
    private readonly ClusterFixture _fixture;

    public CheckpointPolicyTests(ClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Every_suspension_writes_a_checkpoint_per_sleep_and_at_most_every_writes_fewer()
    {
        var every = _fixture.Grains.GetGrain<ISleeperGrain>($"every-{Guid.NewGuid():N}");
        var thrifty = _fixture.Grains.GetGrain<IThriftySleeperGrain>($"thrifty-{Guid.NewGuid():N}");
        var a = $"a-{Guid.NewGuid():N}";
        var b = $"b-{Guid.NewGuid():N}";
        Assert.True(await every.StartCountdown(a, 5, 20));
        Assert.True(await thrifty.StartCountdown(b, 5, 20));
        await _fixture.OutcomeAsync(every, a, TimeSpan.FromSeconds(20));
        await _fixture.OutcomeAsync(thrifty, b, TimeSpan.FromSeconds(20));

        // Start, one per sleep (5), the end: 7. Thrifty: the start and the end.
        Assert.Equal(7, (await every.GetStatus()).Checkpoints);
        Assert.Equal(2, (await thrifty.GetStatus()).Checkpoints);
    }

    [Fact]
    public async Task A_skipped_checkpoint_is_written_at_deactivation()
    {
        var thrifty = _fixture.Grains.GetGrain<IThriftySleeperGrain>($"thrifty-{Guid.NewGuid():N}");
        var name = $"c-{Guid.NewGuid():N}";
        Assert.True(await thrifty.StartCountdown(name, 3, 300));
        await Task.Delay(450); // past the first sleep: step 1 ran, no checkpoint yet
        await _fixture.Cluster.DeactivateAsync(thrifty);
        Assert.Equal($"{name}:0,{name}:1,{name}:2,done", await _fixture.OutcomeAsync(thrifty, name, TimeSpan.FromSeconds(20)));
        for (var step = 0; step < 3; step++)
        {
            Assert.Equal(1, Journal.Shared.Runs(name, step));
        }
    }
}
