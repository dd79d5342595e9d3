using System;

namespace Coroutines.Playground.Running;

/// <summary>The limits of a run (configuration section "Runner"; tests shorten them).</summary>
internal sealed class RunnerOptions
{
    /// <summary>How long compiling may take (the runner starts cold: Roslyn loads and JITs first).</summary>
    public TimeSpan CompileTimeLimit { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>How long the program may run, in real time (it runs on a virtual clock: sleeps cost nothing).</summary>
    public TimeSpan RunTimeLimit { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The runner's GC heap limit (DOTNET_GCHeapHardLimit), compiler included.</summary>
    public int MemoryLimitMb { get; set; } = 512;

    /// <summary>Runs at once; more wait for a free slot.</summary>
    public int MaxConcurrentRuns { get; set; } = 2;
}
