namespace Coroutines.Snapshots;

/// <summary>
/// A <see cref="Channel{T}"/> in a field: written once (later occurrences are references), with
/// its items and its waiting coroutines in line order; the coroutines' own bodies only say that
/// they wait on a channel (docs/snapshots.md, Channels).
/// </summary>
internal sealed class ChannelCodec<TItem> : ValueCodec<Channel<TItem>>
{
    public override void Write(SnapshotWriter writer, Channel<TItem> value)
    {
        writer.Remember(value);
        writer.Buffer.Byte((byte)ValueTag.Channel);
        value.WriteSnapshot(writer, writer.HandedOf(value));
    }

    public override Channel<TItem> Read(SnapshotReader reader, ValueTag tag)
    {
        reader.Expect(tag, ValueTag.Channel, typeof(Channel<TItem>));
        return Channel<TItem>.ReadSnapshot(reader);
    }
}
