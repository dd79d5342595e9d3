using System;
using System.Collections.Generic;
using Coroutines.Snapshots;

namespace Coroutines.Tests.Snapshots;

/// <summary>Saveable coroutines for the snapshot tests: they log to a list they share (one object).</summary>
public static partial class SaveableCoroutines
{
    /// <summary>Sleeps, logs and counts; returns the sum of its steps.</summary>
    [Coroutine(Saveable = true)]
    public static int Worker(List<string> log, string name, int steps, int delayMs)
    {
        int total = 0;
        for (int i = 1; i <= steps; i++)
        {
            Yield.Sleep(delayMs);
            total += i;
            log.Add($"{Clock.Current.Now.TotalMilliseconds}ms {name} step {i} total {total}");
        }
        return total;
    }

    /// <summary>Calls a worker (a call frame), spawns two and awaits them, catches a fault.</summary>
    [Coroutine(Saveable = true)]
    public static List<string> Scenario(List<string> log)
    {
        var a = Yield.Spawn(WorkerCoroutine(log, "a", 3, 10).WithName("a").WithTag("workers"));
        var b = Yield.Spawn(WorkerCoroutine(log, "b", 2, 15).WithName("b"));
        int called = Worker(log, "called", 2, 7);
        log.Add($"{Clock.Current.Now.TotalMilliseconds}ms called returned {called}");
        int first = Yield.Await(a);
        int second = Yield.Await(b);
        int sum = first + second;
        log.Add($"{Clock.Current.Now.TotalMilliseconds}ms awaited {sum}");
        try
        {
            Fail(log, "boom");
        }
        catch (InvalidOperationException e)
        {
            Yield.Sleep(3);
            log.Add($"{Clock.Current.Now.TotalMilliseconds}ms caught {e.Message}");
        }
        return log;
    }

    /// <summary>Sleeps, then throws.</summary>
    [Coroutine(Saveable = true)]
    public static void Fail(List<string> log, string message)
    {
        Yield.Sleep(5);
        log.Add($"{Clock.Current.Now.TotalMilliseconds}ms failing");
        throw new InvalidOperationException(message);
    }

    /// <summary>Holds a value rebuilt on restore, and an outside object saved by name.</summary>
    [Coroutine(Saveable = true)]
    public static void Outside(List<string> log, Rebuilt<Random> random, Dictionary<string, int> world)
    {
        Yield.Sleep(5);
        log.Add($"rebuilt {random.Name} {random.Value.Next(100)} world {world["gold"]}");
    }

    /// <summary>Holds a user type (saved through the JSON context) and an array of coroutines that holds itself: a cycle.</summary>
    [Coroutine(Saveable = true)]
    public static string Hero(Player player, Coroutine[] party, List<int> shared)
    {
        Yield.Sleep(10);
        player.Hp -= 3;
        Yield.Sleep(10);
        player.Hp -= 3;
        shared.Add(player.Hp);
        return $"{player.Name} {player.Hp} party of {party.Length} {string.Join(",", shared)}";
    }

    /// <summary>Not saveable: a scheduler holding it refuses to save.</summary>
    [Coroutine]
    public static void Plain()
    {
        Yield.Sleep(5);
    }
}

/// <summary>A user type: saved by System.Text.Json through <see cref="SnapshotTestJson"/>.</summary>
public sealed class Player
{
    public string Name { get; set; } = "";

    public int Hp { get; set; }
}

/// <summary>The source-generated JSON context the tests give the snapshot options.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(Player))]
internal sealed partial class SnapshotTestJson : System.Text.Json.Serialization.JsonSerializerContext
{
}
