using Xunit;

namespace Coroutines.Tests;

/// <summary>
/// Tests that assert exact allocation counts (GC.GetAllocatedBytesForCurrentThread) run alone:
/// in parallel with allocation-heavy tests (hosts, tasks, thread-pool work) a steady-state count
/// was seen off by a few kilobytes once in several full runs, with nothing on the measured path allocating.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "Allocation counts";
}
