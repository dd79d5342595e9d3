using System;
using System.IO;
using System.Text.Json;
using Coroutines.Playground.Runner.Protocol;
using Coroutines.Playground.Runner.Running;

namespace Coroutines.Playground.Runner;

/// <summary>
/// One run: a <see cref="RunRequest"/> (JSON) on standard input, a <see cref="RunReport"/> (JSON)
/// on standard output; <see cref="RunSignals.Running"/> on standard error when the program starts,
/// so the server can start its run-time limit after the compilation.
/// </summary>
internal static class Program
{
    private static int Main()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var stdout = Console.Out;
        var stderr = Console.Error;
        RunRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<RunRequest>(Console.In.ReadToEnd(), options);
        }
        catch (JsonException e)
        {
            stderr.WriteLine($"error: the request is not JSON: {e.Message}");
            return 2;
        }
        if (request?.Source is null)
        {
            stderr.WriteLine("error: the request has no source.");
            return 2;
        }
        ProgramRunner.Starting = () =>
        {
            stderr.WriteLine(RunSignals.Running);
            stderr.Flush();
        };
        var report = ProgramRunner.CompileAndRun(request.Source);
        stdout.Write(JsonSerializer.Serialize(report, options));
        stdout.Flush();
        return 0;
    }
}
