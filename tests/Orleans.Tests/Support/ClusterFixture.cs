using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.TestingHost;
using Xunit;

namespace Coroutines.Orleans.Tests.Support;

/// <summary>
/// An in-process Orleans test cluster of two silos with memory storage and a memory reminder
/// table, both shared by the silos of the process (see <see cref="SharedGrainStorage"/>).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public Serializer Serializer => Cluster.ServiceProvider.GetRequiredService<Serializer>();

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>The grain's stored durable state, read from the storage without activating the grain.</summary>
    public DurableCoroutineState? Stored(IAddressable grain) =>
        SharedGrainStorage.Peek<DurableCoroutineState>(Serializer, "coroutines", grain.GetGrainId());

    /// <summary>Waits, without activating the grain, until its stored state says <paramref name="name"/> ended.</summary>
    public async Task<string> OutcomeAsync(IAddressable grain, string name, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Stored(grain)?.Outcomes.TryGetValue(name, out var outcome) == true)
            {
                return outcome;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"'{name}' did not end within {timeout}. Stored state: live [{string.Join(", ", Stored(grain)?.Live ?? [])}].");
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.Services.AddGrainStorage(SharedGrainStorage.Name, static (services, _) => new SharedGrainStorage(services.GetRequiredService<Serializer>()));
            silo.AddReminders();
            silo.Services.AddSingleton<IReminderTable, SharedReminderTable>();
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Orleans cluster";
}
