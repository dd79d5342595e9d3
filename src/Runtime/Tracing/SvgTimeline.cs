using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace Coroutines.Tracing;

/// <summary>
/// Draws a <see cref="TimelineRecorder"/>'s run as an SVG picture: one row per coroutine, time
/// across, steps, sleeps, waits and ends in colour, each with a tooltip giving its times.
/// </summary>
public static class SvgTimeline
{
    private const double PlotWidth = 720;
    private const double RowHeight = 30;
    private const double BarHeight = 14;
    private const double Top = 84;
    private const double CharWidth = 7.8; // 13 px monospace, roughly
    private const double MinRunWidth = 3;

    private const string RunningColor = "#1f4e8c";
    private const string SleepingColor = "#a6cbe8";
    private const string ReadyColor = "#f6c56b";
    private const string WaitingColor = "#c9b3e6";
    private const string DoneColor = "#c8c8c8";
    private const string CompletedColor = "#2e9e4f";
    private const string FaultedColor = "#d1352b";
    private const string CanceledColor = "#7a7a7a";

    /// <summary>The SVG document (UTF-8 text, no XML declaration) for the run recorded by <paramref name="recorder"/>.</summary>
    /// <param name="recorder">The recorded run.</param>
    /// <param name="title">A title drawn above the timeline.</param>
    /// <exception cref="ArgumentNullException"><paramref name="recorder"/> is null.</exception>
    public static string Render(TimelineRecorder recorder, string title = "Coroutine timeline")
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(title);

        var rows = recorder.Rows;
        var origin = recorder.Start;
        var duration = recorder.End - origin;
        var span = duration > TimeSpan.Zero ? duration.Ticks : TimeSpan.TicksPerSecond;
        var tick = TickSize(span);

        var left = 16 + CharWidth * Math.Max(4, rows.Count == 0 ? 4 : rows.Max(static r => r.Label.Length));
        var summaries = rows.Select(r => Summary(r, origin, tick)).ToList();
        var right = 24 + CharWidth * Math.Max(10, summaries.Count == 0 ? 10 : summaries.Max(static s => s.Length));
        var width = left + PlotWidth + right;
        var rowsBottom = Top + RowHeight * Math.Max(1, rows.Count);
        var height = rowsBottom + 56;

        double X(TimeSpan time) => left + (time - origin).Ticks * PlotWidth / span;

        var text = new StringBuilder();
        var settings = new XmlWriterSettings
        {
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            OmitXmlDeclaration = true,
        };
        using (var xml = XmlWriter.Create(text, settings))
        {
            xml.WriteStartElement("svg", "http://www.w3.org/2000/svg");
            Attr(xml, "width", width);
            Attr(xml, "height", height);
            xml.WriteAttributeString("viewBox", $"0 0 {N(width)} {N(height)}");
            xml.WriteAttributeString("font-family", "ui-monospace, Menlo, Consolas, monospace");
            xml.WriteAttributeString("font-size", "13");

            xml.WriteElementString("title", Clean(title));
            Rect(xml, 0, 0, width, height, "#ffffff", null);
            Text(xml, 16, 24, title, "start", bold: true);
            Text(xml, 16, 42, $"One row per coroutine, time across ({Time(duration, tick)} in all).", "start", fill: "#555555");

            // The time axis: a grid line and a label per tick.
            for (var t = 0L; t <= span; t += tick)
            {
                var x = left + t * PlotWidth / span;
                Line(xml, x, Top - 8, x, rowsBottom, "#e4e4e4");
                Text(xml, x, Top - 14, Time(TimeSpan.FromTicks(t), tick), "middle", fill: "#555555");
            }
            Line(xml, left, Top - 8, left + PlotWidth, Top - 8, "#999999");

            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var middle = Top + RowHeight * i + RowHeight / 2;
                var barTop = middle - BarHeight / 2;
                xml.WriteStartElement("g");
                xml.WriteAttributeString("class", "coroutine");
                xml.WriteAttributeString("data-name", Clean(row.Label));
                Text(xml, left - 10, middle + 4, row.Label, "end");

                foreach (var interval in row.Intervals)
                {
                    var x1 = X(interval.Start);
                    var x2 = X(interval.End);
                    var what = $"{row.Label}: {Describe(interval.Activity)} from {Time(interval.Start - origin, tick)} to {Time(interval.End - origin, tick)}";
                    switch (interval.Activity)
                    {
                        case TimelineActivity.Running:
                            var w = Math.Max(MinRunWidth, x2 - x1);
                            Rect(xml, Math.Min(x1, x1 + (x2 - x1 - w) / 2), barTop - 3, w, BarHeight + 6, RunningColor, what);
                            break;
                        case TimelineActivity.Sleeping:
                            // A hairline gap between back-to-back sleeps keeps each one visible.
                            Rect(xml, x1 + 0.5, barTop, x2 - x1 - 1, BarHeight, SleepingColor, what);
                            break;
                        case TimelineActivity.Ready:
                            Rect(xml, x1, barTop, x2 - x1, BarHeight, ReadyColor, what);
                            break;
                        case TimelineActivity.Waiting:
                            Rect(xml, x1 + 0.5, barTop + 3, x2 - x1 - 1, BarHeight - 6, WaitingColor, what);
                            break;
                        case TimelineActivity.Done:
                            Rect(xml, x1, middle - 1, x2 - x1, 2, DoneColor, what);
                            break;
                    }
                }
                if (row.Finished is { } finished)
                {
                    var (color, word) = Outcome(row);
                    xml.WriteStartElement("circle");
                    Attr(xml, "cx", X(finished));
                    Attr(xml, "cy", middle);
                    Attr(xml, "r", 5.5);
                    xml.WriteAttributeString("fill", color);
                    xml.WriteAttributeString("stroke", "#ffffff");
                    xml.WriteAttributeString("stroke-width", "1.5");
                    xml.WriteElementString("title", Clean($"{row.Label}: {word} at {Time(finished - origin, tick)}"));
                    xml.WriteEndElement();
                }
                Text(xml, left + PlotWidth + 16, middle + 4, summaries[i], "start", fill: "#333333");
                xml.WriteEndElement();
            }

