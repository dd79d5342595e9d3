using System;
using Coroutines;

namespace Tour;

public static partial class Waiter
{
    [Coroutine]
    public static string Wait(int mode)
    {
        switch (mode)
        {
            case 0:
                return "now";
            case 1:
                Yield.Sleep(1000);
                return "soon";
            default:
                Yield.Sleep(5000);
                return "later";
        }
    }
}
