using System;
using Coroutines;

namespace SeedDemo;

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
}
