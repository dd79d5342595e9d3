using System;
using System.Linq;
using System.Threading.Tasks;
using Coroutines.Orleans.Tests.Grains;
using Coroutines.Orleans.Tests.Support;
using Coroutines.Snapshots;
using Coroutines.Tests.Snapshots;
using Orleans;
using Xunit;

namespace Coroutines.Orleans.Tests;

/// <summary>
/// A snapshot saved by another version of a coroutine (its structure hash differs) is refused
/// with the snapshot's message; the grain reports it, runs nothing and overwrites nothing.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RestoreRefusalTests
{
    private readonly ClusterFixture _fixture;

    public RestoreRefusalTests(ClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_changed_coroutine_is_refused_reported_and_nothing_is_overwritten()
    {
        var grain = _fixture.Grains.GetGrain<ISleeperGrain>($"changed-{Guid.NewGuid():N}");
        var name = $"c-{Guid.NewGuid():N}";
        Assert.True(await grain.StartCountdown(name, 3, 5000));
        await _fixture.Cluster.DeactivateAsync(grain);

        // As if an older version had saved it: its local was called "lines", not "output".
        var methodId = SnapshotRegistry.Find(typeof(Workflows.CountdownStateMachine))!.MethodId;
        var state = _fixture.Stored(grain)!;
        var field = state.Snapshot is null ? null : SnapshotSurgery.EditManifests(state.Snapshot, entries =>
        {
            var fields = entries.Single(e => e.Id == methodId).Fields;
            var index = fields.FindIndex(f => f.StartsWith("output: ", StringComparison.Ordinal));
            fields[index] = "lines" + fields[index].Substring("output".Length);
        });
        state.Snapshot = field;
        SharedGrainStorage.Poke(_fixture.Serializer, "coroutines", grain.GetGrainId(), state);
        var before = _fixture.Stored(grain)!.Snapshot;

        var status = await grain.GetStatus();
        Assert.NotNull(status.RestoreError);
        Assert.Contains($"The snapshot was saved by another version of {methodId}", status.RestoreError, StringComparison.Ordinal);
        Assert.Contains("hoisted field added: output", status.RestoreError, StringComparison.Ordinal);
        Assert.Contains("hoisted field removed: lines", status.RestoreError, StringComparison.Ordinal);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => grain.StartCountdown("another", 1, 10));
        Assert.True(refused.Message.Contains("could not restore its coroutines", StringComparison.Ordinal), refused.ToString());

        await _fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(before, _fixture.Stored(grain)!.Snapshot);
        Assert.Equal(state.Checkpoints, _fixture.Stored(grain)!.Checkpoints);
    }
}
