using System;
using System.Collections.Generic;

namespace Coroutines;

// Faults: a coroutine or callback that threw. Nothing is lost: what nobody read is reported when
// the loop returns.
public sealed partial class Scheduler
{
    private List<Coroutine>? _faultedThisRun;

    /// <summary>
    /// Raised for a callback that threw, and, when <see cref="Run()"/> or <see cref="RunDue"/>
    /// returns, for each coroutine that faulted during it and whose exception nobody has read
    /// (through <see cref="Coroutine.Exception"/>, <see cref="Coroutine.GetResult"/> or a result).
    /// With no handler, the fault is written to standard error: no fault is lost silently.
    /// </summary>
    public event EventHandler<UnobservedFaultEventArgs>? UnobservedFault;

    /// <summary>Coroutines whose faults the owner of this scheduler rethrows itself (a blocking wait).</summary>
    internal Coroutine[]? IgnoreUnobserved { get; set; }

    private void Fault(Coroutine coroutine, Exception exception)
    {
        coroutine.Finish(CoroutineStatus.Faulted, exception);
        (_faultedThisRun ??= new()).Add(coroutine);
        _observer?.OnFaulted(coroutine, exception, _clock.Now);
    }

    private void ReportUnobservedFaults()
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
