using System;
using Coroutines;

namespace SeedDemo;

/// <summary>
/// The seed's worker, written as plain sequential code. [Coroutine] makes the source generator
/// add, inside this class, a state machine (<c>Workers.CountStateMachine</c>) and a factory
/// (<c>Workers.CountCoroutine(...)</c>) that returns it. Read the generated class in
/// Generated/SeedDemo.Workers.CountStateMachine.g.cs (a copy; the build writes it under obj/).
/// </summary>
public static partial class Workers
{
    /// <summary>Prints and sleeps <paramref name="steps"/> times; returns 1 + 2 + ... + steps.</summary>
    [Coroutine]
    public static int Count(string name, int steps, int delayMs)
    {
        int total = 0;
        for (int i = 1; i <= steps; i++)
        {
            Console.WriteLine($"{Clock.Current.Now.TotalSeconds:0}s {name} step {i}");
            Yield.Sleep(delayMs);
            total += i;
        }
        return total;
    }
}
