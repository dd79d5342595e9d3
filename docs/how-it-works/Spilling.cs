using System;
using Coroutines;

namespace Tour;

public static partial class Prices
{
    private static int s_discount = 5;

    [Coroutine]
    public static int Total(int[] ids)
    {
        int total = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            total += Price(ids[i]) - s_discount;
        }
        Console.WriteLine($"{ids.Length} items: {total}");
        return s_discount + Price(0);
    }

    [Coroutine]
    private static int Price(int id)
    {
        Yield.Sleep(10);
        s_discount++; // another coroutine may change what the caller read before the call
        return id * 100;
    }
}
