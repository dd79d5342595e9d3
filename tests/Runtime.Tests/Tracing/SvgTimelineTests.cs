using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Coroutines.Tracing;
using Xunit;

namespace Coroutines.Tests.Tracing;

public class SvgTimelineTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_seed_demo_timeline_is_valid_svg_with_a_row_per_coroutine()
    {
        var document = XDocument.Parse(SvgTimeline.Render(SeedRun.Record(), "Seed demo"));

        var root = document.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.True(double.Parse((string)root.Attribute("width")!, CultureInfo.InvariantCulture) > 0);
        Assert.True(double.Parse((string)root.Attribute("height")!, CultureInfo.InvariantCulture) > 0);
        Assert.Equal("Seed demo", (string)root.Element(Svg + "title")!);

        var rows = root.Elements(Svg + "g").Where(g => (string?)g.Attribute("class") == "coroutine").ToList();
        Assert.Equal(new[] { "fast", "slow" }, rows.Select(g => (string)g.Attribute("data-name")!));
        // Every step, sleep and end has a tooltip with its times.
        var fastTips = rows[0].Descendants(Svg + "title").Select(t => t.Value).ToList();
        Assert.Equal(6, fastTips.Count(t => t.StartsWith("fast: step ran", StringComparison.Ordinal)));
        Assert.Equal(5, fastTips.Count(t => t.StartsWith("fast: sleeping", StringComparison.Ordinal)));
        Assert.Contains("fast: completed at 5 s", fastTips);
        Assert.Contains("slow: sleeping from 0 s to 5 s", rows[1].Descendants(Svg + "title").Select(t => t.Value));
    }

    [Fact]
    public void Bars_are_placed_on_the_time_axis()
    {
        var document = XDocument.Parse(SvgTimeline.Render(SeedRun.Record()));
        var slow = document.Root!.Elements(Svg + "g").Single(g => (string?)g.Attribute("data-name") == "slow");
        var fast = document.Root!.Elements(Svg + "g").Single(g => (string?)g.Attribute("data-name") == "fast");

        double X(XElement rect) => double.Parse((string)rect.Attribute("x")!, CultureInfo.InvariantCulture);
        double Width(XElement rect) => double.Parse((string)rect.Attribute("width")!, CultureInfo.InvariantCulture);
        var slowSleep = slow.Elements(Svg + "rect").Single(r => r.Element(Svg + "title")!.Value.Contains("sleeping", StringComparison.Ordinal));
        var fastSleeps = fast.Elements(Svg + "rect").Where(r => r.Element(Svg + "title")!.Value.Contains("sleeping", StringComparison.Ordinal)).ToList();

        // Five one-second sleeps, end to end (a hairline apart), span the five-second one.
        Assert.Equal(5, fastSleeps.Count);
        Assert.Equal(X(slowSleep), X(fastSleeps[0]), 1);
        Assert.Equal(X(slowSleep) + Width(slowSleep), X(fastSleeps[4]) + Width(fastSleeps[4]), 1);
        var second = (Width(slowSleep) + 1) / 5;
        for (var k = 1; k < 5; k++)
        {
            Assert.Equal(second, X(fastSleeps[k]) - X(fastSleeps[k - 1]), 1);
            Assert.Equal(second - 1, Width(fastSleeps[k]), 1);
        }
    }

    [Fact]
    public void Names_that_xml_cannot_hold_as_written_still_give_valid_xml()
    {
        var recorder = new TimelineRecorder();
        var scheduler = new Scheduler(new VirtualClock()) { Observer = recorder };
        scheduler.Spawn(new CountWorker("<b>&\"'", 1, 1000));
        scheduler.Spawn(new CountWorker("bell\u0007\ud800", 1, 1000));
        scheduler.Run();

        var document = XDocument.Parse(SvgTimeline.Render(recorder, "a & b < c"));

        var names = document.Root!.Elements(Svg + "g").Select(g => (string)g.Attribute("data-name")!).ToList();
        Assert.Equal(new[] { "<b>&\"'", "bell??" }, names);
        Assert.Equal("a & b < c", (string)document.Root!.Element(Svg + "title")!);
    }

    [Fact]
    public void An_empty_recording_is_still_a_valid_picture()
    {
        var document = XDocument.Parse(SvgTimeline.Render(new TimelineRecorder()));
        Assert.Equal(Svg + "svg", document.Root!.Name);
        Assert.Empty(document.Root.Elements(Svg + "g"));
    }

    [Fact]
    public void Write_creates_the_folder_and_a_utf8_file_without_a_byte_order_mark()
    {
        var directory = Path.Combine(Path.GetTempPath(), "coroutines-svg-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(directory, "nested", "seed.svg");
            SvgTimeline.Write(SeedRun.Record(), path);

            var bytes = File.ReadAllBytes(path);
            Assert.NotEqual(0xEF, bytes[0]);
            Assert.Equal(Svg + "svg", XDocument.Parse(File.ReadAllText(path)).Root!.Name);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
