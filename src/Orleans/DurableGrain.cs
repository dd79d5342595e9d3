using System;
using System.Threading;
using System.Threading.Tasks;
using Coroutines.Snapshots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;

namespace Coroutines.Orleans;

/// <summary>
/// A grain that hosts durable coroutines: <c>[Coroutine(Saveable = true)]</c> coroutines started
/// with <see cref="StartAsync"/> run on the grain's own <see cref="Coroutines.Scheduler"/>, one
/// <c>RunDue</c> per grain turn; their snapshot is written to the grain's persistent state at
/// suspension points (<see cref="DurableOptions.Checkpoints"/>); on activation, on any silo, the
/// grain restores them and they go on. Long sleeps are woken by a reminder, short ones by a grain
/// timer (docs/durable.md).
/// </summary>
// The class is split by job: this file holds activation, restore and starting; .Turns.cs the
// grain turn that runs the scheduler; .Wakeups.cs timers and reminders; .Checkpoints.cs saving.
public abstract partial class DurableGrain : Grain, IRemindable, IDurableGrain
{
    /// <summary>The name of the reminder that wakes long sleeps.</summary>
    public const string ReminderName = "coroutines-wake";

    /// <summary>The permanent name under which the grain's <see cref="IGrainFactory"/> is saved (docs/snapshots.md, permanents).</summary>
    public const string GrainFactoryPermanent = "orleans-grain-factory";

    private readonly IPersistentState<DurableCoroutineState> _state;
    private readonly DurableOptions _options;
    private readonly RootTracker _tracker;
    private GrainClock? _clock;
    private Scheduler? _scheduler;
    private SnapshotOptions? _snapshotOptions;
    private TimeProvider _time = TimeProvider.System;
    private TaskScheduler? _turns;
    private ILogger _logger = NullLogger.Instance;
    private string? _restoreError;

    /// <summary>Makes the grain on <paramref name="state"/> (any storage provider).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    protected DurableGrain(IPersistentState<DurableCoroutineState> state, DurableOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        _options = options ?? new DurableOptions();
        _tracker = new RootTracker(() => _state.State);
    }

    /// <summary>The grain's scheduler (restored on activation). Use it on the grain's turns only.</summary>
    /// <exception cref="InvalidOperationException">The grain is not activated yet.</exception>
    protected Scheduler Scheduler => _scheduler ?? throw new InvalidOperationException("The durable grain is not activated yet.");

    /// <summary>
    /// What the grain reports: live and ended coroutines, checkpoints, and why a restore or a
    /// checkpoint failed, if one did.
    /// </summary>
    protected DurableStatus Status => new()
    {
        Live = _state.State.Live.ToArray(),
        Outcomes = new System.Collections.Generic.Dictionary<string, string>(_state.State.Outcomes),
        Checkpoints = _state.State.Checkpoints,
        LastSnapshotBytes = _state.State.Snapshot?.Length ?? 0,
        RestoreError = _restoreError,
        CheckpointError = _checkpointError,
    };

    /// <summary>
    /// Registers what saving and restoring need from outside: permanents (by name), rebuilders,
    /// a JSON context for user types (docs/snapshots.md). Called once per activation, before the restore.
    /// </summary>
    protected virtual void ConfigureSnapshots(SnapshotOptions options)
    {
    }

    /// <summary>
    /// Starts <paramref name="coroutine"/> under <paramref name="name"/>, runs it to its first
    /// suspension and checkpoints. Idempotent by name: if a coroutine of that name was started
    /// before (it runs, or it ended), nothing is started and the result is false, so a caller may
    /// retry a start safely.
    /// </summary>
    /// <exception cref="DurableRestoreException">The saved coroutines could not be restored: the grain runs nothing until that is resolved.</exception>
    /// <exception cref="DurableCheckpointException">The coroutine cannot be saved (a snapshot refuses it); it is not started.</exception>
    public async Task<bool> StartAsync(Coroutine coroutine, string name)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ThrowIfRestoreFailed();
        var state = _state.State;
        if (state.Live.Contains(name) || state.Outcomes.ContainsKey(name))
        {
            return false;
        }
        Scheduler.Spawn(coroutine.WithName(name).WithTag(RootTracker.RootTag));
        state.Live.Add(name);
        _dirty = true;
        // The start is durable before its first step runs: a grain deactivated while that step
        // waits for a task restores the coroutine and runs the step again.
        await CheckpointAsync(force: true);
        if (_checkpointError is { } error && state.Live.Contains(name))
        {
            coroutine.Cancel(); // it would not survive this activation: refuse it now, not at a crash
            state.Live.Remove(name);
            state.Outcomes.Remove(name);
            _dirty = false;
            throw new DurableCheckpointException(this.GetGrainId().ToString(), name, error);
        }
        await RunTurnAsync();
        return true;
    }

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _turns = TaskScheduler.Current;
        _time = _options.TimeProvider ?? ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
        _logger = ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(GetType()) ?? NullLogger.Instance;
        _snapshotOptions = new SnapshotOptions();
        // Coroutines reach other grains through the grain factory: saved by name, this silo's on restore.
        _snapshotOptions.Permanents.Add(GrainFactoryPermanent, GrainFactory);
        ConfigureSnapshots(_snapshotOptions);
        _clock = new GrainClock(RequestTurn);
        _snapshotOptions.Clock = _clock;

        var state = _state.State;
        if (state.Epoch == default)
        {
            state.Epoch = _time.GetUtcNow();
        }
        _scheduler = Restore(state) ?? new Scheduler(_clock);
        _scheduler.Observer = _tracker;
        _reminder = await this.GetReminder(ReminderName);
        await base.OnActivateAsync(cancellationToken);
        if (_restoreError is null)
        {
            await RunTurnAsync();
        }
    }

    /// <inheritdoc/>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating = true;
        if (_turn is { IsCompleted: false } turn)
        {
            // Its checkpoint write must not race the one below; its fault, if any, was logged.
            await turn.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Current);
        }
        _timer?.Dispose();
        _timer = null;
        _longSleepTimer?.Dispose();
        _longSleepTimer = null;
        if (_restoreError is null && _scheduler is not null)
        {
            var dueSoon = await LeaveReminderWhileLiveAsync();
            await CheckpointAsync(force: true);
            if (dueSoon)
            {
                WakeAfterDeactivation();
            }
        }
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    // The saved scheduler, or null if there is none or it cannot be restored (then the grain
    // reports why, and never overwrites the snapshot).
    private Scheduler? Restore(DurableCoroutineState state)
    {
        if (state.Snapshot is not { } snapshot)
        {
            return null;
        }
        _clock!.Reset(TimeSpan.FromTicks(state.ClockTicks));
        try
        {
            return Scheduler.Restore(snapshot, _snapshotOptions);
        }
        catch (SnapshotException exception)
        {
            _restoreError = exception.Message;
            _logger.LogError(exception, "Grain {GrainId} could not restore its coroutines; it runs nothing and keeps its saved snapshot. {Message}", this.GetGrainId(), exception.Message);
            return null;
        }
    }

    private void ThrowIfRestoreFailed()
    {
        if (_restoreError is not null)
        {
            throw new DurableRestoreException(this.GetGrainId().ToString(), _restoreError);
        }
    }
}
