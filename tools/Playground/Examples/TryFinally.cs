using System;
using Coroutines;

// A try/finally that sleeps inside its try: the try keeps its real C# try with a dispatch of its
// own, and a guard (state < 0) keeps the finally from running while the body is only suspended.
var scheduler = new Scheduler(new VirtualClock());
var job = scheduler.Spawn(Jobs.WorkCoroutine("job", 3));
scheduler.Run();
Console.WriteLine($"Done at {scheduler.Now.TotalSeconds} s.");

public static partial class Jobs
{
    [Coroutine]
    public static void Work(string name, int rounds)
    {
        Console.WriteLine($"{name}: open");
        try
        {
            for (int round = 1; round <= rounds; round++)
            {
                Yield.Sleep(1000);
                Console.WriteLine($"{name}: round {round} at {Clock.Current.Now.TotalSeconds} s");
            }
        }
        finally
        {
            Console.WriteLine($"{name}: closed");
        }
    }
}
