using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using DurableOrders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;

// An order workflow as durable coroutines on Orleans: one local silo, memory storage, in-memory
// reminders. Each order is a grain running one [Coroutine(Saveable = true)]: reserve, wait for
// payment with a timeout, ship, remind days later. A day lasts one second on this sample's clock
// (--virtual: 100 ms, for a quick run); order A's grain is deactivated while it sleeps three
// days, and a reminder brings it back. Ends by itself.
var dayMs = args.Contains("--virtual") ? 100 : 1000;
OrderGrain.Options.ReminderThreshold = TimeSpan.FromMilliseconds(dayMs); // a sleep of a day or more: a reminder

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders(); // the sample prints its own lines
builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
builder.UseOrleans(silo => silo
    .UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort()) // loopback, free ports: runs beside anything
    .AddMemoryGrainStorage("orders")
    .UseInMemoryReminderService()
    .Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1)));
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();
var log = grains.GetGrain<ILogGrain>(0);

Console.WriteLine($"A day lasts {dayMs} ms here. Two lamps in stock; orders A, B and C each want one.");
foreach (var order in new[] { "A", "B", "C" })
{
    await grains.GetGrain<IOrderGrain>(order).Place("lamp", dayMs, paymentDays: 2, reminderDays: 3);
}
await Task.Delay(dayMs);
await grains.GetGrain<IOrderGrain>("A").Pay();
await Task.Delay(dayMs / 2);
await grains.GetGrain<IOrderGrain>("A").Nap();
Console.WriteLine("A: grain deactivated while its coroutine sleeps; a reminder will bring it back");

var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
while ((await log.Lines()).Count(static line => line.EndsWith("cancelled", StringComparison.Ordinal) || line.EndsWith("out of stock", StringComparison.Ordinal) || line.Contains("reminder sent", StringComparison.Ordinal)) < 3)
{
    if (DateTime.UtcNow > deadline)
    {
        Console.Error.WriteLine("The orders did not all end within a minute.");
        await host.StopAsync();
        return 1;
    }
    await Task.Delay(dayMs / 4);
}
foreach (var order in new[] { "A", "B", "C" })
{
    var status = await grains.GetGrain<IOrderGrain>(order).GetStatus();
    Console.WriteLine($"{order}: {status.Outcomes["order"]} ({status.Checkpoints} checkpoints, last {status.LastSnapshotBytes} bytes){(status.CheckpointError is { } error ? " checkpoint refused: " + error : "")}");
}
await host.StopAsync();
return 0;

// A port no one listens on now, on the loopback interface.
static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
