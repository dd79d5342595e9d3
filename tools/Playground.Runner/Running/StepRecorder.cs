using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Coroutines.Playground.Runner.Protocol;
using Coroutines.Tracing;

namespace Coroutines.Playground.Runner.Running;

/// <summary>
/// Watches one scheduler: feeds its timeline and, after each <c>Step()</c>, reads the state
/// machine's fields by reflection (the playground is a teaching tool: it shows what the generated
/// class holds between resumes). Forwards every event to the observer the program set, if any.
/// </summary>
internal sealed class StepRecorder(List<StepSnapshot> steps, int maxSteps, ISchedulerObserver? inner) : ISchedulerObserver
{
    private const int MaxValueLength = 80;
    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private readonly Dictionary<Coroutine, (int? State, TimeSpan Time)> _resumed = new(ReferenceEqualityComparer.Instance);

    public TimelineRecorder Timeline { get; } = new();

    public bool Truncated { get; private set; }

    private ISchedulerObserver Observer => Timeline; // its methods are explicit implementations

    public void OnSpawned(Coroutine coroutine, TimeSpan time)
    {
        Observer.OnSpawned(coroutine, time);
        inner?.OnSpawned(coroutine, time);
    }

    public void OnResumed(Coroutine coroutine, TimeSpan time)
    {
        Observer.OnResumed(coroutine, time);
        _resumed[coroutine] = (State(coroutine), time);
        inner?.OnResumed(coroutine, time);
    }

    public void OnSuspended(Coroutine coroutine, Suspension suspension, TimeSpan time)
    {
        Observer.OnSuspended(coroutine, suspension, time);
        Record(coroutine, "suspended", time);
        inner?.OnSuspended(coroutine, suspension, time);
    }

    public void OnCompleted(Coroutine coroutine, TimeSpan time)
    {
        Observer.OnCompleted(coroutine, time);
        Record(coroutine, "completed", time);
        inner?.OnCompleted(coroutine, time);
    }

    public void OnFaulted(Coroutine coroutine, Exception exception, TimeSpan time)
    {
        Observer.OnFaulted(coroutine, exception, time);
        Record(coroutine, "faulted", time);
        inner?.OnFaulted(coroutine, exception, time);
    }

    public void OnCanceled(Coroutine coroutine, TimeSpan time)
    {
        Observer.OnCanceled(coroutine, time);
        Record(coroutine, "canceled", time);
        inner?.OnCanceled(coroutine, time);
    }

    private void Record(Coroutine coroutine, string ended, TimeSpan time)
    {
        if (!_resumed.Remove(coroutine, out var resumed))
        {
            return; // ended without a step (cancelled before it started)
        }
        if (steps.Count >= maxSteps)
        {
            Truncated = true;
            return;
        }
        var fields = coroutine.GetType().GetFields(InstanceFields)
            .Where(static f => !f.IsStatic)
            .Select(f => new FieldValue(f.Name, Format(f.GetValue(coroutine))))
            .ToList();
        steps.Add(new StepSnapshot(
            steps.Count + 1,
            resumed.Time.TotalSeconds,
            coroutine.Name,
            coroutine.GetType().Name,
            resumed.State,
            ended,
            ended == "suspended" ? State(coroutine) : null,
            fields));
    }

    // The generated machine's 'state' field (a reserved name, so never a user's local).
    private static int? State(Coroutine coroutine) =>
        coroutine.GetType().GetField("state", InstanceFields)?.GetValue(coroutine) as int?;

    private static string Format(object? value)
    {
        string text;
        try
        {
            text = value switch
            {
                null => "null",
                string s => "\"" + s + "\"",
                char c => "'" + c + "'",
                bool b => b ? "true" : "false",
                Coroutine c => $"{c.Name} ({c.Status})",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                ICollection c => $"{value.GetType().Name} (Count = {c.Count})",
                _ => value.ToString() ?? "",
            };
        }
        catch (Exception e)
        {
            text = $"({e.GetType().Name} from ToString)";
        }
        return text.Length > MaxValueLength ? text[..MaxValueLength] + "…" : text;
    }
}