            // The legend.
            var legendY = rowsBottom + 28;
            var lx = 16.0;
            var waited = rows.Any(static r => r.Intervals.Any(static i => i.Activity == TimelineActivity.Waiting));
            foreach (var (color, label) in new[]
            {
                (RunningColor, "step runs"),
                (SleepingColor, "sleeping"),
                (WaitingColor, waited ? "waiting" : ""),
                (ReadyColor, "ready, queued"),
                (DoneColor, "done"),
                (CompletedColor, "completed"),
                (FaultedColor, "faulted"),
                (CanceledColor, "canceled"),
            })
            {
                if (label.Length == 0)
                {
                    continue; // no waits in this run: keep the legend as it was
                }
                Rect(xml, lx, legendY - 10, 14, 12, color, null);
                Text(xml, lx + 20, legendY, label, "start");
                lx += 20 + CharWidth * label.Length + 22;
            }
            xml.WriteEndElement();
        }
        return text.Append('\n').ToString();
    }

    /// <summary>Writes <see cref="Render"/>'s document to <paramref name="path"/> (UTF-8), creating its folder.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="recorder"/> or <paramref name="path"/> is null.</exception>
    public static void Write(TimelineRecorder recorder, string path, string title = "Coroutine timeline")
    {
        ArgumentNullException.ThrowIfNull(path);
        var svg = Render(recorder, title);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        File.WriteAllText(path, svg, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    // A round tick (1, 2 or 5 times a power of ten) giving at most ten intervals.
    private static long TickSize(long span)
    {
        for (var power = 1L; ; power *= 10)
        {
            foreach (var mantissa in new long[] { 1, 2, 5 })
            {
                if (span / (mantissa * power) <= 10)
                {
                    return mantissa * power;
                }
            }
        }
    }

    private static string Summary(TimelineRow row, TimeSpan origin, long tick)
    {
        var steps = row.Steps == 1 ? "1 step" : row.Steps.ToString(CultureInfo.InvariantCulture) + " steps";
        if (row.Finished is not { } finished)
        {
            return $"not finished, {steps}";
        }
        return $"{Outcome(row).Word} at {Time(finished - origin, tick)}, {steps}";
    }

    private static (string Color, string Word) Outcome(TimelineRow row) => row.Outcome switch
    {
        CoroutineStatus.Faulted => (FaultedColor, "faulted (" + row.Fault?.GetType().Name + ")"),
        CoroutineStatus.Canceled => (CanceledColor, "canceled"),
        _ => (CompletedColor, "completed"),
    };

    private static string Describe(TimelineActivity activity) => activity switch
    {
        TimelineActivity.Running => "step ran",
        TimelineActivity.Sleeping => "sleeping",
        TimelineActivity.Ready => "ready",
        TimelineActivity.Waiting => "waiting",
        _ => "done",
    };

    private static string Time(TimeSpan time, long resolution)
    {
        if (resolution < TimeSpan.TicksPerMillisecond)
        {
            return time.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";
        }
        if (resolution < TimeSpan.TicksPerSecond / 10)
        {
            return time.TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture) + " ms";
        }
        return time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
    }

    private static void Rect(XmlWriter xml, double x, double y, double width, double height, string fill, string? title)
    {
        xml.WriteStartElement("rect");
        Attr(xml, "x", x);
        Attr(xml, "y", y);
        Attr(xml, "width", Math.Max(0, width));
        Attr(xml, "height", height);
        xml.WriteAttributeString("fill", fill);
        if (title is not null)
        {
            xml.WriteElementString("title", Clean(title));
        }
        xml.WriteEndElement();
    }

    private static void Line(XmlWriter xml, double x1, double y1, double x2, double y2, string stroke)
    {
        xml.WriteStartElement("line");
        Attr(xml, "x1", x1);
        Attr(xml, "y1", y1);
        Attr(xml, "x2", x2);
        Attr(xml, "y2", y2);
        xml.WriteAttributeString("stroke", stroke);
        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, double x, double y, string content, string anchor, bool bold = false, string? fill = null)
    {
        xml.WriteStartElement("text");
        Attr(xml, "x", x);
        Attr(xml, "y", y);
        xml.WriteAttributeString("text-anchor", anchor);
        if (bold)
        {
            xml.WriteAttributeString("font-weight", "bold");
        }
        if (fill is not null)
        {
            xml.WriteAttributeString("fill", fill);
        }
        xml.WriteString(Clean(content));
        xml.WriteEndElement();
    }

    // Names are user text: characters XML cannot hold (control characters, lone surrogates) become '?'.
    private static string Clean(string text)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = char.IsSurrogate(c)
                ? i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c)
                : XmlConvert.IsXmlChar(c);
            if (ok && char.IsHighSurrogate(c))
            {
                clean?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (!ok && clean is null)
            {
                clean = new StringBuilder(text.Length).Append(text, 0, i);
            }
            clean?.Append(ok ? c : '?');
        }
        return clean?.ToString() ?? text;
    }

    private static void Attr(XmlWriter xml, string name, double value) => xml.WriteAttributeString(name, N(value));

    private static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
