using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Coroutines;

/// <summary>What a live coroutine is doing at the moment it was described (<see cref="Scheduler.LiveCoroutines"/>).</summary>
public sealed class CoroutineInfo
{
    internal CoroutineInfo(Coroutine coroutine, CoroutineStatus status, bool isPaused, string activity, TimeSpan? until, IReadOnlyList<CoroutineFrame> frames)
    {
        Coroutine = coroutine;
        Status = status;
        IsPaused = isPaused;
        Activity = activity;
        Until = until;
        Frames = frames;
    }

    /// <summary>The coroutine (the one spawned; its calls are in <see cref="Frames"/>).</summary>
    public Coroutine Coroutine { get; }

    /// <summary>Its name.</summary>
    public string Name => Coroutine.Name;

    /// <summary>
    /// The status of its innermost frame (the one that runs, sleeps or waits). A paused coroutine is
    /// <see cref="CoroutineStatus.Waiting"/> (for <see cref="Scheduler.Resume(Coroutine)"/>), whatever
    /// it was doing: <see cref="Activity"/> says what that was, and what it keeps for the resume.
    /// </summary>
    public CoroutineStatus Status { get; }

    /// <summary>True if it is paused (<see cref="Scheduler.Pause(string)"/>): it takes no step until resumed.</summary>
    public bool IsPaused { get; }

    /// <summary>What it does or waits for, in words: "sleeping", "waiting for an item from a Channel&lt;Int32&gt; (0 of 4 items)", ...</summary>
    public string Activity { get; }

    /// <summary>For a sleeping coroutine, when it wakes (scheduler time); otherwise null.</summary>
    public TimeSpan? Until { get; }

    /// <summary>Its logical stack, innermost frame first: each <c>[Coroutine]</c> method it is inside, and where.</summary>
    public IReadOnlyList<CoroutineFrame> Frames { get; }

    /// <summary>The name, status and activity on one line, then one line per frame.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"'{Name}' {Status}: {Activity}");
        if (Until is { } until)
        {
            text.Append(CultureInfo.InvariantCulture, $" until {until.TotalSeconds:0.###} s");
        }
        foreach (var frame in Frames)
        {
            text.Append(Environment.NewLine).Append("    ").Append(frame);
        }
        return text.ToString();
    }
}
