using Coroutines.Snapshots;

namespace Coroutines;

// What a snapshot (src/Runtime/Snapshots/SelectCaseCodec.cs) writes and rebuilds of a select's
// cases: each case once, in the field that holds it; its place in a channel's line is written by
// the channel, its timer by the sleeping queue, its end listener by the coroutine it waits for.
// Nothing here runs unless a scheduler is saved, restored or cloned.
public abstract partial class SelectCase
{
    /// <summary>The kind a snapshot writes: 0 receive, 1 send, 2 timeout, 3 end.</summary>
    internal abstract byte SnapshotKind { get; }

    /// <summary>Writes the case's own state (after its tag and kind).</summary>
    internal abstract void WriteSnapshot(SnapshotWriter writer);

    /// <summary>The select read for a restore holds this case as its case <paramref name="index"/>.</summary>
    internal abstract void Restored(SnapshotReader reader, SelectOperation select, int index);

    /// <summary>Once everything was read: true if the case waits where it should for <paramref name="select"/>, which has not been won.</summary>
    internal abstract bool WaitsFor(SelectOperation select, int index);

    private protected static byte SavedWaiterState<T>(ChannelWaiter<T>? waiter) => waiter switch
    {
        null => 0,
        { State: Coroutines.WaiterState.Queued } => 1, // its channel's line writes it
        { State: Coroutines.WaiterState.Handed } => 2,
        _ => 3, // it won while it waited: the node went back to the channel's pool
    };
}

public sealed partial class ReceiveCase<T>
{
    private ReceiveCase() => _channel = null!; // a restore sets it at once

    internal override byte SnapshotKind => 0;

    internal override void WriteSnapshot(SnapshotWriter writer)
    {
        var b = writer.Buffer;
        writer.WriteValue(_channel);
        b.Byte((byte)((Received ? 1 : 0) | (Closed ? 2 : 0)));
        writer.WriteValue(_item);
        b.Byte(SavedWaiterState(_waiter));
        if (_waiter is { State: Coroutines.WaiterState.Handed } handed)
        {
            writer.WriteValue(handed.Item);
            b.VarInt(handed.Sequence);
        }
    }

    internal static ReceiveCase<T> ReadSnapshot(SnapshotReader reader)
    {
        var selectCase = new ReceiveCase<T>();
        reader.Remember(selectCase);
        selectCase._channel = reader.ReadValue<Channel<T>?>() ?? throw reader.Error("a receive case has no channel");
        var flags = reader.Input.Byte();
        if (flags == 3 || flags > 3)
        {
            throw reader.Error("a receive case's flags are unknown or contradict each other");
        }
        selectCase.Received = (flags & 1) != 0;
        selectCase.Closed = (flags & 2) != 0;
        selectCase._item = reader.ReadValue<T>();
        switch (reader.Input.Byte())
        {
            case 0 or 1:
                break; // none, or queued: its channel's line puts it back
            case 2:
                selectCase._waiter = new ChannelWaiter<T> { Channel = selectCase._channel, State = Coroutines.WaiterState.Handed, Item = reader.ReadValue<T>(), Sequence = reader.Input.VarInt() };
                break;
            case 3:
                selectCase._waiter = new ChannelWaiter<T>();
                break;
            default:
                throw reader.Error("a receive case's waiter state is unknown");
        }
        return selectCase;
    }

    internal override void Restored(SnapshotReader reader, SelectOperation select, int index)
    {
        if (select.Winner < 0)
        {
            if (_waiter is not null)
            {
                throw reader.Error("a case of a select that has not been won holds a channel's item");
            }
            return;
        }
        if (_waiter is { State: Coroutines.WaiterState.Handed } handed)
        {
            if (select.Winner != index || select.WonClosed)
            {
                throw reader.Error("a receive case holds an item but did not win its select");
            }
            handed.Coroutine = select.Waiter;
            handed.Select = select;
            handed.CaseIndex = index;
            reader.AttachWith(scheduler => handed.Scheduler = scheduler);
        }
    }

    /// <summary>The channel's line restored <paramref name="waiter"/> as this case's place in it.</summary>
    internal bool AttachWaiter(ChannelWaiter<T> waiter)
    {
        if (_waiter is not null || waiter.Channel != _channel)
        {
            return false;
        }
        _waiter = waiter;
        return true;
    }

    internal override bool WaitsFor(SelectOperation select, int index) => _waiter is { State: Coroutines.WaiterState.Queued } w && w.Select == select && w.CaseIndex == index;
}

public sealed partial class SendCase<T>
{
    private SendCase()
    {
        _channel = null!; // a restore sets them at once
        _item = default!;
    }

