using System;
using System.Collections.Generic;
using System.Linq;

namespace Coroutines.Reliability.Tests.Properties;

/// <summary>
/// A tiny, obviously-correct scheduler to compare the real one with: a list of timers kept sorted
/// by (deadline, sequence) with eager deletion, a FIFO ready list, and asyncio's <c>_run_once</c>
/// pass rule (each pass drains posts, waits for the earliest timer if nothing is ready, moves every
/// due timer to the ready list, then runs only what was ready when the pass began). It runs the
/// same <see cref="ScheduleProgram"/> and writes the log the real run must reproduce exactly.
/// </summary>
internal sealed class ReferenceModel
{
    private enum CallbackState { Pending, Queued, Ran, Cancelled }

    private sealed class Slot
    {
        public bool Created;
        public CallbackState Callback;
        public CoroutineStatus Status;
        public int Step;
        public bool Started;
        public bool Pending;          // a delivered cancellation waits at its resume point
        public bool CancelWhileRunning;
        public int Ticket;            // the one live ready-list entry of a coroutine
    }

    private readonly ScheduleProgram _program;
    private readonly bool _logEndings;
    private readonly Slot[] _slots;
    private readonly List<(long Deadline, long Sequence, int Id)> _timers = new();
    private readonly Queue<(int Id, int Ticket)> _ready = new();
    private readonly List<int> _posted = new();
    private readonly List<int> _faultedThisRun = new();
    private long _now;
    private long _sequence;

    public ReferenceModel(ScheduleProgram program, bool logEndings)
    {
        _program = program;
        _logEndings = logEndings;
        _slots = program.Entities.Select(static _ => new Slot()).ToArray();
    }

    public List<string> Log { get; } = new();

    /// <summary>How often each interesting case happened across all models: a run that never reaches one proves nothing about it.</summary>
    public static System.Collections.Concurrent.ConcurrentDictionary<string, int> Coverage { get; } = new();

    private static void Hit(string @case) => Coverage.AddOrUpdate(@case, 1, static (_, n) => n + 1);

    /// <summary>Items each <see cref="RunDueHost"/> pass ran.</summary>
    public List<int> PassCounts { get; } = new();

    public IReadOnlyDictionary<int, CoroutineStatus> FinalStatuses =>
        _program.Entities.Where(e => e.Kind == EntityKind.Coroutine && _slots[e.Id].Created).ToDictionary(static e => e.Id, e => _slots[e.Id].Status);

    private bool HasWork => _ready.Count > 0 || _timers.Count > 0 || _posted.Count > 0;

    /// <summary>The host's actions, then <c>Run()</c>.</summary>
    public void Run()
    {
        Perform(-1, 0);
        while (HasWork)
        {
            Pass(mayWait: true);
        }
        ReportFaults();
    }

    /// <summary>The host's actions, then passes of <c>RunDue()</c>, advancing the clock between them, until no work is left.</summary>
    /// <returns>The number of passes.</returns>
    public int RunDueHost()
    {
        Perform(-1, 0);
        var passes = 0;
        while (HasWork)
        {
            PassCounts.Add(Pass(mayWait: false));
            ReportFaults();
            _now += _program.Advances[passes % _program.Advances.Length] * TimeSpan.TicksPerMillisecond;
            if (++passes > 100_000)
            {
                throw new InvalidOperationException("The model did not finish: the program loops.");
            }
        }
        return passes;
    }

    private int Pass(bool mayWait)
    {
        foreach (var id in _posted)
        {
            _ready.Enqueue((id, 0));
        }
        _posted.Clear();
        if (_ready.Count == 0 && mayWait && _timers.Count > 0 && _timers[0].Deadline > _now)
        {
            _now = _timers[0].Deadline; // a virtual wait jumps to the earliest deadline
        }
        while (_timers.Count > 0 && _timers[0].Deadline <= _now)
        {
            var id = _timers[0].Id;
            _timers.RemoveAt(0);
            if (_program.Entities[id].Kind == EntityKind.Coroutine)
            {
                MakeReady(id);
            }
            else
            {
                _slots[id].Callback = CallbackState.Queued;
                _ready.Enqueue((id, 0));
            }
        }
        var count = _ready.Count;
        for (var i = 0; i < count; i++)
        {
            var (id, ticket) = _ready.Dequeue();
            if (_program.Entities[id].Kind == EntityKind.Coroutine)
            {
                if (_slots[id].Ticket == ticket && _slots[id].Status == CoroutineStatus.Ready)
                {
                    StepCoroutine(id);
                }
            }
            else if (_slots[id].Callback != CallbackState.Cancelled)
            {
                RunCallback(id);
            }
        }
        if (_ready.Count > 0)
        {
            Hit("work queued during a pass waits for the next pass");
        }
        return count;
    }

    private void RunCallback(int id)
    {
        var entity = _program.Entities[id];
        _slots[id].Callback = CallbackState.Ran;
        Add($"{entity.Label} ran");
        Perform(id, 0);
        if (entity.Throws)
        {
            Add($"unobserved fault in callback {entity.Label}");
            Hit("callback faulted");
        }
    }

