using System;

namespace Coroutines;

/// <summary>
/// Marks a method whose body the Coroutines source generator rewrites into a resumable state
/// machine. The generator adds, next to the method, a factory <c>MCoroutine(...)</c> that returns
/// the state machine; calling the method itself still runs its body sequentially.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CoroutineAttribute : Attribute
{
    /// <summary>
    /// True: the state machine can be saved with its scheduler (<see cref="Scheduler.Save"/>,
    /// docs/snapshots.md). The generator then writes its snapshot code and manifest, and reports
    /// COR0030 at each parameter or hoisted local whose type cannot be saved.
    /// </summary>
    public bool Saveable { get; set; }
}
