using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Coroutines.Playground.Tests;

/// <summary>
/// The playground on Kestrel, on a free loopback port, shared by the API and browser tests (one
/// server, one build of its runner). The run-time limit is short, so the endless-loop tests are quick.
/// </summary>
public sealed class PlaygroundServer : IDisposable
{
    public static readonly TimeSpan RunTimeLimit = TimeSpan.FromSeconds(3);

    private readonly Factory _factory = new();

    public PlaygroundServer()
    {
        _factory.UseKestrel(static kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        if (!IPAddress.IsLoopback(IPAddress.Parse(BaseAddress.Host)))
        {
            throw new InvalidOperationException($"The test server must listen on loopback only, not {BaseAddress}.");
        }
    }

    public Uri BaseAddress { get; }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(90) };

    public void Dispose() => _factory.Dispose();

    private sealed class Factory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("urls", "http://127.0.0.1:0");
            builder.UseSetting("Runner:RunTimeLimit", RunTimeLimit.ToString());
            builder.ConfigureLogging(static logging => logging.SetMinimumLevel(LogLevel.Warning));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PlaygroundCollection : ICollectionFixture<PlaygroundServer>
{
    public const string Name = "Playground server";
}
