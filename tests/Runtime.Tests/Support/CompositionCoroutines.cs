using System;

namespace Coroutines.Tests;

/// <summary>
/// A hand-written state machine for a recursive coroutine, as the generator lowers it:
/// <code>
/// [Coroutine] int Depth(int n, int sleepAtBottomMs, bool throwAtBottom)
/// {
///     try
///     {
///         if (n == 0) { Yield.Sleep(sleepAtBottomMs); if (throwAtBottom) throw new BoomException("bottom"); return 0; }
///         var below = Depth(n - 1, sleepAtBottomMs, throwAtBottom);   // a call: a suspension point
///         return below + 1;
///     }
///     finally { trace?.Add($"finally {n}"); }
/// }
/// </code>
/// </summary>
public sealed class DepthCoroutine : Coroutine<int>
{
    private readonly int _n;
    private readonly int _sleepAtBottomMs;
    private readonly bool _throwAtBottom;
    private readonly Trace? _trace;
    private DepthCoroutine? _call;
    private int _state;

    public DepthCoroutine(int n, int sleepAtBottomMs = 0, bool throwAtBottom = false, Trace? trace = null)
    {
        _n = n;
        _sleepAtBottomMs = sleepAtBottomMs;
        _throwAtBottom = throwAtBottom;
        _trace = trace;
    }

    protected override string DefaultName => "Depth";

    protected override bool ObservesCancellation => true;

    protected override Coroutine? Callee => _call;

    protected override Suspension Step()
    {
        var suspending = false;
        try
        {
            switch (_state)
            {
                case 1: goto resumeCall;
                case 2: goto resumeSleep;
            }
            _state = -1;
            if (_n != 0)
            {
                goto call;
            }
            _state = 2;
            suspending = true;
            return Suspension.Sleep(_sleepAtBottomMs);
        resumeSleep:
            _state = -1;
            ThrowPending();
            if (_throwAtBottom)
            {
                throw new BoomException("bottom");
            }
            return Complete(0);
        call:
            _call = new DepthCoroutine(_n - 1, _sleepAtBottomMs, _throwAtBottom, _trace);
            var suspension = Suspension.Call(_call);
            _state = 1;
            suspending = true;
            return suspension;
        resumeCall:
            _state = -1;
            ThrowPending();
            var below = _call!.Result;
            _call = null;
            return Complete(below + 1);
        }
        finally
        {
            if (!suspending)
            {
                _trace?.Add($"finally {_n}");
            }
        }
    }
}

/// <summary>
/// A coroutine whose steps are given as a function of the step index; it observes cancellation
/// (each step after the first starts with ThrowPending) and traces where it ends.
/// </summary>
public sealed class StepsCoroutine<T> : Coroutine<T>
{
    private readonly Func<int, StepsCoroutine<T>, Suspension> _body;
    private readonly Trace? _trace;
    private int _step;

    public StepsCoroutine(string name, Trace? trace, Func<int, StepsCoroutine<T>, Suspension> body)
    {
        Name = name;
        _trace = trace;
        _body = body;
    }

    protected override bool ObservesCancellation => true;

    /// <summary>Ends the body with <paramref name="value"/>.</summary>
    public Suspension Return(T value) => Complete(value);

    protected override Suspension Step()
    {
        var step = _step++;
        try
        {
            if (step > 0)
            {
                ThrowPending();
            }
            return _body(step, this);
        }
        catch (Exception e)
        {
            _trace?.Add($"{Name} threw {e.GetType().Name}");
            throw;
        }
    }
}
