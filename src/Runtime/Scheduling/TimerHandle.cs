namespace Coroutines;

/// <summary>A call scheduled with <see cref="Scheduler.CallLater(System.TimeSpan, System.Action)"/>; cancel it with <see cref="Cancel"/>.</summary>
public sealed class TimerHandle
{
    private readonly Scheduler _scheduler;

    internal TimerHandle(Scheduler scheduler, System.Action callback, System.TimeSpan when)
    {
        _scheduler = scheduler;
        Callback = callback;
        When = when;
    }

    internal System.Action Callback { get; }

    internal bool InHeap { get; set; }

    /// <summary>When the call is due, on the scheduler's clock.</summary>
    public System.TimeSpan When { get; }

    /// <summary>True once <see cref="Cancel"/> was called before the call ran.</summary>
    public bool IsCanceled { get; private set; }

    /// <summary>True once the call has run (or started running).</summary>
    public bool HasRun { get; internal set; }

    /// <summary>Cancels the call if it has not run yet; otherwise does nothing.</summary>
    /// <exception cref="System.InvalidOperationException">Called from another thread while the scheduler runs.</exception>
    public void Cancel()
    {
        if (IsCanceled || HasRun)
        {
            return;
        }
        _scheduler.CheckThread(nameof(Cancel));
        IsCanceled = true;
        _scheduler.OnTimerCanceled(this);
    }
}
