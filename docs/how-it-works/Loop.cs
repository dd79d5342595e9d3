using System;
using Coroutines;

namespace Tour;

public static partial class Counter
{
    [Coroutine]
    public static int Count(int steps)
    {
        int total = 0;
        int i = 1;
        while (i <= steps)
        {
            Yield.Sleep(1000);
            total += i;
            i++;
        }
        return total;
    }
}
