using System;
using Coroutines;

namespace Tour;

public sealed class Connection : IDisposable
{
    public void Dispose() => Console.WriteLine("closed");
}

public static partial class Client
{
    [Coroutine]
    public static void Talk()
    {
        using (var connection = new Connection())
        {
            Yield.Sleep(100);
            Console.WriteLine("talking");
        }
    }
}
