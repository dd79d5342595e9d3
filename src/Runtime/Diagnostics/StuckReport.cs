using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Coroutines;

/// <summary>What to do when <see cref="Scheduler.Run(WhenStuck)"/> finds coroutines that nothing can wake.</summary>
public enum WhenStuck
{
    /// <summary>Throw a <see cref="SchedulerStuckException"/> (what <see cref="Scheduler.Run()"/> does).</summary>
    Throw,

    /// <summary>Return the <see cref="StuckReport"/>.</summary>
    Return,
}

/// <summary>
/// Coroutines still suspended when nothing was ready, no timer pending and no task or post
/// awaited: nothing can ever wake them (a deadlock, or a wait nobody will end).
/// </summary>
public sealed class StuckReport
{
    internal StuckReport(TimeSpan at, IReadOnlyList<CoroutineInfo> coroutines)
    {
        At = at;
        Coroutines = coroutines;
    }

    /// <summary>The scheduler's time when the loop found it stuck.</summary>
    public TimeSpan At { get; }

    /// <summary>Every stuck coroutine, with what it waits for and its logical stack.</summary>
    public IReadOnlyList<CoroutineInfo> Coroutines { get; }

    /// <summary>The report as text: one paragraph per coroutine.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"The scheduler is stuck at {At.TotalSeconds:0.###} s: nothing is ready, no timer is pending and no task or post is awaited, " +
            $"but {Coroutines.Count} coroutine{(Coroutines.Count == 1 ? "" : "s")} still wait{(Coroutines.Count == 1 ? "s" : "")} and nothing can wake {(Coroutines.Count == 1 ? "it" : "them")}:") +
        string.Concat(Coroutines.Select(static c => Environment.NewLine + "  " + c.ToString().Replace(Environment.NewLine, Environment.NewLine + "  ", StringComparison.Ordinal)));
}

/// <summary>Thrown by <see cref="Scheduler.Run()"/> when coroutines are left that nothing can wake: see <see cref="Report"/>.</summary>
public sealed class SchedulerStuckException : InvalidOperationException
{
    internal SchedulerStuckException(StuckReport report)
        : base(report + Environment.NewLine +
               "Find who should have woken them (a channel nobody writes or closes, a coroutine that waits for its waiter), or pass WhenStuck.Return to Run to get this report instead.")
    {
        Report = report;
    }

    /// <summary>The stuck coroutines.</summary>
    public StuckReport Report { get; }
}
