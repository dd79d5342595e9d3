using System;
using System.Reflection;

namespace Coroutines.Reliability.Tests.Support;

/// <summary>
/// Reads <c>Scheduler.TimerEntryCount</c> (internal, visible only to the runtime's own tests) by
/// reflection: the size of the sleeping queue, stale entries included.
/// </summary>
internal static class SchedulerInternals
{
    private static readonly PropertyInfo s_timerEntryCount =
        typeof(Scheduler).GetProperty("TimerEntryCount", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("Scheduler.TimerEntryCount (internal) is gone: the reclamation checks read it.");

    public static int TimerEntryCount(this Scheduler scheduler) => (int)s_timerEntryCount.GetValue(scheduler)!;
}
