using System.Collections.Generic;
using Coroutines.Snapshots;

namespace Coroutines;

// What a snapshot (src/Runtime/Snapshots/ChannelCodec.cs) writes and rebuilds of a channel: its
// capacity and closed state, its items in order, and its waiting senders and receivers in line
// order. Nothing here runs unless a scheduler is saved, restored or cloned.
public sealed partial class Channel<T>
{
    /// <summary>Writes the channel's contents; <paramref name="handed"/> are the receivers handed an item they have not read yet.</summary>
    internal void WriteSnapshot(SnapshotWriter writer, List<WaitTarget> handed)
    {
        var b = writer.Buffer;
        b.VarUInt((ulong)Capacity);
        b.Byte(IsClosed ? (byte)1 : (byte)0);
        b.VarInt(_handedOut);
        b.VarUInt((ulong)_items.Count);
        for (var i = 0; i < _items.Count; i++)
        {
            writer.WriteValue(_items.PeekAt(i));
        }
        b.VarUInt((ulong)_returned.Count);
        for (var i = 0; i < _returned.Count; i++)
        {
            b.VarInt(_returned.PeekAt(i));
        }
        WriteLine(writer, _sendersHead, withItems: true);
        WriteLine(writer, _receiversHead, withItems: false);
        b.VarUInt((ulong)handed.Count);
        foreach (ChannelWaiter<T> waiter in handed)
        {
            writer.WriteWaiter(waiter.Coroutine!, waiter);
            writer.WriteValue(waiter.Item);
            b.VarInt(waiter.Sequence);
        }
    }

    private static void WriteLine(SnapshotWriter writer, ChannelWaiter<T>? head, bool withItems)
    {
        var count = 0;
        for (var w = head; w is not null; w = w.Next)
        {
            count++;
        }
        writer.Buffer.VarUInt((ulong)count);
        for (var w = head; w is not null; w = w.Next)
        {
            // A case of a select: the select (written with its coroutine) is its wait, the line keeps its place.
            writer.Buffer.Byte(w.Select is null ? (byte)0 : (byte)1);
            if (w.Select is not null)
            {
                writer.WriteSelectWaiter(w.Coroutine!, w.CaseIndex);
            }
            else
            {
                writer.WriteWaiter(w.Coroutine!, w);
            }
            if (withItems)
            {
                writer.WriteValue(w.Item);
            }
        }
    }

    /// <summary>Reads what <see cref="WriteSnapshot"/> wrote into a new channel (entered in the reference table before its items are read).</summary>
    internal static Channel<T> ReadSnapshot(SnapshotReader reader)
    {
        var input = reader.Input;
        var capacity = input.VarUInt();
        if (capacity > int.MaxValue)
        {
            throw reader.Error($"a channel's capacity {capacity} is out of range");
        }
        var channel = new Channel<T>((int)capacity);
        reader.Remember(channel);
        channel.IsClosed = input.Byte() switch
        {
            0 => false,
            1 => true,
            _ => throw reader.Error("a channel's closed flag is neither 0 nor 1"),
        };
        channel._handedOut = input.VarInt();
        var items = input.Count("a channel's items");
        for (var i = 0; i < items; i++)
        {
            channel._items.Enqueue(reader.ReadValue<T>());
        }
        var returned = input.Count("a channel's given-back items");
        if (returned > items)
        {
            throw reader.Error("a channel gives back more items than it holds");
        }
        for (var i = 0; i < returned; i++)
        {
            channel._returned.Enqueue(input.VarInt());
        }
        var senders = input.Count("a channel's senders", 3);
        for (var i = 0; i < senders; i++)
        {
            var waiter = channel.RestoreWaiter(reader, isSender: true, CoroutineStatus.Waiting);
            waiter.Item = reader.ReadValue<T>();
            Append(ref channel._sendersHead, ref channel._sendersTail, waiter);
        }
        var receivers = input.Count("a channel's receivers", 2);
        for (var i = 0; i < receivers; i++)
        {
            Append(ref channel._receiversHead, ref channel._receiversTail, channel.RestoreWaiter(reader, isSender: false, CoroutineStatus.Waiting));
        }
        var handed = input.Count("a channel's handed items", 2);
        for (var i = 0; i < handed; i++)
        {
            var waiter = channel.RestoreWaiter(reader, isSender: false, CoroutineStatus.Ready);
            waiter.Item = reader.ReadValue<T>();
            waiter.Sequence = input.VarInt();
            waiter.State = WaiterState.Handed;
        }
        // A channel that is closed has no one in line (Close failed them all), and one with a
        // waiting receiver has nothing buffered (a send would have gone to it).
        if ((channel.IsClosed && (senders > 0 || receivers > 0)) || (receivers > 0 && (items > 0 || senders > 0)))
        {
            throw reader.Error("a channel's items and waiters contradict each other");
        }
        return channel;
    }

    // A waiter in line: a coroutine waiting on the channel, or a case of a select (which the select must have waiting here).
    private ChannelWaiter<T> RestoreWaiter(SnapshotReader reader, bool isSender, CoroutineStatus status)
    {
        var waiter = new ChannelWaiter<T> { Channel = this, IsSender = isSender };
        if (status == CoroutineStatus.Waiting && reader.ReadFlag())
        {
            reader.ReadSelectWaiter((select, index) => select.TryAttach(index, waiter));
            reader.AttachWith(scheduler => waiter.Scheduler = scheduler);
            return waiter;
        }
        waiter.Coroutine = reader.ReadWaiter(waiter, status, scheduler => waiter.Scheduler = scheduler);
        return waiter;
    }
}
