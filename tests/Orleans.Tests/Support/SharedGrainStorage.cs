using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Coroutines.Orleans.Tests.Support;

/// <summary>
/// Memory grain storage shared by every silo of the process. Orleans' own memory storage keeps
/// its data in grains of the silos, so stopping a silo may lose it; this one outlives any silo,
/// as a real database does, which is what a test of a stopped silo needs. States are kept as
/// serialized bytes with an ETag, so a grain never shares an object with the store.
/// </summary>
public sealed class SharedGrainStorage : IGrainStorage
{
    public const string Name = "durable";

    private static readonly ConcurrentDictionary<string, (byte[] Bytes, string ETag)> Store = new();
    private static int s_etag;
    private readonly Serializer _serializer;

    public SharedGrainStorage(Serializer serializer) => _serializer = serializer;

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";

    /// <summary>The stored state of a grain, or default: read without activating it.</summary>
    public static T? Peek<T>(Serializer serializer, string stateName, GrainId grainId) =>
        Store.TryGetValue(Key(stateName, grainId), out var entry) ? serializer.Deserialize<T>(entry.Bytes) : default;

    /// <summary>Replaces a grain's stored state behind its back (for the tests of refused restores).</summary>
    public static void Poke<T>(Serializer serializer, string stateName, GrainId grainId, T state) =>
        Store[Key(stateName, grainId)] = (serializer.SerializeToArray(state), Interlocked.Increment(ref s_etag).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Store.TryGetValue(Key(stateName, grainId), out var entry))
        {
            grainState.State = _serializer.Deserialize<T>(entry.Bytes);
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var etag = Interlocked.Increment(ref s_etag).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bytes = _serializer.SerializeToArray(grainState.State);
        lock (Store)
        {
            var stored = Store.TryGetValue(key, out var entry) ? entry.ETag : null;
            if (stored != grainState.ETag)
            {
                throw new InconsistentStateException($"ETag mismatch writing {key}: stored {stored}, grain has {grainState.ETag}.", stored, grainState.ETag);
            }
            Store[key] = (bytes, etag);
        }
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Store.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
