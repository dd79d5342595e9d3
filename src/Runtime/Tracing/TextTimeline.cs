using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Coroutines.Tracing;

/// <summary>
/// Draws a <see cref="TimelineRecorder"/>'s run as plain text for a terminal: one row per
/// coroutine, time across, with a time axis and a legend; no line is wider than the width asked for.
/// </summary>
/// <example>
/// <code>
/// Timeline: one row per coroutine, time across; 1 column = 100 ms.
/// Legend: # step runs   - sleeping   . ready, queued   * completed   ! faulted   x canceled
///
///       0 s       1 s       2 s       3 s       4 s       5 s
///       |         |         |         |         |         |
/// fast  #---------#---------#---------#---------#---------*  completed at 5.0 s after 6 steps
/// slow  #-------------------------------------------------*  completed at 5.0 s after 2 steps
/// </code>
/// </example>
public static class TextTimeline
{
    /// <summary>The default width: 100 columns.</summary>
    public const int DefaultWidth = 100;

    /// <summary>A step runs (in this column).</summary>
    public const char RunningMark = '#';

    /// <summary>Sleeping.</summary>
    public const char SleepingMark = '-';

    /// <summary>Waiting for a coroutine it called or awaits, or for a channel.</summary>
    public const char WaitingMark = '~';

    /// <summary>Ready: queued, waiting for its turn in a pass (woken late, or behind other work).</summary>
    public const char ReadyMark = '.';

    /// <summary>Completed: its last step ran here.</summary>
    public const char CompletedMark = '*';

    /// <summary>Faulted: an exception left its body here.</summary>
    public const char FaultedMark = '!';

    /// <summary>Canceled here.</summary>
    public const char CanceledMark = 'x';

    private const int MaxNameWidth = 16;
    private const int TickEvery = 10; // columns between axis ticks

    // Column sizes: 1, 2 and 5 times a power of ten, in ticks; ten columns make a round tick.
    private static readonly long[] Mantissas = { 1, 2, 5 };

