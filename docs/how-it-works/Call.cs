using System;
using Coroutines;

namespace Tour;

public static partial class Numbers
{
    [Coroutine]
    public static int Fib(int n)
    {
        if (n < 2)
        {
            Yield.Sleep(1);
            return n;
        }
        var x = Fib(n - 1);
        var y = Fib(n - 2);
        return x + y;
    }
}
