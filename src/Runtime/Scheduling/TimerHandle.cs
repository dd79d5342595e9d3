using System;
using System.Diagnostics;

namespace Coroutines;

/// <summary>A call scheduled with <see cref="Scheduler.CallLater(System.TimeSpan, System.Action)"/>; cancel it with <see cref="Cancel"/>.</summary>
public sealed class TimerHandle
{
    // Deadlines are clamped at TimerQueue.MaxDeadline (59 bits): the three flags share the
    // deadline's long, so a handle is 40 bytes (header, two references, one long), not 48.
    private const int FlagShift = 59;
    private const long DeadlineMask = (1L << FlagShift) - 1;
    private const long InHeapFlag = 1L << FlagShift;
    private const long CanceledFlag = 1L << (FlagShift + 1);
    private const long HasRunFlag = 1L << (FlagShift + 2);

    private readonly Scheduler _scheduler;
    private long _whenAndFlags;

    internal TimerHandle(Scheduler scheduler, Action callback, TimeSpan when)
    {
        Debug.Assert(when.Ticks is >= 0 and <= TimerQueue.MaxDeadline, "the scheduler clamps deadlines");
        _scheduler = scheduler;
        Callback = callback;
        _whenAndFlags = when.Ticks & DeadlineMask;
    }

    internal Action Callback { get; }

    internal bool InHeap
    {
        get => (_whenAndFlags & InHeapFlag) != 0;
        set => SetFlag(InHeapFlag, value);
    }

    /// <summary>When the call is due, on the scheduler's clock.</summary>
    public TimeSpan When => TimeSpan.FromTicks(_whenAndFlags & DeadlineMask);

    /// <summary>True once <see cref="Cancel"/> was called before the call ran.</summary>
    public bool IsCanceled
    {
        get => (_whenAndFlags & CanceledFlag) != 0;
        private set => SetFlag(CanceledFlag, value);
    }

    /// <summary>True once the call has run (or started running).</summary>
    public bool HasRun
    {
        get => (_whenAndFlags & HasRunFlag) != 0;
        internal set => SetFlag(HasRunFlag, value);
    }

    /// <summary>Cancels the call if it has not run yet; otherwise does nothing.</summary>
    /// <exception cref="InvalidOperationException">Called from another thread while the scheduler runs.</exception>
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

    private void SetFlag(long flag, bool value) => _whenAndFlags = value ? _whenAndFlags | flag : _whenAndFlags & ~flag;
}
