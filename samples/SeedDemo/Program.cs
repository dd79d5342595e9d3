using System;
using System.Globalization;
using System.IO;
using Coroutines;
using Coroutines.Tracing;
using SeedDemo;

// The seed example: a "fast" worker (5 steps of 1 s) and a "slow" one (1 step of 5 s), written
// once as a [Coroutine] method (Workers.cs). Run side by side on one scheduler they finish
// together after 5 s; called directly, one after the other, they take 10 s. --virtual runs both
// on virtual clocks: the same output, no waiting. --svg PATH says where the timeline picture goes.

var useVirtualClock = false;
var svgPath = Path.Combine("artifacts", "seed-demo-timeline.svg");
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--virtual")
    {
        useVirtualClock = true;
    }
    else if (args[i] == "--svg" && i + 1 < args.Length)
    {
        svgPath = args[++i];
    }
    else
    {
        Console.Error.WriteLine("usage: SeedDemo [--virtual] [--svg PATH]");
        return 2;
    }
}

IClock NewClock() => useVirtualClock ? new VirtualClock() : new SystemClock();
static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

Console.WriteLine("Seed demo: a fast worker (5 steps x 1 s) and a slow worker (1 step x 5 s).");
Console.WriteLine(useVirtualClock ? "Clock: virtual (instant, same times)." : "Clock: real time (takes about 15 s).");
Console.WriteLine();

Console.WriteLine("1) Side by side: the generated state machines on one scheduler");
var recorder = new TimelineRecorder();
var scheduler = new Scheduler(NewClock()) { Observer = recorder };
var fast = Workers.CountCoroutine("fast", 5, 1000); // the generated factory: a new state machine
var slow = Workers.CountCoroutine("slow", 1, 5000);
fast.Name = "fast"; // the timeline's row names (by default, the method's name)
slow.Name = "slow";
scheduler.Spawn(fast);
scheduler.Spawn(slow);
scheduler.Run(); // returns when both have finished
var sideBySide = scheduler.Now;
Console.WriteLine($"Both finished after {Seconds(sideBySide)} s: fast counted {fast.Result}, slow counted {slow.Result}, sum {fast.Result + slow.Result}.");
Console.WriteLine();
Console.Write(TextTimeline.Render(recorder));
SvgTimeline.Write(recorder, svgPath, "Seed demo: fast (5 x 1 s) and slow (1 x 5 s) side by side");
Console.WriteLine();

Console.WriteLine("2) One after the other: the original method called directly (each Yield.Sleep blocks)");
TimeSpan sequential;
var clock = NewClock();
using (Clock.Use(clock)) // Yield.Sleep blocks on the current clock
{
    var fastTotal = Workers.Count("fast", 5, 1000);
    var slowTotal = Workers.Count("slow", 1, 5000);
    sequential = clock.Now;
    Console.WriteLine($"Both finished after {Seconds(sequential)} s: fast counted {fastTotal}, slow counted {slowTotal}, sum {fastTotal + slowTotal}.");
}
Console.WriteLine();

Console.WriteLine($"Side by side: {Seconds(sideBySide)} s. One after the other: {Seconds(sequential)} s.");
Console.WriteLine($"Timeline picture: {svgPath}");
return 0;
