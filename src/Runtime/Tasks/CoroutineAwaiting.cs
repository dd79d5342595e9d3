using System;
using System.Runtime.CompilerServices;

namespace Coroutines.Tasks;

/// <summary>
/// <c>await coroutine</c> in async code, with <c>using Coroutines.Tasks;</c>. Opt-in: were every
/// coroutine awaitable everywhere, each <c>scheduler.Spawn(coroutine);</c> statement would draw
/// warning CS4014 ("this call is not awaited"). Without the using, <c>await coroutine.AsTask()</c>.
/// </summary>
public static class CoroutineAwaiting
{
    /// <summary>Lets async code <c>await</c> the coroutine (see <see cref="Coroutine.AsTask"/>); safe from any thread.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="coroutine"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The coroutine was never spawned: nothing would run it.</exception>
    public static TaskAwaiter GetAwaiter(this Coroutine coroutine)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        return coroutine.AsTask().GetAwaiter();
    }

    /// <summary>Lets async code <c>await</c> the coroutine for its result (see <see cref="Coroutine{T}.AsTask"/>); safe from any thread.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="coroutine"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The coroutine was never spawned: nothing would run it.</exception>
    public static TaskAwaiter<T> GetAwaiter<T>(this Coroutine<T> coroutine)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        return coroutine.AsTask().GetAwaiter();
    }
}
