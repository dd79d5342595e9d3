using System.Collections.Generic;

namespace Coroutines.Orleans.Benchmarks;

public static partial class Workflows
{
    /// <summary>An order-like coroutine: a loop of steps, each writing a line and sleeping.</summary>
    [Coroutine(Saveable = true)]
    public static int Order(List<string> ledger, string order, int steps, int stepMs)
    {
        var lines = new List<string>();
        for (var step = 0; step < steps; step++)
        {
            lines.Add($"{order}: step {step} done");
            Yield.Sleep(stepMs);
        }
        ledger.Add(order);
        return lines.Count;
    }
}
