using System;
using System.Collections.Generic;
using Coroutines;

namespace Tour;

public static partial class Adder
{
    [Coroutine]
    public static int Sum(List<int> items)
    {
        int sum = 0;
        foreach (var item in items)
        {
            Yield.Sleep(10);
            sum += item;
        }
        return sum;
    }
}
