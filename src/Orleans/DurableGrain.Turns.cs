using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Orleans;

namespace Coroutines.Orleans;

// The grain turn that runs the scheduler: move the clock to the cluster's time, run what is due,
// then arrange the next wake and checkpoint. Turns never overlap: one asked for while another is
// in its awaits makes that one go round again.
public abstract partial class DurableGrain
{
    private Task? _turn;
    private bool _again;
    private bool _busy;         // the last turn stopped at MaxPassesPerTurn with work left
    private bool _deactivating;
    private int _turnRequested; // 1 while a turn asked for from another thread is queued

    /// <summary>The cluster's time on the grain clock: time since the grain's epoch.</summary>
    private TimeSpan ClusterNow => _time.GetUtcNow() - _state.State.Epoch;

    /// <summary>Runs a turn now, or makes the running one go round again; completes when it has.</summary>
    private Task RunTurnAsync()
    {
        if (_turn is { IsCompleted: false } running)
        {
            _again = true;
            return running;
        }
        _turn = TurnLoopAsync();
        return _turn;
    }

    private async Task TurnLoopAsync()
    {
        do
        {
            _again = false;
            RunDue();
            await ArrangeWakeAsync();
            // A coroutine that ended is checkpointed at once, whatever the policy: its outcome is final.
            await CheckpointAsync(force: _tracker.Ended.Count > 0);
        }
        while (_again && !_deactivating);
    }

    private void RunDue()
    {
        if (_restoreError is not null)
        {
            return;
        }
        var scheduler = Scheduler;
        _clock!.MoveTo(ClusterNow);
        _busy = false;
        for (var pass = 0; ; pass++)
        {
            if (pass == _options.MaxPassesPerTurn)
            {
                _busy = true; // resumes in a next turn, so that grain calls get their turns too
                return;
            }
            if (scheduler.RunDue() == 0)
            {
                return;
            }
            _dirty = true;
            _clock.MoveTo(ClusterNow);
        }
    }

    // Any thread: something was posted to the scheduler (a task a coroutine waits for completed).
    // Queues one turn on the grain's own task scheduler, which runs it as the grain's work.
    private void RequestTurn()
    {
        if (_turns is null || _deactivating || Interlocked.Exchange(ref _turnRequested, 1) == 1)
        {
            return;
        }
        Task.Factory.StartNew(
                () =>
                {
                    Volatile.Write(ref _turnRequested, 0);
                    return RunTurnAsync();
                },
                CancellationToken.None,
                TaskCreationOptions.None,
                _turns)
            .Unwrap()
            .ContinueWith(
                static (task, state) => ((DurableGrain)state!).LogTurnFault(task.Exception!),
                this,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
    }

    private void LogTurnFault(Exception exception) =>
        _logger.LogError(exception, "A turn of durable grain {GrainId} failed.", this.GetGrainId());
}
