using Coroutines.Snapshots;

namespace Coroutines;

// What a snapshot writes and rebuilds of a lock (src/Runtime/Snapshots/SynchronizationCodecs.cs).
public sealed partial class Lock
{
    internal void WriteSnapshot(SnapshotWriter writer)
    {
        writer.WriteValue(Name);
        writer.Buffer.Byte(_taken ? (byte)1 : (byte)0);
        writer.WriteValue(_holder);
        _line.WriteSnapshot(writer);
    }

    internal static Lock ReadSnapshot(SnapshotReader reader)
    {
        var gate = new Lock(reader.ReadValue<string?>());
        reader.Remember(gate);
        gate._taken = reader.ReadFlag();
        gate._holder = reader.ReadValue<Coroutine?>();
        gate._line.ReadSnapshot(reader);
        if (!gate._taken && (gate._holder is not null || gate._line.Count > 0))
        {
            throw reader.Error("a free lock has a holder or a line");
        }
        return gate;
    }

    public readonly partial struct Releaser
    {
        internal Lock? Gate => _lock;
    }
}
