using System;
using System.Globalization;
using Coroutines;

namespace SeedDemo;

/// <summary>
/// The seed's worker as a state machine written by hand (the source generator will write these
/// for [Coroutine] methods). The body it stands for:
/// <code>
/// int Work(string name, int steps, int delayMs)
/// {
///     Print($"{name}: started");
///     for (var step = 1; step &lt;= steps; step++)
///     {
///         Yield.Sleep(delayMs);
///         Print($"{name}: step {step} of {steps} done");
///     }
///     return steps;
/// }
/// </code>
/// </summary>
internal sealed class Worker : Coroutine<int>
{
    private readonly int _steps;
    private readonly int _delayMs;
    private int _step; // state: how many sleeps have been requested so far

    public Worker(string name, int steps, int delayMs)
    {
        Name = name;
        _steps = steps;
        _delayMs = delayMs;
    }

    protected override Suspension Step()
    {
        // Each call runs the body up to its next Yield.Sleep and returns that sleep.
        if (_step == 0)
        {
            Output.Print($"{Name}: started");
        }
        else
        {
            Output.Print($"{Name}: step {_step} of {_steps} done");
        }
        if (_step < _steps)
        {
            _step++;
            return Suspension.Sleep(_delayMs);
        }
        return Complete(_steps);
    }

    /// <summary>The same body as plain, sequential code: each <see cref="Yield.Sleep(int)"/> blocks.</summary>
    public static int RunSequentially(string name, int steps, int delayMs)
    {
        Output.Print($"{name}: started");
        for (var step = 1; step <= steps; step++)
        {
            Yield.Sleep(delayMs);
            Output.Print($"{name}: step {step} of {steps} done");
        }
        return steps;
    }
}

internal static class Output
{
    /// <summary>Prints a line stamped with the current clock's time (the scheduler's clock while it runs).</summary>
    public static void Print(string text) => Console.WriteLine($"  [{Seconds(Clock.Current.Now),5} s] {text}");

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}
