using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Coroutines.Orleans.Tests.Grains;
using Coroutines.Orleans.Tests.Support;
using Orleans;
using Xunit;

namespace Coroutines.Orleans.Tests;

/// <summary>1,000 durable coroutines across the cluster, some grains deactivated mid-run: all end, none lost, none ran a step twice.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ManyCoroutinesTests
{
    private readonly ClusterFixture _fixture;

    public ManyCoroutinesTests(ClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_thousand_coroutines_all_end_once()
    {
        const int Grains = 100, PerGrain = 10, Steps = 3;
        var run = Guid.NewGuid().ToString("N");
        var grains = Enumerable.Range(0, Grains).Select(g => _fixture.Grains.GetGrain<ISleeperGrain>($"many-{run}-{g}")).ToArray();
        var names = new List<(ISleeperGrain Grain, string Name, int SleepMs)>();
        for (var g = 0; g < Grains; g++)
        {
            for (var c = 0; c < PerGrain; c++)
            {
                // Short sleeps (timers) and, in every tenth grain, sleeps long enough for a reminder.
                names.Add((grains[g], $"many-{run}-{g}-{c}", g % 10 == 0 ? 600 + 10 * c : 50 + 20 * c));
            }
        }
        await Task.WhenAll(names.Select(n => n.Grain.StartCountdown(n.Name, Steps, n.SleepMs)));

        // Mid-run, deactivate a fifth of the grains (some in short sleeps, some in long ones).
        await Task.WhenAll(grains.Where((_, g) => g % 5 == 0).Select(g => _fixture.Cluster.DeactivateAsync(g)));

        foreach (var (grain, name, _) in names)
        {
            var outcome = await _fixture.OutcomeAsync(grain, name, TimeSpan.FromSeconds(30));
            Assert.Equal($"{name}:0,{name}:1,{name}:2,done", outcome);
            for (var step = 0; step < Steps; step++)
            {
                Assert.Equal(1, Journal.Shared.Runs(name, step));
            }
        }
        var silos = grains.Select(g => g.GetPrimaryKeyString()).Select(Journal.Shared.SiloOf).Distinct().Count();
        Assert.True(silos >= 2, $"the grains ran on {silos} silo(s)");
    }
}
