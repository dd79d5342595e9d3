using System;
using System.Threading.Tasks;
using Coroutines.Snapshots;
using Microsoft.Extensions.Logging;
using Orleans;

namespace Coroutines.Orleans;

// Checkpoints: the scheduler's snapshot, written to the grain's persistent state when every
// coroutine is suspended, no task wait is outstanding, and the policy says it is time.
public abstract partial class DurableGrain
{
    private bool _dirty;              // something ran (or started) since the last checkpoint
    private TimeSpan _lastCheckpoint; // grain-clock time of the last checkpoint of this activation
    private string? _checkpointError;

    private async Task CheckpointAsync(bool force)
    {
        if (!_dirty || _restoreError is not null)
        {
            return; // nothing new; or a snapshot this grain could not read, which it must not overwrite
        }
        var now = _clock!.Now;
        if (!force && _state.State.Checkpoints > 0 && now - _lastCheckpoint < _options.Checkpoints.MinimumInterval)
        {
            return; // the wake timer (ArrangeWakeAsync) comes back for it
        }
        var scheduler = Scheduler;
        if (scheduler.OutstandingTaskWaits > 0)
        {
            return; // a task cannot be saved: the turn its completion brings checkpoints instead
        }
        byte[] snapshot;
        try
        {
            snapshot = scheduler.SaveToBytes(_snapshotOptions);
        }
        catch (SnapshotException exception)
        {
            _checkpointError = exception.Message;
            _logger.LogError(exception, "Durable grain {GrainId} could not checkpoint its coroutines: {Message}", this.GetGrainId(), exception.Message);
            return;
        }
        _checkpointError = null;
        var state = _state.State;
        state.Snapshot = snapshot;
        state.ClockTicks = now.Ticks;
        state.Checkpoints++;
        await _state.WriteStateAsync();
        _lastCheckpoint = now;
        _dirty = false;
        _tracker.Ended.Clear();
    }
}
