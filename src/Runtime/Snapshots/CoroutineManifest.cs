using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Coroutines.Snapshots;

/// <summary>
/// What a snapshot records about one saveable coroutine method, made by the generator: a stable
/// id for the method, its suspension points and fields, and the structure hash of both. The
/// registry of manifests (<see cref="SnapshotRegistry"/>) is the allow-list of what a snapshot
/// may instantiate.
/// </summary>
public sealed class CoroutineManifest
{
    private readonly Func<Coroutine> _create;

    /// <summary>Made by the generated code of a saveable state machine (a module initializer registers it).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public CoroutineManifest(Type stateMachineType, string methodId, ulong structureHash, string[] suspensionPoints, string[] fields, Func<Coroutine> create)
    {
        ArgumentNullException.ThrowIfNull(stateMachineType);
        ArgumentNullException.ThrowIfNull(methodId);
        ArgumentNullException.ThrowIfNull(suspensionPoints);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(create);
        StateMachineType = stateMachineType;
        MethodId = methodId;
        StructureHash = structureHash;
        SuspensionPoints = suspensionPoints;
        Fields = fields;
        _create = create;
    }

    /// <summary>The generated state-machine class.</summary>
    public Type StateMachineType { get; }

    /// <summary>The method's documentation-comment id, e.g. <c>M:Demo.Workers.Count(System.String)</c>.</summary>
    public string MethodId { get; }

    /// <summary>FNV-1a 64 of <see cref="SuspensionPoints"/> and <see cref="Fields"/> (<see cref="Hash"/>).</summary>
    public ulong StructureHash { get; }

    /// <summary>Each suspension point: <c>state: source text</c>.</summary>
    public IReadOnlyList<string> SuspensionPoints { get; }

    /// <summary>Each field the frame holds, in the order it is written: <c>name: type</c>.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>A new, empty state machine for restore to fill.</summary>
    internal Coroutine Create() => _create();

    /// <summary>The structure hash of suspension points and fields, as the generator computes it.</summary>
    public static ulong Hash(IEnumerable<string> suspensionPoints, IEnumerable<string> fields)
    {
        var hash = 14695981039346656037UL;
        void Add(string text)
        {
            foreach (var c in text)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }
            hash = (hash ^ '\n') * 1099511628211UL;
        }
        foreach (var point in suspensionPoints)
        {
            Add(point);
        }
        Add("--");
        foreach (var field in fields)
        {
            Add(field);
        }
        return hash;
    }
}
