using System;
using System.Threading;
using System.Threading.Tasks;
using Orleans;
using Orleans.Runtime;

namespace Coroutines.Orleans;

// Waking the grain: a grain timer for what is due soon (a short sleep, a delayed checkpoint, work
// left by a busy turn), an Orleans reminder for a sleep of at least ReminderThreshold, which
// reactivates the grain if it was deactivated or its silo went away.
public abstract partial class DurableGrain
{
    private IGrainTimer? _timer;
    private IGrainReminder? _reminder;
    private TimeSpan? _reminderDeadline; // grain-clock time the reminder was registered for, if known

    /// <inheritdoc/>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await RunTurnAsync();
        }
        else
        {
            await OnReminderAsync(reminderName, status);
        }
    }

    /// <summary>A reminder of the grain's own (not the one that wakes coroutines) fired.</summary>
    protected virtual Task OnReminderAsync(string reminderName, TickStatus status) => Task.CompletedTask;

    private async Task ArrangeWakeAsync()
    {
        if (_restoreError is not null || _deactivating)
        {
            return;
        }
        var now = _clock!.Now;
        var next = Scheduler.NextDeadline;
        var longSleep = next is { } deadline && deadline - now >= _options.ReminderThreshold;

        // The reminder first: if the silo dies before the checkpoint is written, the reminder
        // still wakes the grain, which then resumes from the previous checkpoint.
        if (longSleep)
        {
            await SetReminderAsync(next!.Value);
        }
        else
        {
            await DropReminderAsync();
        }

        TimeSpan? soon = longSleep ? null : next;
        if (_dirty && _options.Checkpoints.MinimumInterval > TimeSpan.Zero)
        {
            soon = Earliest(soon, _lastCheckpoint + _options.Checkpoints.MinimumInterval);
        }
        if (_busy)
        {
            soon = now;
        }
        SetTimer(soon is { } at ? Max(at - now, TimeSpan.Zero) : null);
    }

    private void SetTimer(TimeSpan? due)
    {
        if (due is not { } dueTime)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(
                _ => RunTurnAsync(),
                new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task SetReminderAsync(TimeSpan deadline)
    {
        if (_reminder is not null && _reminderDeadline == deadline)
        {
            return;
        }
        var due = Max(deadline - ClusterNow, TimeSpan.FromMilliseconds(1));
        _reminder = await this.RegisterOrUpdateReminder(ReminderName, due, _options.ReminderPeriod);
        _reminderDeadline = deadline;
    }

    private async Task DropReminderAsync()
    {
        if (_reminder is null)
        {
            return;
        }
        await this.UnregisterReminder(_reminder);
        _reminder = null;
        _reminderDeadline = null;
    }

    // At deactivation: while a coroutine lives, a reminder must bring the grain back, at the next
    // deadline, or at once for one that is ready or waits for a task (it resumes from the checkpoint).
    private async Task EnsureReminderWhileLiveAsync()
    {
        if (_state.State.Live.Count > 0)
        {
            await SetReminderAsync(Scheduler.NextDeadline ?? _clock!.Now);
        }
    }

    private static TimeSpan? Earliest(TimeSpan? a, TimeSpan b) => a is { } x && x < b ? x : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
