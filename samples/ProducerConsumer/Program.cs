using System;
using System.Globalization;
using System.IO;
using Coroutines;
using Coroutines.Tracing;
using ProducerConsumer;

// Producer/consumer with coroutines (Kitchen.cs): a desk sends 9 orders through a counter that
// holds 2 tickets to 3 cooks; the whole shift is one coroutine that spawns the others and waits
// for them. --virtual runs on a virtual clock: the same output, at once.

var useVirtualClock = false;
var svgPath = Path.Combine("artifacts", "producer-consumer-timeline.svg");
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
        Console.Error.WriteLine("usage: ProducerConsumer [--virtual] [--svg PATH]");
        return 2;
    }
}

Console.WriteLine("Producer/consumer: a desk, a counter for 2 tickets, 3 cooks, 9 orders.");
Console.WriteLine(useVirtualClock ? "Clock: virtual (instant, same times)." : "Clock: real time (takes about 2 s).");
Console.WriteLine();

var log = new Log();
var recorder = new TimelineRecorder();
var scheduler = new Scheduler(useVirtualClock ? new VirtualClock() : new SystemClock()) { Observer = recorder };
var shift = scheduler.Spawn(Kitchen.ShiftCoroutine(orders: 9, counterSize: 2, log));
scheduler.Run();

Console.WriteLine();
Console.WriteLine($"The shift served {shift.Result} orders in {scheduler.Now.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s.");
Console.WriteLine();
Console.Write(TextTimeline.Render(recorder));
SvgTimeline.Write(recorder, svgPath, "Producer/consumer: a desk, a counter for 2 tickets, 3 cooks");
Console.WriteLine($"Timeline picture: {svgPath}");
return 0;
