using System;

namespace Coroutines.Tests;

/// <summary>Small children to await, race and time out, as hand-written state machines (see <see cref="StepsCoroutine{T}"/>).</summary>
public static class WaitCoroutines
{
    /// <summary>
    /// <code>
    /// [Coroutine] int Child(int ms, int result) { trace("name start"); Yield.Sleep(ms); trace("name end"); return result; }
    /// </code>
    /// It observes cancellation: cancelled while it sleeps, it traces "name threw OperationCanceledException".
    /// </summary>
    public static StepsCoroutine<int> Child(string name, Trace? trace, int ms, int result) =>
        new(name, trace, (step, self) =>
        {
            if (step == 0)
            {
                trace?.Add($"{name} start");
                return Suspension.Sleep(ms);
            }
            trace?.Add($"{name} end");
            return self.Return(result);
        });

    /// <summary>
    /// <code>
    /// [Coroutine] int Failing(int ms, string message) { Yield.Sleep(ms); throw new BoomException(message); }
    /// </code>
    /// Traces "name threw BoomException" when it throws.
    /// </summary>
    public static StepsCoroutine<int> Failing(string name, Trace? trace, int ms, string message) =>
        new(name, trace, (step, self) => step == 0 ? Suspension.Sleep(ms) : throw new BoomException(message));

    /// <summary>A coroutine that completes with <paramref name="result"/> in its first step, tracing "name runs".</summary>
    public static StepsCoroutine<int> Immediate(string name, Trace? trace, int result) =>
        new(name, trace, (step, self) =>
        {
            trace?.Add($"{name} runs");
            return self.Return(result);
        });

    /// <summary>Milliseconds as a TimeSpan, for comparing with clock readings.</summary>
    public static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
