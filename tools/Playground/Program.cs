using System;
using System.Linq;
using Coroutines.Playground.Api;
using Coroutines.Playground.Running;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// The playground: `dotnet run --project tools/Playground`, then open the address it prints.
// Meant for a local machine: it listens on loopback unless told otherwise (--urls).
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5180");
}
builder.WebHost.ConfigureKestrel(static kestrel => kestrel.Limits.MaxRequestBodySize = SourceReader.MaxRequestBytes);
builder.Services.Configure<RunnerOptions>(builder.Configuration.GetSection("Runner"));
builder.Services.AddSingleton<SandboxedRunner>();

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapGet("/api/examples", static () => Results.Json(Examples.All));

app.MapPost("/api/generate", static async (HttpRequest request) =>
{
    var (source, error) = await SourceReader.ReadAsync(request);
    return error ?? Results.Json(GeneratedView.Generate(source!));
});

app.MapPost("/api/run", static async (HttpRequest request, SandboxedRunner runner) =>
{
    var (source, error) = await SourceReader.ReadAsync(request);
    return error ?? Results.Json(await runner.RunAsync(source!, request.HttpContext.RequestAborted));
});

app.MapGet("/api/about", static () => Results.Json(new
{
    Limits = new { SourceReader.MaxRequestBytes, SourceReader.MaxSourceChars },
    Network = SandboxedRunner.NetworkNote,
}));

app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
