using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Coroutines;
using Microsoft.Extensions.Hosting;

namespace TaskInterop;

/// <summary>
/// A hosted service that owns a scheduler: it runs the loop with <c>RunAsync</c>, hands it
/// coroutines from async code with <c>SpawnAsync</c>, awaits their results, then stops the host.
/// </summary>
public sealed class InteropService(Scheduler scheduler, IHostApplicationLifetime lifetime, Log log) : BackgroundService
{
    private static readonly string[] Texts =
    [
        "the quick brown fox jumps over the lazy dog",
        "coroutines wait on tasks and tasks wait on coroutines",
        "one loop thread runs them all",
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "coroutines-taskinterop-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var paths = new string[Texts.Length];
            for (var i = 0; i < Texts.Length; i++)
            {
                paths[i] = Path.Combine(folder, $"file{i + 1}.txt");
                await File.WriteAllTextAsync(paths[i], Texts[i], stoppingToken);
            }

            var loop = scheduler.RunAsync(stoppingToken); // the loop runs on a thread of its own
            log.Write("service: loop started; spawning the word count from async code");
            var total = await scheduler.SpawnAsync(Readers.CountAllCoroutine(paths, log), stoppingToken);
            log.Write($"service: awaited the coroutine's result: {total} words in {paths.Length} files");

            lifetime.StopApplication(); // cancels stoppingToken: the loop stops
            await loop;
            log.Write("service: loop stopped");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
