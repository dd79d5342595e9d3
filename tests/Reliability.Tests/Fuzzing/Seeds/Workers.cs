using System;
using Coroutines;

namespace Demo;

public static partial class Workers
{
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

    [Coroutine]
    public static void Blink(int times)
    {
        var on = false;
        while (times-- > 0)
        {
            on = !on;
            Console.WriteLine(on ? "on" : "off");
            Yield.Sleep(500);
        }
    }

    [Coroutine]
    public static string Countdown(int from = 3)
    {
        do
        {
            Console.WriteLine(from);
            Yield.Sleep(TimeSpan.FromSeconds(1));
        }
        while (--from > 0);
        return "lift-off";
    }
}
