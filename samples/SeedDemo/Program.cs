using System;
using Coroutines;
using SeedDemo;

// The seed example: a "fast" worker (5 steps of 1 s) and a "slow" one (1 step of 5 s).
// Run side by side on one scheduler they finish together after 5 s; run one after the other
// they take 10 s. Pass --virtual to run both on virtual clocks: same output, no waiting.

var useVirtualClock = args.Length > 0 && args[0] == "--virtual";
if (args.Length > 1 || (args.Length == 1 && !useVirtualClock))
{
    Console.Error.WriteLine("usage: SeedDemo [--virtual]");
    return 2;
}

IClock NewClock() => useVirtualClock ? new VirtualClock() : new SystemClock();

Console.WriteLine("Seed demo: a fast worker (5 steps x 1 s) and a slow worker (1 step x 5 s).");
Console.WriteLine(useVirtualClock ? "Clock: virtual (instant, same times)." : "Clock: real time (takes about 15 s).");
Console.WriteLine();

Console.WriteLine("1) Side by side, on one scheduler:");
var scheduler = new Scheduler(NewClock());
var fast = scheduler.Spawn(new Worker("fast", steps: 5, delayMs: 1000));
var slow = scheduler.Spawn(new Worker("slow", steps: 1, delayMs: 5000));
scheduler.Run(); // returns when both have finished
var sideBySide = scheduler.Now;
Console.WriteLine($"  Both finished after {Output.Seconds(sideBySide)} s ({fast.Result} + {slow.Result} steps).");
Console.WriteLine();

Console.WriteLine("2) One after the other, as plain sequential calls:");
TimeSpan sequential;
var clock = NewClock();
using (Clock.Use(clock)) // Yield.Sleep blocks on the current clock
{
    var fastSteps = Worker.RunSequentially("fast", steps: 5, delayMs: 1000);
    var slowSteps = Worker.RunSequentially("slow", steps: 1, delayMs: 5000);
    sequential = clock.Now;
    Console.WriteLine($"  Both finished after {Output.Seconds(sequential)} s ({fastSteps} + {slowSteps} steps).");
}
Console.WriteLine();

Console.WriteLine($"Side by side: {Output.Seconds(sideBySide)} s. One after the other: {Output.Seconds(sequential)} s.");
return 0;
