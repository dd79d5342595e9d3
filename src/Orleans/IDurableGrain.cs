using System.Threading.Tasks;
using Orleans;
using Orleans.Concurrency;

namespace Coroutines.Orleans;

/// <summary>
/// What every <see cref="DurableGrain"/> answers besides its own grain interface: a wake-up. A grain
/// deactivated while a coroutine of it is due soon sends itself one; Orleans holds it until the
/// deactivation has ended and delivers it to a new activation, on any silo (docs/durable.md, Sleeps).
/// </summary>
public interface IDurableGrain : IGrain
{
    /// <summary>Runs a turn: what is due runs, and the grain arms its next wake-up. Harmless at any time.</summary>
    [OneWay]
    Task Wake();
}
