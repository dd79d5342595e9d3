using System.Collections.Generic;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// Saveable coroutines in Yield.Select: a receiver in a select in line on a rendezvous channel with
/// a plain receiver, a sender in a select waiting for room, timeouts beside sleeps, and the end of
/// a worker raced against a channel, a select paused (and won while paused).
/// </summary>
public static partial class SaveableSelectCoroutines
{
    private static string Now => $"{Clock.Current.Now.TotalMilliseconds}ms";

    /// <summary>Receives <paramref name="count"/> jobs with a plain receive.</summary>
    [Coroutine(Saveable = true)]
    public static void PlainTaker(Channel<int> jobs, int count, List<string> log)
    {
        for (int i = 0; i < count; i++)
        {
            int job = jobs.Receive();
            log.Add($"{Now} plain got {job}");
        }
    }

    /// <summary>Receives <paramref name="count"/> jobs in selects that give up after 4 ms each.</summary>
    [Coroutine(Saveable = true)]
    public static void SelectTaker(Channel<int> jobs, int count, List<string> log)
    {
        int got = 0;
        while (got < count)
        {
            var job = Case.Receive(jobs);
            int chosen = Yield.Select(job, Case.Timeout(4));
            if (chosen == 0)
            {
                got++;
                log.Add($"{Now} select got {job.Item}");
            }
            else
            {
                log.Add($"{Now} select timed out");
            }
        }
    }

    /// <summary>Offers six results, each for 3 ms.</summary>
    [Coroutine(Saveable = true)]
    public static void SelectSender(Channel<int> results, List<string> log)
    {
        for (int i = 1; i <= 6; i++)
        {
            var put = Case.Send(results, i * 10);
            int chosen = Yield.Select(put, Case.Timeout(3));
            log.Add(chosen == 0 ? $"{Now} offered {i * 10}: sent {put.Sent}" : $"{Now} gave up on {i * 10}");
        }
    }

    /// <summary>Works <paramref name="ms"/> milliseconds.</summary>
    [Coroutine(Saveable = true)]
    public static int Worker(int ms, List<string> log)
    {
        Yield.Sleep(ms);
        log.Add($"{Now} worker done");
        return ms;
    }

    /// <summary>Pauses the taker a while, hands out jobs, then reads results until a worker ends.</summary>
    [Coroutine(Saveable = true)]
    public static List<string> Broker(List<string> log)
    {
        var jobs = new Channel<int>(0);
        var results = new Channel<int>(1);
        Yield.Spawn(PlainTakerCoroutine(jobs, 2, log).WithName("plain"));
        Yield.Spawn(SelectTakerCoroutine(jobs, 2, log).WithName("taker").WithTag("t"));
        Yield.Spawn(SelectSenderCoroutine(results, log).WithName("sender"));
        Yield.Sleep(1);
        log.Add($"{Now} paused {Scheduler.Current!.Pause("t")}"); // the taker, in its select; its timeout wins while it is paused
        Yield.Sleep(4);
        log.Add($"{Now} resumed {Scheduler.Current!.Resume("t")}");
        for (int i = 1; i <= 4; i++)
        {
            Yield.Sleep(3);
            jobs.Send(i);
            log.Add($"{Now} sent job {i}");
        }
        var worker = WorkerCoroutine(7, log);
        var done = Case.End(worker);
        while (true)
        {
            var result = Case.Receive(results);
            int chosen = Yield.Select(result, done);
            if (chosen == 1)
            {
                log.Add($"{Now} worker ended: {worker.Status}");
                break;
            }
            log.Add($"{Now} result {result.Item}");
            Yield.Sleep(2);
        }
        Yield.Sleep(20);
        log.Add($"{Now} left {results.Count}");
        return log;
    }
}
