using Coroutines.Snapshots;

namespace Coroutines;

// What a snapshot writes of a coroutine in a select (after its frame, whose fields hold the cases):
// which case won, if one did, and its cases as references. Where each case waits is written by
// what it waits on: the channel's line, the sleeping queue, the coroutine it waits to end.
internal sealed partial class SelectOperation
{
    /// <summary>True when the case that won did so because its channel was closed.</summary>
    public bool WonClosed => _wonClosed;

    /// <summary>The cases, in argument order.</summary>
    public System.ReadOnlySpan<SelectCase> Cases => _cases;

    /// <summary>True for a select a snapshot can hold: waiting, or won and not yet read (not withdrawn by a cancel).</summary>
    public bool CanBeSaved => Winner < _cases.Length;

    internal void WriteSnapshot(SnapshotWriter writer)
    {
        var b = writer.Buffer;
        b.VarInt(Winner);
        b.Byte(_wonClosed ? (byte)1 : (byte)0);
        b.VarUInt((ulong)_cases.Length);
        foreach (var selectCase in _cases)
        {
            writer.Write(selectCase, "a case of its select");
        }
    }

    /// <summary>Reads what <see cref="WriteSnapshot"/> wrote: the wait of <paramref name="waiter"/>.</summary>
    internal static SelectOperation ReadSnapshot(SnapshotReader reader, Coroutine waiter)
    {
        var input = reader.Input;
        var winner = input.VarInt();
        var wonClosed = reader.ReadFlag();
        var count = input.Count("a select's cases");
        if (count == 0 || winner < -1 || winner >= count || (wonClosed && winner < 0))
        {
            throw reader.Error("a select's cases and winner contradict each other");
        }
        var cases = new SelectCase[count];
        for (var i = 0; i < count; i++)
        {
            cases[i] = reader.ReadValue<SelectCase?>() ?? throw reader.Error("a select's case is null");
        }
        if ((winner < 0) != (waiter.Status == CoroutineStatus.Waiting))
        {
            throw reader.Error($"a coroutine {(winner < 0 ? "waiting in" : "woken from")} a select is {waiter.Status}");
        }
        var select = new SelectOperation(null!, waiter, cases) { Winner = (int)winner, _wonClosed = wonClosed };
        reader.AttachWith(scheduler => select.Scheduler = scheduler);
        for (var i = 0; i < count; i++)
        {
            cases[i].Restored(reader, select, i);
        }
        if (winner < 0)
        {
            reader.AddLateCheck(select.EveryCaseWaits, "a case of a select does not wait where it should (its channel's line, the sleeping queue, the coroutine it waits for)");
        }
        return select;
    }

    private bool EveryCaseWaits()
    {
        for (var i = 0; i < _cases.Length; i++)
        {
            if (!_cases[i].WaitsFor(this, i))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A channel's line holds case <paramref name="index"/> of this select: true if that case is waiting there.</summary>
    internal bool TryAttach<T>(int index, ChannelWaiter<T> waiter)
    {
        if (Winner >= 0 || index >= _cases.Length)
        {
            return false;
        }
        var attached = waiter.IsSender
            ? _cases[index] is SendCase<T> send && send.AttachWaiter(waiter)
            : _cases[index] is ReceiveCase<T> receive && receive.AttachWaiter(waiter);
        if (attached)
        {
            waiter.Select = this;
            waiter.CaseIndex = index;
            waiter.Coroutine = Waiter;
        }
        return attached;
    }

    /// <summary>The sleeping queue holds the timer of case <paramref name="index"/>: true if that is a waiting timeout case.</summary>
    internal bool ClaimTimer(int index) => Winner < 0 && index < _cases.Length && _cases[index] is TimeoutCase timeout && timeout.ClaimTimer(this, index);

    /// <summary>The timeout case whose timer the sleeping queue restores.</summary>
    internal TimeoutCase TimeoutAt(int index) => (TimeoutCase)_cases[index];

    /// <summary><paramref name="finished"/> lists this select as a listener: true if an end case waits for it.</summary>
    internal bool ClaimListener(Coroutine finished)
    {
        if (Winner >= 0)
        {
            return false;
        }
        foreach (var selectCase in _cases)
        {
            if (selectCase is EndCase end && end.Coroutine == finished && end.ClaimListener(this))
            {
                return true;
            }
        }
        return false;
    }
}
