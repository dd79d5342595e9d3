using System;
using System.Collections.Generic;

namespace Coroutines.Tracing;

/// <summary>What a coroutine is doing during a <see cref="TimelineInterval"/>.</summary>
public enum TimelineActivity
{
    /// <summary>Queued (spawned, woken or after <c>Sleep(0)</c>), waiting for its turn in a pass.</summary>
    Ready = 0,

    /// <summary>Its step is executing. Zero-length on a <see cref="VirtualClock"/>: a step takes no virtual time.</summary>
    Running,

    /// <summary>Suspended until its deadline.</summary>
    Sleeping,

    /// <summary>Finished (completed, faulted or cancelled): from its end to the end of the recording.</summary>
    Done,

    /// <summary>Waiting for another coroutine it called or awaits, or for a channel.</summary>
    Waiting,
}

/// <summary>One stretch of a coroutine's life: an activity from <see cref="Start"/> to <see cref="End"/>.</summary>
public readonly record struct TimelineInterval(TimelineActivity Activity, TimeSpan Start, TimeSpan End)
{
    /// <summary>How long the interval lasts (zero for a step on a virtual clock).</summary>
    public TimeSpan Duration => End - Start;
}

/// <summary>
/// Records a scheduler's run as a timeline: set it as the <see cref="Scheduler.Observer"/>, run,
/// then draw it with <see cref="TextTimeline"/> or <see cref="SvgTimeline"/>. One
/// <see cref="TimelineRow"/> per spawned coroutine, in spawn order; a coroutine it calls (a call
/// frame) is drawn on its row, as part of it.
/// </summary>
/// <example>
/// <code>
/// var recorder = new TimelineRecorder();
/// var scheduler = new Scheduler(new VirtualClock()) { Observer = recorder };
/// scheduler.Spawn(...);
/// scheduler.Run();
/// Console.WriteLine(TextTimeline.Render(recorder));
/// </code>
/// </example>
/// <remarks>Like every observer it is called on the loop's thread; read it after the run (or between passes).</remarks>
public sealed class TimelineRecorder : ISchedulerObserver
{
    private readonly List<TimelineRow> _rows = new();
    private readonly Dictionary<Coroutine, TimelineRow> _byCoroutine = new(ReferenceEqualityComparer.Instance);
    private bool _any;

    /// <summary>One row per coroutine, in the order they were spawned.</summary>
    public IReadOnlyList<TimelineRow> Rows => _rows;

    /// <summary>The time of the first event recorded (zero before any).</summary>
    public TimeSpan Start { get; private set; }

    /// <summary>The time of the last event recorded (zero before any): where the timeline ends.</summary>
    public TimeSpan End { get; private set; }

    void ISchedulerObserver.OnSpawned(Coroutine coroutine, TimeSpan time)
    {
        Touch(time);
        if (coroutine.Caller is { } caller)
        {
            // A call frame runs as part of its caller: its steps and sleeps go on the caller's row.
            _byCoroutine[coroutine] = RowFor(caller, time);
            return;
        }
        var row = AddRow(coroutine, time);
        row.Open(TimelineActivity.Ready, time);
    }

    void ISchedulerObserver.OnResumed(Coroutine coroutine, TimeSpan time)
    {
        Touch(time);
        var row = RowFor(coroutine, time);
        row.CloseOpen(time);
        row.Steps++;
        row.Open(TimelineActivity.Running, time);
    }

    void ISchedulerObserver.OnSuspended(Coroutine coroutine, Suspension suspension, TimeSpan time)
    {
        Touch(time);
        var row = RowFor(coroutine, time);
        row.CloseOpen(time);
        if (suspension.Kind == SuspensionKind.Sleep && suspension.Delay > TimeSpan.Zero)
        {
            var deadline = suspension.Delay > TimeSpan.MaxValue - time ? TimeSpan.MaxValue : time + suspension.Delay;
            row.Open(TimelineActivity.Sleeping, time, deadline);
        }
        else if (suspension.Kind is SuspensionKind.Call or SuspensionKind.Wait)
        {
            row.Open(TimelineActivity.Waiting, time);
        }
        else
        {
            row.Open(TimelineActivity.Ready, time); // Sleep(0): straight back to the ready queue
        }
    }

    void ISchedulerObserver.OnCompleted(Coroutine coroutine, TimeSpan time) => Finish(coroutine, CoroutineStatus.Completed, null, time);

    void ISchedulerObserver.OnFaulted(Coroutine coroutine, Exception exception, TimeSpan time) => Finish(coroutine, CoroutineStatus.Faulted, exception, time);

    void ISchedulerObserver.OnCanceled(Coroutine coroutine, TimeSpan time) => Finish(coroutine, CoroutineStatus.Canceled, null, time);

