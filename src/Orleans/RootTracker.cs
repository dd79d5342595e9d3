using System;
using System.Collections.Generic;

namespace Coroutines.Orleans;

/// <summary>Records in the grain's state how each coroutine the grain started (tagged as a root) ended.</summary>
internal sealed class RootTracker : ISchedulerObserver
{
    public const string RootTag = "durable-root";

    private readonly Func<DurableCoroutineState> _state;

    public RootTracker(Func<DurableCoroutineState> state) => _state = state;

    /// <summary>Coroutines that ended since the last checkpoint.</summary>
    public List<Coroutine> Ended { get; } = new();

    public void OnCompleted(Coroutine coroutine, TimeSpan time) =>
        End(coroutine, coroutine is Coroutine<string> text ? text.Result : "Completed");

    // Reading Exception marks the fault as read: it is recorded here, not reported as unobserved.
    public void OnFaulted(Coroutine coroutine, Exception exception, TimeSpan time) =>
        End(coroutine, $"Faulted: {coroutine.Exception?.Message}");

    public void OnCanceled(Coroutine coroutine, TimeSpan time) => End(coroutine, "Canceled");

    private void End(Coroutine coroutine, string outcome)
    {
        if (!coroutine.HasTag(RootTag))
        {
            return;
        }
        var state = _state();
        state.Live.Remove(coroutine.Name);
        state.Outcomes[coroutine.Name] = outcome;
        Ended.Add(coroutine);
    }
}
