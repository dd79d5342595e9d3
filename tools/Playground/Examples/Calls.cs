using System;
using Coroutines;

// Calling a coroutine from a coroutine (here, recursion): each call becomes a field and a state,
// and the callee runs as a frame on the same scheduler, not on the thread's stack.
var scheduler = new Scheduler(new VirtualClock());
var fib = scheduler.Spawn(Maths.FibCoroutine(6));
fib.Name = "fib(6)";
scheduler.Run();
Console.WriteLine($"fib(6) = {fib.Result} after {scheduler.Now.TotalSeconds} s");

public static partial class Maths
{
    [Coroutine]
    public static int Fib(int n)
    {
        if (n < 2)
        {
            Yield.Sleep(100); // each leaf takes 0.1 s
            return n;
        }
        var a = Fib(n - 1);
        var b = Fib(n - 2);
        return a + b;
    }
}