    private void Finish(Coroutine coroutine, CoroutineStatus outcome, Exception? exception, TimeSpan time)
    {
        Touch(time);
        var row = RowFor(coroutine, time);
        row.CloseOpen(time);
        if (coroutine.Caller is not null)
        {
            _byCoroutine.Remove(coroutine); // a call frame ended: its caller resumes on the same row
            return;
        }
        row.Outcome = outcome;
        row.Fault = exception;
        row.Finished = time;
    }

    // A coroutine first seen after the recorder was attached (spawned before): start its row now.
    private TimelineRow RowFor(Coroutine coroutine, TimeSpan time)
    {
        if (_byCoroutine.TryGetValue(coroutine, out var row))
        {
            return row;
        }
        return AddRow(coroutine, time);
    }

    private TimelineRow AddRow(Coroutine coroutine, TimeSpan time)
    {
        var name = coroutine.Name;
        var sameName = 0;
        foreach (var other in _rows)
        {
            if (other.Name == name)
            {
                sameName++;
            }
        }
        var row = new TimelineRow(this, coroutine, time, sameName == 0 ? name : $"{name}#{sameName + 1}");
        _rows.Add(row);
        _byCoroutine[coroutine] = row;
        return row;
    }

    private void Touch(TimeSpan time)
    {
        if (!_any)
        {
            _any = true;
            Start = time;
            End = time;
            return;
        }
        if (time < Start)
        {
            Start = time;
        }
        if (time > End)
        {
            End = time;
        }
    }
}

/// <summary>The recorded life of one coroutine.</summary>
public sealed class TimelineRow
{
    private readonly TimelineRecorder _recorder;
    private readonly List<TimelineInterval> _closed = new();
    private TimelineActivity? _openActivity;
    private TimeSpan _openStart;
    private TimeSpan _openDeadline;

    internal TimelineRow(TimelineRecorder recorder, Coroutine coroutine, TimeSpan spawned, string label)
    {
        _recorder = recorder;
        Coroutine = coroutine;
        Name = coroutine.Name;
        Label = label;
        Spawned = spawned;
    }

    /// <summary>The coroutine this row records.</summary>
    public Coroutine Coroutine { get; }

    /// <summary>Its name when it was spawned.</summary>
    public string Name { get; }

    /// <summary>What the timeline shows: <see cref="Name"/>, with "#2", "#3"... added when earlier rows have the same name.</summary>
    public string Label { get; }

    /// <summary>When it was spawned (or first seen).</summary>
    public TimeSpan Spawned { get; }

    /// <summary>How many steps it ran.</summary>
    public int Steps { get; internal set; }

    /// <summary>How it ended (<see cref="CoroutineStatus.Completed"/>, <see cref="CoroutineStatus.Faulted"/>, <see cref="CoroutineStatus.Canceled"/>), or null if it has not.</summary>
    public CoroutineStatus? Outcome { get; internal set; }

    /// <summary>When it ended, or null.</summary>
    public TimeSpan? Finished { get; internal set; }

    /// <summary>The exception that faulted it, as reported to the observer (reading it does not count as observing the fault).</summary>
    public Exception? Fault { get; internal set; }

    /// <summary>
    /// Its intervals in time order: ready, running and sleeping stretches (a running one may be
    /// zero-length; zero-length waits are left out), then, once finished, <see cref="TimelineActivity.Done"/>
    /// up to the recorder's <see cref="TimelineRecorder.End"/>. A stretch still open ends there too.
    /// </summary>
    public IReadOnlyList<TimelineInterval> Intervals
    {
        get
        {
            var end = _recorder.End;
            var list = new List<TimelineInterval>(_closed.Count + 2);
            list.AddRange(_closed);
            if (_openActivity is { } activity)
            {
                Add(list, activity, _openStart, activity == TimelineActivity.Sleeping && _openDeadline < end ? _openDeadline : end);
            }
            if (Finished is { } finished)
            {
                Add(list, TimelineActivity.Done, finished, end);
            }
            return list;
        }
    }

    internal void Open(TimelineActivity activity, TimeSpan start, TimeSpan deadline = default)
    {
        _openActivity = activity;
        _openStart = start;
        _openDeadline = deadline;
    }

    internal void CloseOpen(TimeSpan time)
    {
        if (_openActivity is not { } activity)
        {
            return;
        }
        _openActivity = null;
        if (activity == TimelineActivity.Sleeping && _openDeadline < time)
        {
            // Woken late (the loop was busy or the real clock overslept): asleep until the
            // deadline, then ready until its step began.
            Add(_closed, TimelineActivity.Sleeping, _openStart, _openDeadline);
            Add(_closed, TimelineActivity.Ready, _openDeadline, time);
            return;
        }
        Add(_closed, activity, _openStart, time);
    }

    private static void Add(List<TimelineInterval> list, TimelineActivity activity, TimeSpan start, TimeSpan end)
    {
        if (end < start)
        {
            end = start;
        }
        if (end == start && activity != TimelineActivity.Running)
        {
            return;
        }
        list.Add(new TimelineInterval(activity, start, end));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Label}: {Steps} steps, {(Outcome is { } o ? $"{o} at {Finished}" : "not finished")}";
}
