using System;
using Coroutines;

// Cancel() resumes a suspended coroutine with an OperationCanceledException at its suspension
// point: its catch and finally blocks run, and the coroutine ends Canceled.
var scheduler = new Scheduler(new VirtualClock());
var ticker = scheduler.Spawn(Tickers.TickCoroutine("ticker"));
ticker.Name = "ticker";
scheduler.CallLater(3500, ticker.Cancel); // cancel it after 3.5 s
scheduler.Run();
Console.WriteLine($"The ticker ended {ticker.Status} at {scheduler.Now.TotalSeconds} s.");

public static partial class Tickers
{
    [Coroutine]
    public static void Tick(string name)
    {
        int ticks = 0;
        try
        {
            while (true)
            {
                Yield.Sleep(1000);
                ticks++;
                Console.WriteLine($"{name}: tick {ticks}");
            }
        }
        finally
        {
            Console.WriteLine($"{name}: stopped after {ticks} ticks");
        }
    }
}
