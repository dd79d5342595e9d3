using System;
using System.IO;
using System.Threading.Tasks;
using Coroutines;

namespace TaskInterop;

/// <summary>
/// Coroutines that wait on tasks: file reads and Task.Delay. Each <c>Yield.Await(task)</c>
/// suspends the coroutine; the loop runs the others until the task completes, on whatever thread,
/// and resumes it on the loop's thread.
/// </summary>
public static partial class Readers
{
    /// <summary>Reads a file (a real asynchronous read), thinks for a while, and returns its word count.</summary>
    [Coroutine]
    public static int CountWords(string path, int thinkMs, Log log)
    {
        log.Write($"read   {Path.GetFileName(path)}: started");
        string text = Yield.Await(File.ReadAllTextAsync(path, Yield.CancellationToken));
        log.Write($"read   {Path.GetFileName(path)}: {text.Length} characters");
        Yield.Await(Task.Delay(thinkMs, Yield.CancellationToken)); // a Task API, handed the coroutine's own token
        int words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        log.Write($"count  {Path.GetFileName(path)}: {words} words");
        return words;
    }

    /// <summary>Ticks on the scheduler's own clock while the reads go on, and prints the live dump once.</summary>
    [Coroutine]
    public static void Ticker(int ticks, int periodMs, Log log)
    {
        for (int i = 1; i <= ticks; i++)
        {
            Yield.Sleep(periodMs);
            log.Write($"tick   {i}");
            if (i == 1)
            {
                log.Write("what each coroutine is doing now (Scheduler.Describe()):" + Environment.NewLine + Scheduler.Current!.Describe());
            }
        }
    }

    /// <summary>Counts the words of every file side by side, beside a ticker, and returns the total.</summary>
    [Coroutine]
    public static int CountAll(string[] paths, Log log)
    {
        Coroutine<int>[] counts = new Coroutine<int>[paths.Length];
        for (int i = 0; i < paths.Length; i++)
        {
            counts[i] = CountWordsCoroutine(paths[i], 150 * (paths.Length - i), log);
            counts[i].Name = Path.GetFileNameWithoutExtension(paths[i]);
            Yield.Spawn(counts[i]);
        }
        Coroutine ticker = Yield.Spawn(TickerCoroutine(3, 100, log));
        ticker.Name = "ticker";
        Yield.AwaitAll(counts);
        Yield.Await(ticker);
        int total = 0;
        foreach (Coroutine<int> count in counts)
        {
            total += count.Result;
        }
        return total;
    }
}
