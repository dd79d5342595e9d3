using System;
using Coroutines;

namespace Tour;

public static partial class Worker
{
    [Coroutine]
    public static void Work()
    {
        try
        {
            Yield.Sleep(1000);
            Console.WriteLine("working");
        }
        finally
        {
            Console.WriteLine("closed");
        }
    }
}
