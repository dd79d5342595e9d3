using System;
using System.Collections.Generic;
using System.Globalization;

namespace Coroutines.Tests;

/// <summary>
/// An ordered log of "t=&lt;seconds&gt; &lt;text&gt;" lines, stamped with <see cref="Clock.Current"/>
/// (the scheduler's clock while it runs).
/// </summary>
public sealed class Trace
{
    public List<string> Lines { get; } = new();

    public void Add(string text) => Lines.Add($"t={Format(Clock.Current.Now)} {text}");

    public static string Format(TimeSpan time) =>
        time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    public override string ToString() => string.Join(Environment.NewLine, Lines);
}

/// <summary>
/// A hand-written state machine for the body
/// <code>
/// trace("name start");
/// for (k = 1..delays.Length) { Yield.Sleep(delays[k-1]); trace("name step k"); }
/// return delays.Length;
/// </code>
/// The seed's worker is <see cref="Worker"/>. Tracing is optional: with no trace a step allocates nothing.
/// </summary>
public sealed class Sleeper : Coroutine<int>
{
    private readonly int[] _delays;
    private readonly Trace? _trace;
    private int _state;

    public Sleeper(string name, Trace? trace, params int[] delaysMs)
    {
        Name = name;
        _trace = trace;
        _delays = delaysMs;
    }

    /// <summary>The seed's worker: <paramref name="steps"/> steps of <paramref name="delayMs"/> each.</summary>
    public static Sleeper Worker(string name, int steps, int delayMs, Trace? trace)
    {
        var delays = new int[steps];
        Array.Fill(delays, delayMs);
        return new Sleeper(name, trace, delays);
    }

    /// <summary>How many times <see cref="Step"/> has run.</summary>
    public int StepsRun { get; private set; }

    protected override Suspension Step()
    {
        StepsRun++;
        if (_trace is not null)
        {
            _trace.Add(_state == 0 ? $"{Name} start" : $"{Name} step {_state}");
        }
        if (_state < _delays.Length)
        {
            return Suspension.Sleep(_delays[_state++]);
        }
        return Complete(_delays.Length);
    }
}

/// <summary>
/// A coroutine whose k-th step (0-based) is <c>body(k)</c>: handy for throwing, cancelling itself
/// or touching the scheduler at an exact point.
/// </summary>
public sealed class ScriptedCoroutine : Coroutine<int>
{
    private readonly Func<int, Suspension> _body;

    public ScriptedCoroutine(string name, Func<int, Suspension> body)
    {
        Name = name;
        _body = body;
    }

    public int StepsRun { get; private set; }

    protected override Suspension Step()
    {
        var step = StepsRun++;
        var suspension = _body(step);
        return suspension.Kind == SuspensionKind.Done ? Complete(step) : suspension;
    }
}

/// <summary>
/// What the generator will emit for a body that observes cancellation:
/// <code>
/// try { trace("start"); Yield.Sleep(d); trace("woke 1"); Yield.Sleep(d); trace("end"); }
/// catch (OperationCanceledException) when (swallow) { trace("caught"); }
/// finally { trace("finally"); }
/// </code>
/// Every resume point calls <see cref="Coroutine.ThrowPending"/> inside the try.
/// </summary>
public sealed class CancellationAwareCoroutine : Coroutine
{
    private readonly Trace _trace;
    private readonly int _delayMs;
    private readonly bool _swallow;
    private readonly bool _cancelSelfAfterWake;
    private int _state;

    /// <param name="swallow">Catch the cancellation and complete.</param>
    /// <param name="cancelSelfAfterWake">Call <c>Cancel()</c> on itself right after "woke 1".</param>
    public CancellationAwareCoroutine(string name, Trace trace, int delayMs, bool swallow = false, bool cancelSelfAfterWake = false)
    {
        Name = name;
        _trace = trace;
        _delayMs = delayMs;
        _swallow = swallow;
        _cancelSelfAfterWake = cancelSelfAfterWake;
    }

    public int StepsRun { get; private set; }

    protected override bool ObservesCancellation => true;

    protected override Suspension Step()
    {
        StepsRun++;
        var suspending = false;
        try
        {
            switch (_state)
            {
                case 0:
                    _trace.Add($"{Name} start");
                    _state = 1;
                    suspending = true;
                    return Suspension.Sleep(_delayMs);
                case 1:
                    ThrowPending();
                    _trace.Add($"{Name} woke 1");
                    if (_cancelSelfAfterWake)
                    {
                        Cancel();
                    }
                    _state = 2;
                    suspending = true;
                    return Suspension.Sleep(_delayMs);
                default:
                    ThrowPending();
                    _trace.Add($"{Name} end");
                    _state = 3;
                    return Suspension.Done;
            }
        }
        catch (OperationCanceledException) when (_swallow)
        {
            _trace.Add($"{Name} caught");
            _state = 3;
            return Suspension.Done;
        }
        finally
        {
            if (!suspending)
            {
                _trace.Add($"{Name} finally");
            }
        }
    }
}

/// <summary>Records every observer event as "t=&lt;s&gt; &lt;event&gt; &lt;name&gt;[ detail]".</summary>
public sealed class RecordingObserver : ISchedulerObserver
{
    public List<string> Events { get; } = new();

    /// <summary>Optional hook run on a fault (e.g. to read the exception and so observe it).</summary>
    public Action<Coroutine, Exception>? OnFault { get; set; }

    private void Add(string what, Coroutine coroutine, TimeSpan time, string? detail = null) =>
        Events.Add($"t={Trace.Format(time)} {what} {coroutine.Name}{(detail is null ? "" : " " + detail)}");

    public void OnSpawned(Coroutine coroutine, TimeSpan time) => Add("spawned", coroutine, time);

    public void OnResumed(Coroutine coroutine, TimeSpan time) => Add("resumed", coroutine, time);

    public void OnSuspended(Coroutine coroutine, Suspension suspension, TimeSpan time) =>
        Add("suspended", coroutine, time, suspension.ToString());

    public void OnCompleted(Coroutine coroutine, TimeSpan time) => Add("completed", coroutine, time);

    public void OnFaulted(Coroutine coroutine, Exception exception, TimeSpan time)
    {
        Add("faulted", coroutine, time, exception.GetType().Name);
        OnFault?.Invoke(coroutine, exception);
    }

    public void OnCanceled(Coroutine coroutine, TimeSpan time) => Add("canceled", coroutine, time);
}

/// <summary>An exception type no runtime code throws, so tests can tell it apart.</summary>
public sealed class BoomException : Exception
{
    public BoomException(string message)
        : base(message)
    {
    }
}

/// <summary>Collects <see cref="Scheduler.UnobservedFault"/> reports.</summary>
public sealed class FaultLog
{
    public FaultLog(Scheduler scheduler) => scheduler.UnobservedFault += (_, e) => Reports.Add(e);

    public List<UnobservedFaultEventArgs> Reports { get; } = new();
}
