using System.Collections.Generic;
using System.Threading.Tasks;
using Orleans;

namespace Coroutines.Orleans.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>The next number for <paramref name="caller"/> (1, 2, 3...), answered after <paramref name="delayMs"/>.</summary>
    Task<int> Next(string caller, int delayMs);
}

/// <summary>An ordinary grain that durable coroutines call.</summary>
public sealed class CounterGrain : Grain, ICounterGrain
{
    private readonly Dictionary<string, int> _counts = new();

    public async Task<int> Next(string caller, int delayMs)
    {
        var next = _counts[caller] = _counts.TryGetValue(caller, out var n) ? n + 1 : 1;
        if (delayMs > 0)
        {
            await Task.Delay(delayMs);
        }
        return next;
    }
}
