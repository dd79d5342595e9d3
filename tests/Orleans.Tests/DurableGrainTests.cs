using System;
using System.Linq;
using System.Threading.Tasks;
using Coroutines.Orleans.Tests.Grains;
using Coroutines.Orleans.Tests.Support;
using Orleans;
using Xunit;

namespace Coroutines.Orleans.Tests;

/// <summary>
/// A coroutine sleeping in a grain survives the grain's deactivation and the stop of the silo
/// that hosts it, and ends with the output of an uninterrupted run; each step runs once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DurableGrainTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly ClusterFixture _fixture;

    public DurableGrainTests(ClusterFixture fixture) => _fixture = fixture;

    // The output of the same coroutine run straight through, on a plain scheduler.
    private static string Uninterrupted(string name, int steps, int sleepMs)
    {
        var scheduler = new Scheduler(new VirtualClock());
        var reference = scheduler.Spawn(Workflows.CountdownCoroutine(new Journal(), name, steps, sleepMs));
        scheduler.Run();
        return reference.Result;
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static void AssertEachStepRanOnce(string name, int steps)
    {
        for (var step = 0; step < steps; step++)
        {
            Assert.Equal(1, Journal.Shared.Runs(name, step));
        }
    }

    [Fact]
    public async Task A_sleep_runs_through_without_interruption()
    {
        var grain = _fixture.Grains.GetGrain<ISleeperGrain>(Unique("plain"));
        var name = Unique("c");
        Assert.True(await grain.StartCountdown(name, 3, 100));
        Assert.Equal(Uninterrupted(name, 3, 100), await _fixture.OutcomeAsync(grain, name, Patience));
        AssertEachStepRanOnce(name, 3);
        Assert.False(await grain.StartCountdown(name, 3, 100)); // starts are idempotent by name
        Assert.Equal(0, SharedReminderTable.CountFor(grain.GetGrainId()));
    }

    [Fact]
    public async Task A_long_sleep_survives_deactivation_and_a_reminder_brings_it_back()
    {
        var key = Unique("deactivated");
        var grain = _fixture.Grains.GetGrain<ISleeperGrain>(key);
        var name = Unique("c");
        Assert.True(await grain.StartCountdown(name, 2, 1500));
        Assert.Equal(1, SharedReminderTable.CountFor(grain.GetGrainId()));
        var activations = Journal.Shared.Activations;

        await _fixture.Cluster.DeactivateAsync(grain);

        // Nothing calls the grain: only the reminder can bring it back.
        Assert.Equal(Uninterrupted(name, 2, 1500), await _fixture.OutcomeAsync(grain, name, Patience));
        Assert.True(Journal.Shared.Activations > activations, "the reminder reactivated the grain");
        AssertEachStepRanOnce(name, 2);
        var status = await grain.GetStatus();
        Assert.Empty(status.Live);
        Assert.Null(status.RestoreError);
    }

    [Fact]
    public async Task A_long_sleep_survives_the_stop_of_its_silo_and_resumes_on_another()
    {
        var extra = await _fixture.Cluster.StartAdditionalSiloAsync();
        await _fixture.Cluster.WaitForLivenessToStabilizeAsync();
        ISleeperGrain? grain = null;
        string key = "";
        for (var attempt = 0; attempt < 200 && grain is null; attempt++)
        {
            key = Unique("moved");
            var candidate = _fixture.Grains.GetGrain<ISleeperGrain>(key);
            if (await candidate.GetSilo() == extra.SiloAddress.ToString())
            {
                grain = candidate;
            }
        }
        Assert.NotNull(grain);
        var name = Unique("c");
        Assert.True(await grain!.StartCountdown(name, 3, 1200));

        await _fixture.Cluster.StopSiloAsync(extra);

        Assert.Equal(Uninterrupted(name, 3, 1200), await _fixture.OutcomeAsync(grain, name, Patience));
        AssertEachStepRanOnce(name, 3);
        var silo = Journal.Shared.SiloOf(key);
        Assert.NotEqual(extra.SiloAddress.ToString(), silo);
        Assert.Contains(_fixture.Cluster.GetActiveSilos(), s => s.SiloAddress.ToString() == silo);
    }
}
