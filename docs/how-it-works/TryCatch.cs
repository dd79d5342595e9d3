using System;
using Coroutines;

namespace Tour;

public static partial class Retry
{
    [Coroutine]
    public static int Fetch(int attempt)
    {
        try
        {
            Yield.Sleep(100);
            if (attempt < 2)
            {
                throw new InvalidOperationException("busy");
            }
            return attempt;
        }
        catch (InvalidOperationException e)
        {
            Console.WriteLine(e.Message);
            Yield.Sleep(500); // back off: a suspension inside the catch
            return -1;
        }
    }
}
