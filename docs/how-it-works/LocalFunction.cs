using System;
using Coroutines;

namespace Tour;

public static partial class Tally
{
    [Coroutine]
    public static int Run(int start)
    {
        int count = start;
        Add(2);
        count += 10;
        return count + Add(1);

        [Coroutine]
        int Add(int times)
        {
            count++;
            Yield.Sleep(times);
            return count;
        }
    }
}
