using System;
using System.Collections.Generic;
using Coroutines.Snapshots;

namespace Coroutines;

// What a snapshot writes and rebuilds of a Yield.Scope: written with its parent's body (it is the
// parent's WaitingOn until the parent reads its outcome); each member names it among its
// listeners. Nothing here runs unless a scheduler is saved, restored or cloned.
internal sealed partial class Scope
{
    /// <summary>The coroutine that waits for the scope, or null for a scope run outside a coroutine.</summary>
    internal Coroutine? Parent => _parent;

    /// <summary>True if <paramref name="member"/> is a member.</summary>
    internal bool Holds(Coroutine member) => _members.Contains(member);

    internal void WriteSnapshot(SnapshotWriter writer)
    {
        writer.WriteValue(Body);
        writer.Buffer.VarUInt((ulong)_live);
        writer.Buffer.VarUInt((ulong)_members.Count);
        foreach (var member in _members)
        {
            writer.WriteValue(member);
        }
        writer.Buffer.VarUInt((ulong)(_faults?.Count ?? 0));
        foreach (var fault in _faults ?? new List<Exception>())
        {
            writer.WriteValue(fault);
        }
    }

    /// <summary>Reads what <see cref="WriteSnapshot"/> wrote, for <paramref name="parent"/>; its members get their scope back here.</summary>
    internal static Scope ReadSnapshot(SnapshotReader reader, Coroutine parent)
    {
        var body = reader.ReadValue<Coroutine>() ?? throw reader.Error("a scope has no body");
        var scope = new Scope(null!, parent, body) { _live = reader.Input.Count("a scope's live members", 0) };
        var members = reader.Input.Count("a scope's members");
        for (var i = 0; i < members; i++)
        {
            var member = reader.ReadValue<Coroutine>() ?? throw reader.Error("a scope's member is null");
            if (member == parent || member.Membership?.Scope is not null)
            {
                throw reader.Error("a coroutine is a member of two scopes, or of the scope it waits for (a cycle where none may be)");
            }
            member.EnsureMembership().Scope = scope;
            scope._members.Add(member);
        }
        var faults = reader.Input.Count("a scope's faults");
        for (var i = 0; i < faults; i++)
        {
            (scope._faults ??= new()).Add(reader.ReadValue<Exception>() ?? throw reader.Error("a scope's fault is null"));
        }
        if (scope._members.Count == 0 || scope._members[0] != body || scope._live > members)
        {
            throw reader.Error("a scope's body is not its first member, or more members are live than it has");
        }
        reader.AttachWith(scheduler => scope._scheduler = scheduler);
        reader.AddCheck(() => scope._live == scope._members.FindAll(static m => !m.IsFinished).Count, "a scope's count of live members does not match its members");
        return scope;
    }
}
