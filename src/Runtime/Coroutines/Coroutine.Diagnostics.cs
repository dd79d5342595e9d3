namespace Coroutines;

public abstract partial class Coroutine
{
    /// <summary>The name of its method (a generated state machine's <see cref="DefaultName"/>), for logical stacks.</summary>
    internal string MethodName => DefaultName;

    /// <summary>What it waits for, in words (for the live dump); null if it waits for nothing.</summary>
    internal string? DescribeWait() => WaitingOn switch
    {
        Coroutine awaited => $"coroutine '{awaited.Name}' ({awaited.Status})",
        WaitTarget target => target.Describe(),
        _ => null,
    };
}
