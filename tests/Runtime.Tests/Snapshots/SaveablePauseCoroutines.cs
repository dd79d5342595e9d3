using System.Collections.Generic;

namespace Coroutines.Tests.Snapshots;

/// <summary>Saveable coroutines paused and resumed by tag while they sleep, wait on a channel, or are ready.</summary>
public static partial class SaveablePauseCoroutines
{
    private static string Now => $"{Clock.Current.Now.TotalMilliseconds}ms";

    /// <summary>Sleeps and logs, <paramref name="steps"/> times.</summary>
    [Coroutine(Saveable = true)]
    public static void Ticker(string name, int steps, int delayMs, List<string> log)
    {
        for (int i = 1; i <= steps; i++)
        {
            Yield.Sleep(delayMs);
            log.Add($"{Now} {name} tick {i}");
        }
    }

    /// <summary>Waits for two items (the first one is sent while it is paused), through a call frame.</summary>
    [Coroutine(Saveable = true)]
    public static void Listener(Channel<int> inbox, List<string> log)
    {
        for (int i = 0; i < 2; i++)
        {
            int item = Take(inbox);
            log.Add($"{Now} listener got {item}");
        }
    }

    /// <summary>A call frame: the frame a pause stops is the innermost one.</summary>
    [Coroutine(Saveable = true)]
    public static int Take(Channel<int> inbox)
    {
        return inbox.Receive();
    }

    /// <summary>Spawns workers tagged "w", pauses them at once (one still ready) and at 6 ms, sends while they are paused, resumes them.</summary>
    [Coroutine(Saveable = true)]
    public static List<string> Game(List<string> log)
    {
        var inbox = new Channel<int>();
        Yield.Spawn(TickerCoroutine("slow", 3, 5, log).WithTag("w"));
        Yield.Spawn(ListenerCoroutine(inbox, log).WithTag("w"));
        Yield.Spawn(TickerCoroutine("fresh", 2, 2, log).WithTag("w"));
        log.Add($"{Now} paused {Scheduler.Current!.Pause("w")}");
        Yield.Sleep(3);
        log.Add($"{Now} resumed {Scheduler.Current!.Resume("w")}");
        Yield.Sleep(3);
        log.Add($"{Now} paused {Scheduler.Current!.Pause("w")}");
        Yield.Sleep(2);
        inbox.Send(1);
        Yield.Sleep(5);
        log.Add($"{Now} resumed {Scheduler.Current!.Resume("w")}");
        Yield.Sleep(1);
        inbox.Send(2);
        Yield.Sleep(20);
        log.Add($"{Now} end");
        return log;
    }
}
