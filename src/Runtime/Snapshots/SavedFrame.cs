using System;
using System.Collections.Generic;

namespace Coroutines.Snapshots;

/// <summary>
/// A coroutine's frame as an older version of its code saved it, handed to a migration
/// (<see cref="SnapshotOptions.Migrations"/>): change its state and fields into what the running
/// code's state machine has, and restore reads them by name.
/// </summary>
public sealed class SavedFrame
{
    private readonly Dictionary<string, object?> _fields = new(StringComparer.Ordinal);

    internal SavedFrame(string methodId, int state, IReadOnlyList<string> suspensionPoints, IReadOnlyList<string> fields)
    {
        MethodId = methodId;
        State = state;
        SavedSuspensionPoints = suspensionPoints;
        SavedFields = fields;
    }

    /// <summary>The method's id.</summary>
    public string MethodId { get; }

    /// <summary>The suspension point it is suspended at (0: not started): set it to the running code's number.</summary>
    public int State { get; set; }

    /// <summary>The suspension points of the code that saved it (<c>state: text</c>).</summary>
    public IReadOnlyList<string> SavedSuspensionPoints { get; }

    /// <summary>The fields of the code that saved it (<c>name: type</c>).</summary>
    public IReadOnlyList<string> SavedFields { get; }

    /// <summary>The names of the fields it holds now.</summary>
    public IEnumerable<string> Names => _fields.Keys;

    /// <summary>True if it holds field <paramref name="name"/>.</summary>
    public bool Has(string name) => _fields.ContainsKey(name);

    /// <summary>
    /// A field's saved value, as read without its type: integers as <see cref="long"/> or
    /// <see cref="ulong"/>, lists and arrays as <c>List&lt;object?&gt;</c>, coroutines and outside
    /// objects as themselves.
    /// </summary>
    /// <exception cref="KeyNotFoundException">It holds no such field.</exception>
    public object? Get(string name) => _fields[name];

    /// <summary>Sets (or adds) a field's value.</summary>
    public void Set<T>(string name, T value) => _fields[name] = value;

    /// <summary>Drops a field the running code no longer has.</summary>
    public void Remove(string name) => _fields.Remove(name);

    /// <summary>Renames a field.</summary>
    /// <exception cref="KeyNotFoundException">It holds no field <paramref name="from"/>.</exception>
    public void Rename(string from, string to)
    {
        var value = _fields[from];
        _fields.Remove(from);
        _fields[to] = value;
    }

    internal bool TryTake(string name, out object? value) => _fields.TryGetValue(name, out value);

    internal void Add(string name, object? value) => _fields[name] = value;

    /// <summary>A user-type value still in the serializer's bytes: it becomes the field's type when restore reads it.</summary>
    internal sealed record SerializedBytes(byte[] Bytes);

    /// <summary>The default value of a struct the snapshot does not otherwise know.</summary>
    internal sealed class DefaultValue
    {
        public static readonly DefaultValue Instance = new();
    }

    /// <summary>A <see cref="Rebuilt{T}"/>'s name.</summary>
    internal sealed record RebuiltName(string Name);
}
