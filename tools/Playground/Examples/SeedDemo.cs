using System;
using Coroutines;

// The seed demo: a "fast" worker (5 steps of 1 s) and a "slow" one (1 step of 5 s), written once
// as a [Coroutine] method. Side by side on one scheduler they finish together after 5 s.
// Run: a virtual clock, so no waiting. Step: one resume at a time.
var scheduler = new Scheduler(new VirtualClock());
var fast = Workers.CountCoroutine("fast", 5, 1000); // the generated factory: a new state machine
var slow = Workers.CountCoroutine("slow", 1, 5000);
fast.Name = "fast"; // the timeline's row names
slow.Name = "slow";
scheduler.Spawn(fast);
scheduler.Spawn(slow);
scheduler.Run(); // returns when both have finished
Console.WriteLine($"Both finished after {scheduler.Now.TotalSeconds} s: fast counted {fast.Result}, slow counted {slow.Result}.");

public static partial class Workers
{
    /// <summary>Prints and sleeps <paramref name="steps"/> times; returns 1 + 2 + ... + steps.</summary>
    [Coroutine]
    public static int Count(string name, int steps, int delayMs)
    {
        int total = 0;
        for (int i = 1; i <= steps; i++)
        {
            Console.WriteLine($"{Clock.Current.Now.TotalSeconds:0}s {name} step {i}");
            Yield.Sleep(delayMs);
            total += i;
        }
        return total;
    }
}
