using System.Collections.Generic;
using Coroutines;

public static partial class Escapes
{
    [Coroutine]
    public static void Odd()
    {
        Yield.Sleep(Pick("a;b \"c\" #1", new List<int> { 1 }));
    }

    private static int Pick(string text, List<int> list) => text.Length + list.Count;
}
