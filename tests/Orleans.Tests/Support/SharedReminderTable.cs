using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Orleans;
using Orleans.Runtime;

namespace Coroutines.Orleans.Tests.Support;

/// <summary>
/// A reminder table shared by every silo of the process (Orleans' in-memory one lives in a grain
/// of one silo, and goes with it). Rows are copied in and out, and a write takes
/// <see cref="WriteLatency"/>, as a database's would.
/// </summary>
public sealed class SharedReminderTable : IReminderTable
{
    /// <summary>
    /// How long a write takes: a database round trip. Orleans arms a reminder after writing its row,
    /// so a reminder due sooner than this misses its first tick (issue 20): the tests meet that
    /// every time, not only when the machine is loaded.
    /// </summary>
    public static readonly TimeSpan WriteLatency = TimeSpan.FromMilliseconds(20);

    private static readonly Dictionary<(GrainId, string), ReminderEntry> Rows = new();
    private static int s_etag;

    private static ReminderEntry Copy(ReminderEntry e) => new()
    {
        GrainId = e.GrainId,
        ReminderName = e.ReminderName,
        StartAt = e.StartAt,
        Period = e.Period,
        ETag = e.ETag,
    };

    public Task Init() => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        lock (Rows)
        {
            return Task.FromResult(new ReminderTableData(Rows.Values.Where(r => r.GrainId == grainId).Select(Copy).ToList()));
        }
    }

    // The ring range (begin, end], which wraps when begin >= end.
    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        bool InRange(uint hash) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
        lock (Rows)
        {
            return Task.FromResult(new ReminderTableData(Rows.Values.Where(r => InRange(r.GrainId.GetUniformHashCode())).Select(Copy).ToList()));
        }
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        lock (Rows)
        {
            return Task.FromResult(Rows.TryGetValue((grainId, reminderName), out var row) ? Copy(row) : null);
        }
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        await Task.Delay(WriteLatency);
        lock (Rows)
        {
            var row = Copy(entry);
            row.ETag = (++s_etag).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Rows[(entry.GrainId, entry.ReminderName)] = row;
            return row.ETag;
        }
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        await Task.Delay(WriteLatency);
        lock (Rows)
        {
            if (Rows.TryGetValue((grainId, reminderName), out var row) && row.ETag == eTag)
            {
                Rows.Remove((grainId, reminderName));
                return true;
            }
            return false;
        }
    }

    public Task TestOnlyClearTable()
    {
        lock (Rows)
        {
            Rows.Clear();
        }
        return Task.CompletedTask;
    }

    /// <summary>How many reminders a grain has registered.</summary>
    public static int CountFor(GrainId grainId)
    {
        lock (Rows)
        {
            return Rows.Keys.Count(k => k.Item1 == grainId);
        }
    }
}
