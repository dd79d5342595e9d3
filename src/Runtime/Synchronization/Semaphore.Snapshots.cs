using Coroutines.Snapshots;

namespace Coroutines;

// What a snapshot writes and rebuilds of a semaphore (src/Runtime/Snapshots/SynchronizationCodecs.cs).
public sealed partial class Semaphore
{
    internal void WriteSnapshot(SnapshotWriter writer)
    {
        writer.WriteValue(Name);
        writer.Buffer.VarUInt((ulong)Permits);
        writer.Buffer.VarUInt((ulong)_free);
        _line.WriteSnapshot(writer);
    }

    internal static Semaphore ReadSnapshot(SnapshotReader reader)
    {
        var name = reader.ReadValue<string?>();
        var permits = reader.Input.VarUInt();
        var free = reader.Input.VarUInt();
        if (permits is 0 or > int.MaxValue || free > permits)
        {
            throw reader.Error($"a semaphore has {free} of {permits} permits free");
        }
        var semaphore = new Semaphore((int)permits, name) { _free = (int)free };
        reader.Remember(semaphore);
        semaphore._line.ReadSnapshot(reader);
        if (semaphore._line.Count > 0 && free > 0)
        {
            throw reader.Error("a semaphore with a free permit has a line");
        }
        return semaphore;
    }

    public readonly partial struct Releaser
    {
        internal Semaphore? Semaphore => _semaphore;
    }
}
