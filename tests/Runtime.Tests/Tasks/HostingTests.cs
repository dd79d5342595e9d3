using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Coroutines.Tests.Tasks;

/// <summary>RunAsync inside the .NET Generic Host: a BackgroundService owns the loop; other code spawns into it.</summary>
public partial class HostingTests
{
    [Coroutine]
    private static int Twice(int value, int ms)
    {
        Yield.Sleep(ms);
        int later = Yield.Await(Task.Run(() => value * 2));
        return later;
    }

    /// <summary>Runs the scheduler's loop for as long as the host runs.</summary>
    private sealed class LoopService(Scheduler scheduler) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => scheduler.RunAsync(stoppingToken);
    }

    [Fact]
    public async Task RunAsync_inside_a_Generic_Host_runs_coroutines_until_the_host_stops()
    {
        var scheduler = new Scheduler();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(scheduler);
        builder.Services.AddHostedService<LoopService>();
        using var host = builder.Build();

        await host.StartAsync();
        var results = await Task.WhenAll(scheduler.SpawnAsync(TwiceCoroutine(21, 10)), scheduler.SpawnAsync(TwiceCoroutine(5, 1)));
        Assert.True(scheduler.IsRunning); // out of work, the hosted loop waits for more
        await host.StopAsync();

        Assert.Equal([42, 10], results);
        Assert.False(scheduler.IsRunning);
    }
}
