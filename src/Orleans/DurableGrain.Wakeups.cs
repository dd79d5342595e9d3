using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Coroutines.Orleans;

// Waking the grain: a grain timer for what is due soon (a short sleep, a delayed checkpoint, work
// left by a busy turn), an Orleans reminder for a sleep of at least ReminderThreshold, which
// reactivates the grain if it was deactivated or its silo went away (and a timer that does not keep
// the grain active, should a tick be missed); at deactivation, a wake-up the grain sends itself.
public abstract partial class DurableGrain
{
    private IGrainTimer? _timer;          // what is due soon; keeps the grain active
    private IGrainTimer? _longSleepTimer; // a long sleep's, besides its reminder
    private IGrainReminder? _reminder;
    private TimeSpan? _reminderDeadline; // grain-clock time the reminder was registered for, if known

    // The least due time of a reminder left at deactivation: the reminder service arms a reminder
    // after writing its row; a due time that passes before then loses the first tick.
    private static readonly TimeSpan ReminderLead = TimeSpan.FromSeconds(1);

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
        // While the grain stays active, a long sleep has a timer too, one that lets the grain be
        // deactivated: a reminder tick that Orleans misses comes a ReminderPeriod late.
        SetTimer(ref _longSleepTimer, longSleep ? next : null, keepAlive: false);

        TimeSpan? soon = longSleep ? null : next;
        if (_dirty && _options.Checkpoints.MinimumInterval > TimeSpan.Zero)
        {
            soon = Earliest(soon, _lastCheckpoint + _options.Checkpoints.MinimumInterval);
        }
        if (_busy)
        {
            soon = now;
        }
        SetTimer(ref _timer, soon, keepAlive: true);
    }

    // Sets a one-shot grain timer for grain-clock time `at` (counted from now, not from the turn's
    // start: the reminder's write above may have taken a while), or stops it.
    private void SetTimer(ref IGrainTimer? timer, TimeSpan? at, bool keepAlive)
    {
        if (at is not { } time)
        {
            timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        var dueTime = Max(time - ClusterNow, TimeSpan.Zero);
        if (timer is null)
        {
            timer = this.RegisterGrainTimer(
                _ => RunTurnAsync(),
                new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { KeepAlive = keepAlive });
        }
        else
        {
            timer.Change(dueTime, Timeout.InfiniteTimeSpan);
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

    /// <inheritdoc/>
    public Task Wake() => RunTurnAsync();

    // At deactivation, while a coroutine lives: a reminder must bring the grain back, at the next
    // deadline, or soon for one that is ready or waits for a task (it resumes from the checkpoint).
    // True if a coroutine is due within ReminderThreshold: then the grain also wakes itself at once
    // (WakeAfterDeactivation), because Orleans drops a reminder's first tick if its due time passes
    // before the reminder service armed it (after the row's write) and ticks a ReminderPeriod later.
    private async Task<bool> LeaveReminderWhileLiveAsync()
    {
        if (_state.State.Live.Count == 0)
        {
            return false;
        }
        var now = ClusterNow;
        var next = Scheduler.NextDeadline;
        // A long sleep's reminder, registered by a turn at least ReminderThreshold ahead, is armed: it stays as it is.
        await SetReminderAsync(next is { } deadline && deadline - now >= ReminderLead ? deadline : now + ReminderLead);
        return next is not { } due || due - now < _options.ReminderThreshold;
    }

    // Sends this grain a wake-up (IDurableGrain.Wake). The deactivating activation holds the message;
    // when the deactivation has ended Orleans reroutes it to a new activation, which restores the
    // coroutines, runs what is due and arms a timer for the rest. The reminder above stays as the
    // backstop, should the silo die before the message is delivered.
    private void WakeAfterDeactivation() =>
        this.AsReference<IDurableGrain>().Wake().ContinueWith(
            static (task, state) => ((DurableGrain)state!)._logger.LogWarning(task.Exception, "Durable grain {GrainId} could not send itself a wake-up at deactivation; its reminder wakes it.", ((DurableGrain)state!).GetGrainId()),
            this,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private static TimeSpan? Earliest(TimeSpan? a, TimeSpan b) => a is { } x && x < b ? x : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