    private void StepCoroutine(int id)
    {
        var entity = _program.Entities[id];
        var slot = _slots[id];
        slot.Status = CoroutineStatus.Running;
        slot.Started = true;
        if (slot.Pending)
        {
            // The delivered OperationCanceledException leaves the body at its resume point.
            slot.Pending = false;
            End(id, CoroutineStatus.Canceled);
            Hit("cancellation delivered at a resume point");
            return;
        }
        var step = slot.Step++;
        Add($"{entity.Label} step {step}");
        Perform(id, step);
        if (step == entity.Sleeps.Length)
        {
            if (entity.Throws)
            {
                _faultedThisRun.Add(id);
                Hit("coroutine faulted");
                End(id, CoroutineStatus.Faulted);
            }
            else
            {
                End(id, CoroutineStatus.Completed);
            }
            return;
        }
        if (slot.CancelWhileRunning)
        {
            slot.CancelWhileRunning = false;
            CancelSuspended(id);
            return;
        }
        var sleep = entity.Sleeps[step];
        if (sleep == 0)
        {
            MakeReady(id);
            Hit("coroutine yielded (Sleep(0))");
            return;
        }
        slot.Status = CoroutineStatus.Sleeping;
        Insert(_now + (sleep * TimeSpan.TicksPerMillisecond), id);
    }

    private void Perform(int owner, int step)
    {
        foreach (var action in _program.ActionsOf(owner, step))
        {
            var target = _program.Entities[action.Target];
            if (action.Cancel)
            {
                Cancel(target);
            }
            else
            {
                Create(target);
            }
        }
    }

    private void Create(Entity entity)
    {
        var slot = _slots[entity.Id];
        slot.Created = true;
        switch (entity.Kind)
        {
            case EntityKind.Timer:
                slot.Callback = CallbackState.Pending;
                Insert(_now + (entity.DelayMs * TimeSpan.TicksPerMillisecond), entity.Id);
                break;
            case EntityKind.Soon:
                slot.Callback = CallbackState.Queued;
                _ready.Enqueue((entity.Id, 0));
                break;
            case EntityKind.Posted:
                slot.Callback = CallbackState.Queued;
                _posted.Add(entity.Id);
                break;
            default:
                MakeReady(entity.Id);
                break;
        }
    }

    private void Cancel(Entity entity)
    {
        var slot = _slots[entity.Id];
        if (!slot.Created)
        {
            return;
        }
        switch (entity.Kind)
        {
            case EntityKind.Timer:
                if (slot.Callback == CallbackState.Pending)
                {
                    _timers.RemoveAll(t => t.Id == entity.Id);
                    slot.Callback = CallbackState.Cancelled;
                    Hit("timer cancelled while pending");
                }
                else if (slot.Callback == CallbackState.Queued)
                {
                    slot.Callback = CallbackState.Cancelled;
                    Hit("timer cancelled when due, before it ran in the same pass");
                }
                else
                {
                    Hit("timer cancelled after it ran");
                }
                break;
            case EntityKind.Coroutine:
                switch (slot.Status)
                {
                    case >= CoroutineStatus.Completed:
                        Hit("finished coroutine cancelled");
                        break;
                    case CoroutineStatus.Running:
                        slot.CancelWhileRunning = true;
                        Hit("coroutine cancelled itself while running");
                        break;
                    case CoroutineStatus.Ready:
                        if (entity.ObservesCancellation && slot.Started)
                        {
                            slot.Pending = true; // keeps its place in the ready list
                            Hit("observing coroutine cancelled while ready");
                        }
                        else
                        {
                            End(entity.Id, CoroutineStatus.Canceled);
                            Hit(slot.Started ? "coroutine cancelled while ready" : "coroutine cancelled before its first step");
                        }
                        break;
                    case CoroutineStatus.Sleeping:
                        Hit(entity.ObservesCancellation ? "observing coroutine cancelled while sleeping" : "coroutine cancelled while sleeping");
                        _timers.RemoveAll(t => t.Id == entity.Id);
                        CancelSuspended(entity.Id);
                        break;
                }
                break;
        }
    }

    private void CancelSuspended(int id)
    {
        if (_program.Entities[id].ObservesCancellation && _slots[id].Started)
        {
            _slots[id].Pending = true;
            MakeReady(id);
        }
        else
        {
            End(id, CoroutineStatus.Canceled);
        }
    }

    private void MakeReady(int id)
    {
        var slot = _slots[id];
        slot.Status = CoroutineStatus.Ready;
        slot.Ticket++;
        _ready.Enqueue((id, slot.Ticket));
    }

    private void End(int id, CoroutineStatus status)
    {
        _slots[id].Status = status;
        _slots[id].Ticket = -1;
        if (_logEndings)
        {
            Add($"{_program.Entities[id].Label} {status.ToString().ToLowerInvariant()}");
        }
    }

    private void Insert(long deadline, int id)
    {
        var entry = (deadline, ++_sequence, id);
        var at = _timers.FindIndex(t => t.Deadline > deadline); // after every entry due at the same time: FIFO ties
        if (_timers.Any(t => t.Deadline == deadline))
        {
            Hit("deadline tie");
        }
        _timers.Insert(at < 0 ? _timers.Count : at, entry);
    }

    private void ReportFaults()
    {
        foreach (var id in _faultedThisRun)
        {
            Add($"unobserved fault in coroutine {_program.Entities[id].Label}");
        }
        _faultedThisRun.Clear();
    }

    private void Add(string text) => Log.Add($"t={_now / TimeSpan.TicksPerMillisecond} {text}");
}
