using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coroutines.Snapshots;

/// <summary>
/// What saving and restoring need from outside the scheduler: the serializer of user types, the
/// outside objects saved by name, the factories of rebuilt values, named callbacks, migrations and limits.
/// Save and restore each take one; give both the same names.
/// </summary>
public sealed class SnapshotOptions
{
    /// <summary>
    /// Outside objects saved by name, not by value: a field that holds (by reference) one of these
    /// is written as its name and restored as the object registered under that name here.
    /// </summary>
    public Dictionary<string, object> Permanents { get; } = new(StringComparer.Ordinal);

    /// <summary>The factories of <see cref="Rebuilt{T}"/> values, by name, called on restore.</summary>
    public Dictionary<string, Func<object?>> Rebuilders { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// <c>CallSoon</c>/<c>CallLater</c> callbacks that may be saved: a queued callback that is one
    /// of these (the same delegate) is saved by its name; any other makes <c>Save</c> refuse.
    /// </summary>
    public Dictionary<string, Action> Callbacks { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Migrations by method id (<see cref="CoroutineManifest.MethodId"/>): restore runs the one of a
    /// coroutine whose structure hash differs from the running code's, instead of refusing.
    /// </summary>
    public Dictionary<string, Action<SavedFrame>> Migrations { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// How exceptions held by coroutines (a fault, a caught exception in a field) are rebuilt, by
    /// the full name of their type: a factory from the message, the state <see cref="ExceptionStates"/>
    /// saved (or null) and the inner exception. Common exception types of the base library are
    /// known already; others come back as <see cref="RestoredException"/>. Stack traces are not kept.
    /// </summary>
    public Dictionary<string, Func<string, string?, Exception?, Exception>> Exceptions { get; } = new(StringComparer.Ordinal);

    /// <summary>What to save of an exception of a type besides its message (an error code), by the type's full name.</summary>
    public Dictionary<string, Func<Exception, string?>> ExceptionStates { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The serializer of values of user types (anything not built in: see docs/snapshots.md). By
    /// default System.Text.Json with <see cref="Json"/>.
    /// </summary>
    public ISnapshotSerializer? Serializer { get; set; }

    /// <summary>
    /// The JSON options (with a source-generated <see cref="JsonSerializerContext"/> as their
    /// <c>TypeInfoResolver</c>) the default serializer uses for user types. Shortcut:
    /// <see cref="UseJson(JsonSerializerContext)"/>.
    /// </summary>
    public JsonSerializerOptions? Json { get; set; }

    /// <summary>Uses <paramref name="context"/>, a source-generated JSON context, for user types.</summary>
    public SnapshotOptions UseJson(JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Json = context.Options;
        return this;
    }

    /// <summary>The clock of a restored scheduler; by default a <see cref="VirtualClock"/> at the saved time if the saved one was virtual, else a <see cref="SystemClock"/>.</summary>
    public IClock? Clock { get; set; }

    /// <summary>The largest input restore reads (256 MiB by default).</summary>
    public int MaxBytes { get; set; } = 256 * 1024 * 1024;

    internal ISnapshotSerializer EffectiveSerializer => Serializer ??= new JsonSnapshotSerializer(Json);
}
