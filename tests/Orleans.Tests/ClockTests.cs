using System;
using System.Threading.Tasks;
using Coroutines.Orleans.Tests.Grains;
using Coroutines.Orleans.Tests.Support;
using Orleans;
using Xunit;

namespace Coroutines.Orleans.Tests;

/// <summary>
/// The coroutines' time is the TimeProvider's (the silo's, or DurableOptions.TimeProvider), and a
/// sleep's deadline is absolute: time that passed while the grain was deactivated counts.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClockTests
{
    private readonly ClusterFixture _fixture;

    public ClockTests(ClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_day_long_sleep_ends_when_the_time_provider_says_a_day_passed_across_a_deactivation()
    {
        var grain = _fixture.Grains.GetGrain<IFakeTimeSleeperGrain>($"fake-{Guid.NewGuid():N}");
        var name = $"c-{Guid.NewGuid():N}";
        Assert.True(await grain.StartCountdown(name, 1, (int)TimeSpan.FromDays(1).TotalMilliseconds));
        await _fixture.Cluster.DeactivateAsync(grain);

        FakeTimeSleeperGrain.Time.Advance(TimeSpan.FromHours(23));
        Assert.Single((await grain.GetStatus()).Live); // reactivated: not due yet
        await _fixture.Cluster.DeactivateAsync(grain);

        FakeTimeSleeperGrain.Time.Advance(TimeSpan.FromHours(1));
        await grain.GetStatus(); // reactivated a day after the start: the sleep is due, the coroutine ends
        Assert.Equal($"{name}:0,done", await _fixture.OutcomeAsync(grain, name, TimeSpan.FromSeconds(10)));
    }
}
