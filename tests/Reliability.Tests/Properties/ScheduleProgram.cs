using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;

namespace Coroutines.Reliability.Tests.Properties;

/// <summary>What one entity of a random schedule is.</summary>
public enum EntityKind
{
    /// <summary>A <c>CallLater(delay)</c> callback.</summary>
    Timer,

    /// <summary>A <c>CallSoon</c> callback.</summary>
    Soon,

    /// <summary>A callback handed over with <c>Post</c> (from the loop's own thread).</summary>
    Posted,

    /// <summary>A coroutine that follows a script of sleeps.</summary>
    Coroutine,
}

/// <summary>
/// One callback or coroutine of a random schedule. A coroutine runs <c>Sleeps.Length + 1</c>
/// steps: step k does the actions assigned to it, then sleeps <c>Sleeps[k]</c> ms (0: yields
/// through the ready queue), and its last step ends it (or throws, if <see cref="Throws"/>).
/// A callback does its actions, then throws if <see cref="Throws"/>.
/// </summary>
public sealed record Entity(int Id, EntityKind Kind, int DelayMs, int[] Sleeps, bool Throws, bool ObservesCancellation)
{
    public int Steps => Kind == EntityKind.Coroutine ? Sleeps.Length + 1 : 1;

    public string Label => Kind switch
    {
        EntityKind.Timer => $"T{Id}",
        EntityKind.Soon => $"S{Id}",
        EntityKind.Posted => $"P{Id}",
        _ => $"C{Id}",
    };

    public override string ToString() => Kind switch
    {
        EntityKind.Timer => $"{Label} = CallLater({DelayMs} ms){(Throws ? ", throws" : "")}",
        EntityKind.Soon => $"{Label} = CallSoon{(Throws ? ", throws" : "")}",
        EntityKind.Posted => $"{Label} = Post{(Throws ? ", throws" : "")}",
        _ => $"{Label} = coroutine sleeping [{string.Join(", ", Sleeps)}] ms then {(Throws ? "throws" : "completes")}{(ObservesCancellation ? ", observes cancellation" : "")}",
    };
}

/// <summary>Create (schedule, spawn or post) an entity, or cancel one.</summary>
public sealed record ScheduleAction(bool Cancel, int Target)
{
    public override string ToString() => (Cancel ? "cancel #" : "create #") + Target;
}

/// <summary>
/// A random schedule: entities, and for the host (<c>Owner = -1</c>) and each step of each
/// entity, the actions it takes. Every entity is created exactly once, by the host or by an
/// earlier entity; cancellations may target anything (an entity not created yet: no-op).
/// </summary>
public sealed class ScheduleProgram
{
    private readonly Dictionary<(int Owner, int Step), List<ScheduleAction>> _actions;

    public ScheduleProgram(IReadOnlyList<Entity> entities, Dictionary<(int Owner, int Step), List<ScheduleAction>> actions, int[] advances)
    {
        Entities = entities;
        _actions = actions;
        Advances = advances;
    }

    public IReadOnlyList<Entity> Entities { get; }

    /// <summary>For runs driven by <c>RunDue</c>: how far the host advances the clock between passes (cycled).</summary>
    public int[] Advances { get; }

    public IReadOnlyList<ScheduleAction> ActionsOf(int owner, int step) =>
        _actions.TryGetValue((owner, step), out var list) ? list : [];

    public override string ToString()
    {
        var b = new StringBuilder();
        foreach (var entity in Entities)
        {
            b.AppendLine($"  #{entity.Id} {entity}");
        }
        foreach (var ((owner, step), actions) in _actions.OrderBy(static a => a.Key.Owner).ThenBy(static a => a.Key.Step))
        {
            var who = owner < 0 ? "host (before Run)" : $"#{owner} {Entities[owner].Label} step {step}";
            b.AppendLine($"  {who}: {string.Join(", ", actions)}");
        }
        if (Advances.Length > 0)
        {
            b.AppendLine($"  host advances (RunDue runs): [{string.Join(", ", Advances)}] ms");
        }
        return b.ToString();
    }

    // ------------------------------------------------------------------ generation

    private static readonly Gen<int> s_delay = Gen.Frequency((3, Gen.Int[0, 3]), (2, Gen.Int[0, 40]), (1, Gen.Int[0, 1000]));

    private static readonly Gen<(EntityKind Kind, int Delay, int[] Sleeps, bool Throws, bool Observes, int Creator, int CreatorStep, int Order)> s_entity =
        Gen.Select(
            Gen.Int[0, 11].Select(static k => k switch { < 4 => EntityKind.Timer, < 6 => EntityKind.Soon, < 7 => EntityKind.Posted, _ => EntityKind.Coroutine }),
            s_delay,
            s_delay.Array[0, 5],
            Gen.Int[0, 9].Select(static t => t == 0),
            Gen.Bool,
            Gen.Int[0, 1000],
            Gen.Int[0, 1000],
            Gen.Int[0, 3]);

    private static readonly Gen<(int Target, int Owner, int OwnerStep, int Order)> s_cancel =
        Gen.Select(Gen.Int[0, 1000], Gen.Int[0, 1000], Gen.Int[0, 1000], Gen.Int[0, 3]);

    /// <summary>Random schedules of up to <paramref name="maxEntities"/> entities (shrinking toward fewer, simpler ones).</summary>
    public static Gen<ScheduleProgram> Generator(int maxEntities = 24, int maxCancels = 12) =>
        Gen.Select(s_entity.Array[1, maxEntities], s_cancel.Array[0, maxCancels], Gen.Int[0, 7].Array[1, 4], Build);

    private static ScheduleProgram Build(
        (EntityKind Kind, int Delay, int[] Sleeps, bool Throws, bool Observes, int Creator, int CreatorStep, int Order)[] raw,
        (int Target, int Owner, int OwnerStep, int Order)[] cancels,
        int[] advances)
    {
        var entities = raw.Select((r, i) => new Entity(
            i,
            r.Kind,
            r.Delay,
            r.Kind == EntityKind.Coroutine ? r.Sleeps : [],
            r.Throws,
            r.Kind == EntityKind.Coroutine && r.Observes)).ToList();
        var keyed = new List<(int Owner, int Step, int Order, int Seq, ScheduleAction Action)>();
        for (var i = 0; i < raw.Length; i++)
        {
            // Created by the host or by an earlier entity: every entity is created at most once.
            var owner = (raw[i].Creator % (i + 1)) - 1;
            var step = owner < 0 ? 0 : raw[i].CreatorStep % entities[owner].Steps;
            keyed.Add((owner, step, raw[i].Order, keyed.Count, new ScheduleAction(false, i)));
        }
        foreach (var c in cancels)
        {
            var owner = (c.Owner % (entities.Count + 1)) - 1;
            var step = owner < 0 ? 0 : c.OwnerStep % entities[owner].Steps;
            keyed.Add((owner, step, c.Order, keyed.Count, new ScheduleAction(true, c.Target % entities.Count)));
        }
        var actions = keyed
            .GroupBy(static k => (k.Owner, k.Step))
            .ToDictionary(static g => g.Key, static g => g.OrderBy(static k => k.Order).ThenBy(static k => k.Seq).Select(static k => k.Action).ToList());
        return new ScheduleProgram(entities, actions, advances.Select(static a => a == 0 ? 1 : a * 5).ToArray());
    }
}
