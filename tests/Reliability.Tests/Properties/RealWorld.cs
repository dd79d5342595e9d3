using System;
using System.Collections.Generic;
using System.Linq;
using Coroutines.Reliability.Tests.Support;

namespace Coroutines.Reliability.Tests.Properties;

/// <summary>
/// Runs a <see cref="ScheduleProgram"/> on a real <see cref="Scheduler"/> over a
/// <see cref="VirtualClock"/>, with hand-written coroutines, and writes the same log as
/// <see cref="ReferenceModel"/>. While it runs it also records what the invariants need: when
/// each entity was created and cancelled, and the sleeping queue's size against the live work.
/// </summary>
internal sealed class RealWorld
{
    private readonly ScheduleProgram _program;
    private readonly VirtualClock _clock = new();
    private readonly TimerHandle?[] _handles;
    private readonly ScriptedCoroutine?[] _coroutines;

    public RealWorld(ScheduleProgram program, bool observe)
    {
        _program = program;
        Scheduler = new Scheduler(_clock);
        _handles = new TimerHandle?[program.Entities.Count];
        _coroutines = new ScriptedCoroutine?[program.Entities.Count];
        CreatedAt = new long?[program.Entities.Count];
        CancelledAt = new int?[program.Entities.Count];
        if (observe)
        {
            Scheduler.Observer = new EndingObserver(this);
        }
        Scheduler.UnobservedFault += (_, e) =>
            Add(e.Coroutine is null
                ? $"unobserved fault in callback {e.Exception.Message}"
                : $"unobserved fault in coroutine {e.Coroutine.Name}");
    }

    public Scheduler Scheduler { get; }

    public List<string> Log { get; } = new();

    /// <summary>Clock time (ms) at which each entity was created.</summary>
    public long?[] CreatedAt { get; }

    /// <summary>Log position of the first cancel that reached an entity not running and not finished (a callback that had not run).</summary>
    public int?[] CancelledAt { get; }

    /// <summary>The largest excess of sleeping-queue entries over twice the live work seen at any event.</summary>
    public int WorstTimerExcess { get; private set; } = int.MinValue;

    public List<int> PassCounts { get; } = new();

    public IReadOnlyDictionary<int, CoroutineStatus> FinalStatuses =>
        _coroutines.Select((c, i) => (c, i)).Where(static x => x.c is not null).ToDictionary(static x => x.i, static x => x.c!.Status);

    public int TimerEntryCount => Scheduler.TimerEntryCount();

    public void Run()
    {
        Perform(-1, 0);
        Scheduler.Run();
        Scheduler.ReportUnobservedFaults(); // where the model reports them: when the run returns
    }

    public void RunDueHost(int passes)
    {
        Perform(-1, 0);
        for (var i = 0; i < passes; i++)
        {
            PassCounts.Add(Scheduler.RunDue());
            Scheduler.ReportUnobservedFaults();
            _clock.Advance(TimeSpan.FromMilliseconds(_program.Advances[i % _program.Advances.Length]));
        }
    }

    private long NowMs => (long)Scheduler.Now.TotalMilliseconds;

    private void Add(string text)
    {
        Log.Add($"t={Scheduler.Now.Ticks / TimeSpan.TicksPerMillisecond} {text}");
        CheckReclamation();
    }

    /// <summary>
    /// Live work in the sleeping queue is at most: timers created and neither run nor cancelled,
    /// plus sleeping coroutines. Stale entries (cancelled ones) must not exceed that by more than a
    /// constant: lazy deletion is fine, piling up is not.
    /// </summary>
    private void CheckReclamation()
    {
        var live = _handles.Count(static h => h is { IsCanceled: false, HasRun: false })
                 + _coroutines.Count(static c => c is { Status: CoroutineStatus.Sleeping });
        WorstTimerExcess = Math.Max(WorstTimerExcess, TimerEntryCount - (2 * live));
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
        CreatedAt[entity.Id] = NowMs;
        switch (entity.Kind)
        {
            case EntityKind.Timer:
                _handles[entity.Id] = Scheduler.CallLater(entity.DelayMs, () => RunCallback(entity));
                break;
            case EntityKind.Soon:
                Scheduler.CallSoon(() => RunCallback(entity));
                break;
            case EntityKind.Posted:
                Scheduler.Post(() => RunCallback(entity));
                break;
            default:
                _coroutines[entity.Id] = Scheduler.Spawn(new ScriptedCoroutine(this, entity));
                break;
        }
        CheckReclamation();
    }

    private void Cancel(Entity entity)
    {
        if (_handles[entity.Id] is { } handle)
        {
            if (!handle.HasRun && !handle.IsCanceled)
            {
                CancelledAt[entity.Id] ??= Log.Count;
            }
            handle.Cancel();
        }
        else if (_coroutines[entity.Id] is { } coroutine)
        {
            if (!coroutine.IsFinished && coroutine.Status != CoroutineStatus.Running)
            {
                CancelledAt[entity.Id] ??= Log.Count;
            }
            coroutine.Cancel();
        }
        CheckReclamation();
    }

    private void RunCallback(Entity entity)
    {
        Add($"{entity.Label} ran");
        Perform(entity.Id, 0);
        if (entity.Throws)
        {
            throw new InvalidOperationException(entity.Label);
        }
    }

    /// <summary>A hand-written state machine that follows the entity's script of sleeps.</summary>
    private sealed class ScriptedCoroutine : Coroutine
    {
        private readonly RealWorld _world;
        private readonly Entity _entity;
        private int _step;

        public ScriptedCoroutine(RealWorld world, Entity entity)
        {
            _world = world;
            _entity = entity;
            Name = entity.Label;
        }

        protected override bool ObservesCancellation => _entity.ObservesCancellation;

        protected override Suspension Step()
        {
            if (_step > 0)
            {
                ThrowPending(); // where a generated state machine resumes: a delivered cancellation surfaces here
            }
            var step = _step++;
            _world.Add($"{_entity.Label} step {step}");
            _world.Perform(_entity.Id, step);
            if (step < _entity.Sleeps.Length)
            {
                return Suspension.Sleep(_entity.Sleeps[step]);
            }
            if (_entity.Throws)
            {
                throw new InvalidOperationException($"{_entity.Label} faulted");
            }
            return Suspension.Done;
        }
    }

    private sealed class EndingObserver(RealWorld world) : ISchedulerObserver
    {
        public void OnCompleted(Coroutine coroutine, TimeSpan time) => world.Add($"{coroutine.Name} completed");

        public void OnFaulted(Coroutine coroutine, Exception exception, TimeSpan time) => world.Add($"{coroutine.Name} faulted");

        public void OnCanceled(Coroutine coroutine, TimeSpan time) => world.Add($"{coroutine.Name} canceled");
    }
}