    internal override byte SnapshotKind => 1;

    internal override void WriteSnapshot(SnapshotWriter writer)
    {
        writer.WriteValue(_channel);
        writer.WriteValue(_item);
        writer.Buffer.Byte((byte)((Sent ? 1 : 0) | (Closed ? 2 : 0)));
        writer.Buffer.Byte(SavedWaiterState(_waiter));
    }

    internal static SendCase<T> ReadSnapshot(SnapshotReader reader)
    {
        var selectCase = new SendCase<T>();
        reader.Remember(selectCase);
        selectCase._channel = reader.ReadValue<Channel<T>?>() ?? throw reader.Error("a send case has no channel");
        selectCase._item = reader.ReadValue<T>();
        var flags = reader.Input.Byte();
        if (flags >= 3)
        {
            throw reader.Error("a send case's flags are unknown or contradict each other");
        }
        selectCase.Sent = (flags & 1) != 0;
        selectCase.Closed = (flags & 2) != 0;
        switch (reader.Input.Byte())
        {
            case 0 or 1:
                break;
            case 3:
                selectCase._waiter = new ChannelWaiter<T>(); // it won while it waited
                break;
            default:
                throw reader.Error("a send case's waiter state is unknown");
        }
        return selectCase;
    }

    internal override void Restored(SnapshotReader reader, SelectOperation select, int index)
    {
        if (select.Winner < 0 && _waiter is not null)
        {
            throw reader.Error("a case of a select that has not been won says it already sent");
        }
    }

    /// <summary>The channel's line restored <paramref name="waiter"/> as this case's place in it.</summary>
    internal bool AttachWaiter(ChannelWaiter<T> waiter)
    {
        if (_waiter is not null || waiter.Channel != _channel)
        {
            return false;
        }
        _waiter = waiter;
        return true;
    }

    internal override bool WaitsFor(SelectOperation select, int index) => _waiter is { State: Coroutines.WaiterState.Queued } w && w.Select == select && w.CaseIndex == index;
}

public sealed partial class TimeoutCase
{
    internal override byte SnapshotKind => 2;

    /// <summary>The select whose timer this case's is, if it waits (the sleeping queue writes its timer).</summary>
    internal SelectOperation? TimedSelect => _select;

    internal int TimedIndex => _index;

    internal override void WriteSnapshot(SnapshotWriter writer) => writer.Buffer.VarInt(Delay.Ticks);

    internal static TimeoutCase ReadSnapshot(SnapshotReader reader)
    {
        var selectCase = new TimeoutCase(default);
        reader.Remember(selectCase);
        var ticks = reader.Input.VarInt();
        if (ticks < 0 || ticks > System.TimeSpan.MaxValue.Ticks / 2)
        {
            throw reader.Error($"a timeout case's delay {ticks} is out of range");
        }
        selectCase.Delay = System.TimeSpan.FromTicks(ticks);
        return selectCase;
    }

    internal override void Restored(SnapshotReader reader, SelectOperation select, int index)
    {
    }

    /// <summary>The sleeping queue holds this case's timer for <paramref name="select"/>: false if it already had one.</summary>
    internal bool ClaimTimer(SelectOperation select, int index)
    {
        if (_select is not null)
        {
            return false;
        }
        _select = select;
        _index = index;
        return true;
    }

    /// <summary>Gives the case its restored timer.</summary>
    internal void AttachTimer(TimerHandle timer) => _timer = timer;

    internal override bool WaitsFor(SelectOperation select, int index) => _select == select && _index == index;
}

public sealed partial class EndCase
{
    private EndCase() => Coroutine = null!; // a restore sets it at once

    internal override byte SnapshotKind => 3;

    internal override void WriteSnapshot(SnapshotWriter writer) => writer.WriteValue(Coroutine);

    internal static EndCase ReadSnapshot(SnapshotReader reader)
    {
        var selectCase = new EndCase();
        reader.Remember(selectCase);
        selectCase.Coroutine = reader.ReadValue<Coroutine?>() ?? throw reader.Error("an end case has no coroutine");
        return selectCase;
    }

    internal override void Restored(SnapshotReader reader, SelectOperation select, int index)
    {
        if (select.Winner == index)
        {
            _select = select; // as it was when it won: its Complete forgets it
        }
    }

    /// <summary>The coroutine this case waits for lists <paramref name="select"/> as a listener: false if it already did.</summary>
    internal bool ClaimListener(SelectOperation select)
    {
        if (_select is not null)
        {
            return false;
        }
        _select = select;
        return true;
    }

    internal override bool WaitsFor(SelectOperation select, int index) => _select == select;
}