    /// <summary>Draws the run recorded by <paramref name="recorder"/> in at most <paramref name="width"/> columns.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="recorder"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is less than 60.</exception>
    public static string Render(TimelineRecorder recorder, int width = DefaultWidth)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 60);

        var text = new StringBuilder();
        var rows = recorder.Rows;
        if (rows.Count == 0)
        {
            text.Append("Timeline: nothing was recorded (set the recorder as the scheduler's Observer before Run).\n");
            return text.ToString();
        }

        var origin = recorder.Start;
        var duration = recorder.End - origin;
        var nameWidth = Math.Clamp(rows.Max(static r => r.Label.Length), 4, MaxNameWidth);
        var left = nameWidth + 2;

        // The column size: the smallest round size with which the plot and each row's summary fit
        // (or, if a summary is too long for any, the plot alone).
        var (step, columns, withSummaries) = ChooseColumns(rows, origin, duration, left, width);

        AppendWrapped(text, "Timeline:", new[] { "one row per coroutine,", "time across;", "1 column = " + Duration(step) + "." }, " ", width);
        var legend = new List<string> { $"{RunningMark} step runs", $"{SleepingMark} sleeping" };
        if (rows.Any(static r => r.Intervals.Any(static i => i.Activity == TimelineActivity.Waiting)))
        {
            legend.Add($"{WaitingMark} waiting"); // only when someone waited: runs of sleepers keep their legend
        }
        legend.AddRange(new[]
        {
            $"{ReadyMark} ready, queued",
            $"{CompletedMark} completed",
            $"{FaultedMark} faulted",
            $"{CanceledMark} canceled",
        });
        AppendWrapped(text, "Legend:", legend.ToArray(), "   ", width);
        text.Append('\n');

        // The axis: a label and a '|' every ten columns.
        var labels = new StringBuilder(new string(' ', left));
        var ticks = new StringBuilder(new string(' ', left));
        for (var column = 0; column < columns; column += TickEvery)
        {
            var label = Time(TimeSpan.FromTicks(column * step), TickEvery * step, step);
            if (labels.Length <= left + column && left + column + label.Length <= width)
            {
                labels.Append(' ', left + column - labels.Length).Append(label);
            }
            ticks.Append(' ', left + column - ticks.Length).Append('|');
        }
        text.Append(labels.ToString().TrimEnd()).Append('\n');
        text.Append(ticks).Append('\n');

        foreach (var row in rows)
        {
            var cells = Cells(row, origin, step, columns);
            var line = Fit(row.Label, nameWidth).PadRight(nameWidth) + "  " + new string(cells);
            text.Append(withSummaries ? line + "  " + Summary(row, origin, step) : line.TrimEnd()).Append('\n');
        }
        return text.ToString();
    }

    // "Head a   b   c" over as many lines as the width needs, continuation lines indented.
    private static void AppendWrapped(StringBuilder text, string head, string[] items, string separator, int width)
    {
        var line = new StringBuilder(head);
        foreach (var item in items)
        {
            if (line.Length + separator.Length + item.Length > width && line.Length > head.Length)
            {
                text.Append(line).Append('\n');
                line.Clear().Append(' ', head.Length);
            }
            line.Append(line.Length == head.Length ? " " : separator).Append(item);
        }
        text.Append(line).Append('\n');
    }

    private static (long Step, int Columns, bool WithSummaries) ChooseColumns(
        IReadOnlyList<TimelineRow> rows, TimeSpan origin, TimeSpan duration, int left, int width)
    {
        foreach (var withSummaries in new[] { true, false })
        {
            foreach (var step in ColumnSizes())
            {
                var columns = Column(duration, step, int.MaxValue) + 1L; // column c stands for c * step, rounded
                var used = left + columns;
                if (withSummaries)
                {
                    used += 2 + rows.Max(r => Summary(r, origin, step).Length);
                }
                if (used <= width)
                {
                    return (step, (int)columns, withSummaries);
                }
            }
        }
        return (long.MaxValue, 1, false); // unreachable for width >= 60: one column always fits
    }

    private static IEnumerable<long> ColumnSizes()
    {
        for (var power = TimeSpan.TicksPerMillisecond / 1000; ; power *= 10) // from 1 microsecond up
        {
            foreach (var mantissa in Mantissas)
            {
                yield return mantissa * power;
            }
            if (power > long.MaxValue / 100)
            {
                yield break;
            }
        }
    }

    private static char[] Cells(TimelineRow row, TimeSpan origin, long step, int columns)
    {
        var cells = new char[columns];
        var rank = new int[columns];
        Array.Fill(cells, ' ');
        foreach (var interval in row.Intervals)
        {
            var (mark, priority) = interval.Activity switch
            {
                TimelineActivity.Running => (RunningMark, 3),
                TimelineActivity.Ready => (ReadyMark, 2),
                TimelineActivity.Sleeping => (SleepingMark, 1),
                TimelineActivity.Waiting => (WaitingMark, 1),
                _ => (' ', 0),
            };
            var first = Column(interval.Start - origin, step, columns);
            var last = Column(interval.End - origin, step, columns);
            for (var column = first; column <= last; column++)
            {
                if (priority > rank[column])
                {
                    rank[column] = priority;
                    cells[column] = mark;
                }
            }
        }
        if (row.Finished is { } finished)
        {
            cells[Column(finished - origin, step, columns)] = row.Outcome switch
            {
                CoroutineStatus.Faulted => FaultedMark,
                CoroutineStatus.Canceled => CanceledMark,
                _ => CompletedMark,
            };
        }
        return cells;
    }

    // The column whose time is nearest: column c stands for c * step.
    private static int Column(TimeSpan offset, long step, int columns)
    {
        var column = offset.Ticks / step + (offset.Ticks % step >= (step + 1) / 2 ? 1 : 0);
        return (int)Math.Clamp(column, 0, columns - 1);
    }

    private static string Summary(TimelineRow row, TimeSpan origin, long step)
    {
        var steps = row.Steps == 1 ? "1 step" : row.Steps.ToString(CultureInfo.InvariantCulture) + " steps";
        if (row.Finished is not { } finished)
        {
            return $"not finished, {steps}";
        }
        var outcome = row.Outcome switch
        {
            CoroutineStatus.Faulted => "faulted (" + row.Fault?.GetType().Name + ")",
            CoroutineStatus.Canceled => "canceled",
            _ => "completed",
        };
        return $"{outcome} at {Time(finished - origin, step, step)} after {steps}";
    }

    private static string Fit(string name, int width) =>
        name.Length <= width ? name : name.Substring(0, width - 1) + "~";

    /// <summary>
    /// A time in the timeline's unit (milliseconds when a column is under 10 ms, else seconds) with as
    /// many decimals as <paramref name="resolution"/> can tell apart: "5 s", "5.0 s", "0.25 s", "3.0 ms".
    /// </summary>
    private static string Time(TimeSpan time, long resolution, long step)
    {
        var unit = step < TimeSpan.TicksPerMillisecond * 10 ? TimeSpan.TicksPerMillisecond : TimeSpan.TicksPerSecond;
        var decimals = resolution >= unit ? 0 : resolution * 10 >= unit ? 1 : resolution * 100 >= unit ? 2 : 3;
        var value = time.Ticks / (double)unit;
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            + (unit == TimeSpan.TicksPerSecond ? " s" : " ms");
    }

    private static string Duration(long ticks) => ticks >= TimeSpan.TicksPerSecond
        ? (ticks / (double)TimeSpan.TicksPerSecond).ToString("0.###", CultureInfo.InvariantCulture) + " s"
        : ticks >= TimeSpan.TicksPerMillisecond
            ? (ticks / (double)TimeSpan.TicksPerMillisecond).ToString("0.###", CultureInfo.InvariantCulture) + " ms"
            : (ticks / (double)(TimeSpan.TicksPerMillisecond / 1000)).ToString("0.###", CultureInfo.InvariantCulture) + " us";
}
