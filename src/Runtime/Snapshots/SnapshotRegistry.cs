using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Coroutines.Snapshots;

/// <summary>
/// The manifests of every saveable coroutine loaded in the process, filled by generated module
/// initializers. It is the allow-list of restore: a method id read from a snapshot is looked up
/// here, and nothing else is ever instantiated from a name.
/// </summary>
public static class SnapshotRegistry
{
    private static readonly object s_gate = new();
    private static readonly Dictionary<string, CoroutineManifest> s_byId = new(StringComparer.Ordinal);
    private static readonly Dictionary<Type, CoroutineManifest> s_byType = new();

    /// <summary>Registers a generated manifest (a module initializer calls it).</summary>
    /// <exception cref="InvalidOperationException">Another state machine registered the same method id.</exception>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register(CoroutineManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        lock (s_gate)
        {
            // The same assembly loaded again (another AssemblyLoadContext, a plugin reloaded): the
            // latest registration wins. Two different assemblies with one id would be ambiguous.
            if (s_byId.TryGetValue(manifest.MethodId, out var existing) && existing.StateMachineType != manifest.StateMachineType &&
                existing.StateMachineType.Assembly.FullName != manifest.StateMachineType.Assembly.FullName)
            {
                throw new InvalidOperationException(
                    $"Two saveable coroutines have the id '{manifest.MethodId}' ({existing.StateMachineType.Assembly.GetName().Name} and {manifest.StateMachineType.Assembly.GetName().Name}): a snapshot could not tell them apart.");
            }
            s_byId[manifest.MethodId] = manifest;
            s_byType[manifest.StateMachineType] = manifest;
        }
    }

    /// <summary>The manifest of a method id read from a snapshot, or null if no loaded code has it.</summary>
    public static CoroutineManifest? Find(string methodId)
    {
        lock (s_gate)
        {
            return s_byId.GetValueOrDefault(methodId);
        }
    }

    /// <summary>The manifest of a state machine's type, or null if it is not saveable.</summary>
    public static CoroutineManifest? Find(Type stateMachineType)
    {
        lock (s_gate)
        {
            return s_byType.GetValueOrDefault(stateMachineType);
        }
    }
}
