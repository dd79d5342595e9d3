using System;
using System.Collections.Generic;

namespace Coroutines;

// Faults: a coroutine or callback that threw. Nothing is lost, and nothing is reported before
// its owner had the chance to read it: a coroutine's fault nobody has read is reported when the
// loop next starts, when ReportUnobservedFaults is called, or when the process exits.
public sealed partial class Scheduler
{
    private List<Coroutine>? _faultedThisRun;
    private List<Coroutine>? _unreadFaults; // faulted in an earlier run, not yet read nor reported
    private bool _watchedAtExit;

    /// <summary>
    /// Raised for a callback that threw (at once: nobody can read its exception), and for each
    /// coroutine that faulted and whose exception nobody has read (through
    /// <see cref="Coroutine.Exception"/>, <see cref="Coroutine.GetResult"/>, a result, or a task from
    /// <see cref="Coroutine.AsTask"/>) by the time the loop next starts (<see cref="Run()"/>,
    /// <see cref="RunDue"/>, <see cref="RunAsync"/>), <see cref="ReportUnobservedFaults"/> is called,
    /// or the process exits. Reading a result after <see cref="Run()"/> returns is in time.
    /// With no handler, the fault is written to standard error: no fault is lost silently.
    /// </summary>
    public event EventHandler<UnobservedFaultEventArgs>? UnobservedFault;

    /// <summary>Coroutines whose faults the owner of this scheduler rethrows itself (a blocking wait).</summary>
    internal Coroutine[]? IgnoreUnobserved { get; set; }

    /// <summary>
    /// Reports now (through <see cref="UnobservedFault"/>, or to standard error) the faults of
    /// coroutines that ended in earlier runs and whose exception nobody has read. Each is reported once.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called from another thread while the loop runs.</exception>
    public void ReportUnobservedFaults()
    {
        CheckThread(nameof(ReportUnobservedFaults));
        ReportUnreadFaults();
    }

    private void Fault(Coroutine coroutine, Exception exception)
    {
        coroutine.Finish(CoroutineStatus.Faulted, exception);
        (_faultedThisRun ??= new()).Add(coroutine);
        _observer?.OnFaulted(coroutine, exception, _clock.Now);
    }

    // When a run returns: its unread faults wait for their owner to read them after it.
    private void DeferUnreadFaults()
    {
        var faulted = _faultedThisRun;
        if (faulted is null || faulted.Count == 0)
        {
            return;
        }
        _faultedThisRun = null;
        foreach (var coroutine in faulted)
        {
            if (!coroutine.FaultObserved && (IgnoreUnobserved is null || Array.IndexOf(IgnoreUnobserved, coroutine) < 0))
            {
                lock (_postGate) // the process-exit report may read the list from another thread
                {
                    (_unreadFaults ??= new()).Add(coroutine);
                }
            }
        }
        lock (_postGate)
        {
            if (_unreadFaults is null || _watchedAtExit)
            {
                return;
            }
            _watchedAtExit = true;
        }
        UnreadFaultsAtExit.Watch(this);
    }

    internal void ReportUnreadFaults()
    {
        List<Coroutine>? unread;
        lock (_postGate)
        {
            unread = _unreadFaults;
            _unreadFaults = null;
            _watchedAtExit = false;
        }
        if (unread is null)
        {
            return;
        }
        UnreadFaultsAtExit.Forget(this);
        foreach (var coroutine in unread)
        {
            if (!coroutine.FaultObserved)
            {
                Report(coroutine.FaultException!, coroutine);
            }
        }
    }

    private void Report(Exception exception, Coroutine? coroutine)
    {
        var handler = UnobservedFault;
        if (handler is not null)
        {
            handler(this, new UnobservedFaultEventArgs(exception, coroutine));
            return;
        }
        var source = coroutine is null ? "a callback" : $"coroutine '{coroutine.Name}'";
        Console.Error.WriteLine($"Coroutines: unobserved fault in {source}: {exception}");
    }
}

/// <summary>
/// Reports, when the process exits, the unread faults of schedulers whose loop never started
/// again. Holds those schedulers (only while they have unread faults), so a dropped scheduler's
/// faults are still reported.
/// </summary>
internal static class UnreadFaultsAtExit
{
    private static readonly HashSet<Scheduler> s_schedulers = new(ReferenceEqualityComparer.Instance);
    private static bool s_hooked;

    public static void Watch(Scheduler scheduler)
    {
        lock (s_schedulers)
        {
            s_schedulers.Add(scheduler);
            if (!s_hooked)
            {
                s_hooked = true;
                AppDomain.CurrentDomain.ProcessExit += static (_, _) => ReportAll();
            }
        }
    }

    public static void Forget(Scheduler scheduler)
    {
        lock (s_schedulers)
        {
            s_schedulers.Remove(scheduler);
        }
    }

    /// <summary>What runs at process exit (internal, so tests can run it).</summary>
    internal static void ReportAll()
    {
        Scheduler[] schedulers;
        lock (s_schedulers)
        {
            schedulers = [.. s_schedulers];
        }
        foreach (var scheduler in schedulers)
        {
            scheduler.ReportUnreadFaults();
        }
    }
}
