using System;
using System.Collections.Generic;

namespace SaveGame;

/// <summary>
/// Where the story is told: an outside object, saved by name (a permanent), not by value. It
/// writes to the console and keeps the lines, so a run can be compared with another.
/// </summary>
public sealed class Chronicle
{
    public List<string> Lines { get; } = new();

    public void Say(string text)
    {
        var line = $"Day {Day,2}: {text}";
        Lines.Add(line);
        Console.WriteLine(line);
    }

    /// <summary>The current day: one day is one second of the scheduler's clock.</summary>
    public static int Day => (int)Coroutines.Clock.Current.Now.TotalSeconds;

    /// <summary>The day a scheduler's clock shows.</summary>
    public static int DayOf(Coroutines.Scheduler scheduler) => (int)scheduler.Now.TotalSeconds;
}
