using System;

namespace Coroutines.Snapshots;

/// <summary>
/// <see cref="Lock"/>, <see cref="Semaphore"/> and <see cref="Event"/> in fields: each written
/// once (later occurrences are references) with its state and its line of waiting coroutines; a
/// <c>Releaser</c> (of <c>using var held = gate.Acquire()</c>) as the lock or semaphore it releases.
/// </summary>
internal static class SynchronizationCodecs
{
    public static object? For(Type type) =>
        type == typeof(Lock) ? new PrimitiveCodec<Lock>(ValueTag.Lock, static (w, v) => v.WriteSnapshot(w), Lock.ReadSnapshot)
        : type == typeof(Semaphore) ? new PrimitiveCodec<Semaphore>(ValueTag.Semaphore, static (w, v) => v.WriteSnapshot(w), Semaphore.ReadSnapshot)
        : type == typeof(Event) ? new PrimitiveCodec<Event>(ValueTag.Event, static (w, v) => v.WriteSnapshot(w), Event.ReadSnapshot)
        : type == typeof(Lock.Releaser) ? new ReleaserCodec<Lock.Releaser, Lock>(static r => r.Gate, static g => new Lock.Releaser(g))
        : type == typeof(Semaphore.Releaser) ? new ReleaserCodec<Semaphore.Releaser, Semaphore>(static r => r.Semaphore, static s => new Semaphore.Releaser(s))
        : null;

    private sealed class PrimitiveCodec<T>(ValueTag tag, Action<SnapshotWriter, T> write, Func<SnapshotReader, T> read) : ValueCodec<T>
        where T : class
    {
        public override void Write(SnapshotWriter writer, T value)
        {
            writer.Remember(value);
            writer.Buffer.Byte((byte)tag);
            write(writer, value);
        }

        public override T Read(SnapshotReader reader, ValueTag found)
        {
            reader.Expect(found, tag, typeof(T));
            return read(reader);
        }
    }

    private sealed class ReleaserCodec<TReleaser, TGate>(Func<TReleaser, TGate?> gate, Func<TGate, TReleaser> make) : ValueCodec<TReleaser>
        where TReleaser : struct
        where TGate : class
    {
        public override void Write(SnapshotWriter writer, TReleaser value)
        {
            writer.Buffer.Byte((byte)ValueTag.Releaser);
            writer.WriteValue(gate(value));
        }

        public override TReleaser Read(SnapshotReader reader, ValueTag found)
        {
            reader.Expect(found, ValueTag.Releaser, typeof(TReleaser));
            return reader.ReadValue<TGate?>() is { } held ? make(held) : default;
        }
    }
}
