namespace Coroutines.Benchmarks;

/// <summary>The competitors' display names: the benchmarks' descriptions, and what the report looks for.</summary>
public static class Names
{
    public const string HandWritten = "Hand-written, Queue+PriorityQueue";
    public const string Generated = "Generated [Coroutine], Scheduler";
    public const string Iterator = "C# iterator, minimal loop";
    public const string IteratorOnScheduler = "C# iterator, Scheduler";
    public const string AsyncCustomAwaiter = "async/await, custom awaiter, minimal loop";
    public const string TaskYieldContext = "Task.Yield, single-thread SynchronizationContext";
    public const string TaskYieldThreadPool = "Task.Yield, thread pool";
    public const string GeneratorCold = "Generator: 1,000 methods, cold run";
    public const string GeneratorCached = "Generator: cached re-run after an unrelated edit";
    public const string GeneratorCoroutineEdit = "Generator: re-run after an edit inside one coroutine";
    public const string CompilerBindsBodies = "Compiler: bind the same method bodies (GetMethodBodyDiagnostics)";
}
