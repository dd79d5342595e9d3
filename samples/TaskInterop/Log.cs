using System;
using Coroutines;

namespace TaskInterop;

/// <summary>Prints lines with the scheduler's time and the thread they ran on.</summary>
public sealed class Log(Scheduler scheduler)
{
    public void Write(string text) =>
        Console.WriteLine($"{scheduler.Now.TotalSeconds,5:0.00}s [thread {Environment.CurrentManagedThreadId,2}] {text}");
}
