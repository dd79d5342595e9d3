using System.Collections.Generic;
using System.Threading.Tasks;
using Orleans;

namespace Coroutines.Orleans.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>The next number for <paramref name="caller"/>: 1, 2, 3...</summary>
    Task<int> Next(string caller);
}

/// <summary>An ordinary grain that durable coroutines call.</summary>
public sealed class CounterGrain : Grain, ICounterGrain
{
    private readonly Dictionary<string, int> _counts = new();

    public Task<int> Next(string caller)
    {
        _counts[caller] = _counts.TryGetValue(caller, out var n) ? n + 1 : 1;
        return Task.FromResult(_counts[caller]);
    }
}
