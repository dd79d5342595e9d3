using System;
using System.Collections.Generic;
using Coroutines;

namespace Tour;

public static partial class Greetings
{
    [Coroutine]
    public static List<Func<string>> Greeters(string[] names)
    {
        var greeters = new List<Func<string>>();
        foreach (var name in names)
        {
            greeters.Add(() => $"Hello, {name}");
            Yield.Sleep(10);
        }
        return greeters;
    }
}
