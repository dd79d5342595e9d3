using Coroutines.Snapshots;

namespace Coroutines;

// What a snapshot writes and rebuilds of an event (src/Runtime/Snapshots/SynchronizationCodecs.cs).
public sealed partial class Event
{
    internal void WriteSnapshot(SnapshotWriter writer)
    {
        writer.WriteValue(Name);
        writer.Buffer.Byte(IsSet ? (byte)1 : (byte)0);
        _line.WriteSnapshot(writer);
    }

    internal static Event ReadSnapshot(SnapshotReader reader)
    {
        var name = reader.ReadValue<string?>();
        var set = reader.ReadFlag();
        var signal = new Event(set, name);
        reader.Remember(signal);
        signal._line.ReadSnapshot(reader);
        if (set && signal._line.Count > 0)
        {
            throw reader.Error("an event that is set has a line");
        }
        return signal;
    }
}
