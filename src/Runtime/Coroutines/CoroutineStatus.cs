namespace Coroutines;

/// <summary>Where a coroutine is in its life.</summary>
public enum CoroutineStatus
{
    /// <summary>Created, not yet spawned on a scheduler.</summary>
    Created = 0,

    /// <summary>In the scheduler's ready queue: it runs in the next pass.</summary>
    Ready,

    /// <summary>Its step is executing right now.</summary>
    Running,

    /// <summary>Suspended until a deadline on the scheduler's clock.</summary>
    Sleeping,

    /// <summary>
    /// Suspended until something else wakes it: a coroutine it called or awaits finishes, or a
    /// channel has room or an item for it.
    /// </summary>
    Waiting,

    /// <summary>Ran to its end.</summary>
    Completed,

    /// <summary>An exception left its body; see <see cref="Coroutine.Exception"/>.</summary>
    Faulted,

    /// <summary>Cancelled before it finished.</summary>
    Canceled,
}
