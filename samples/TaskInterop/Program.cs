using Coroutines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TaskInterop;

// Coroutines and .NET's Task world, in the Generic Host: a BackgroundService runs the scheduler's
// loop (RunAsync), spawns a coroutine into it from async code (SpawnAsync) and awaits its result;
// the coroutines wait on file reads and Task.Delay with Yield.Await. Ends by itself.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders(); // the sample prints its own lines
builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
builder.Services.AddSingleton(new Scheduler()); // the system clock: real time
builder.Services.AddSingleton<Log>();
builder.Services.AddHostedService<InteropService>();

await builder.Build().RunAsync();
