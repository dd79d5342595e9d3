using System;
using System.ComponentModel;

namespace Coroutines;

// The factories and result methods of scopes, shields, conditions and the typed AwaitAll.
public readonly partial struct Suspension
{
    /// <summary>What <see cref="Yield.Scope(Coroutine)"/> becomes: spawn <paramref name="body"/> as a scope and wait until every member has ended.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="InvalidOperationException">No coroutine step is running, or the body was already spawned or called.</exception>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Suspension Scope(Coroutine body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var parent = Scheduler.RunningCoroutine("Yield.Scope");
        if (body.IsAttached || body.Status != CoroutineStatus.Created)
        {
            throw new InvalidOperationException(
                $"Coroutine '{body.Name}' cannot be a scope's body: it was already {(body.IsAttached ? "spawned or called" : body.Status.ToString().ToLowerInvariant())}. " +
                "Pass a new coroutine (call its factory) to Yield.Scope.");
        }
        var scope = Coroutines.Scope.Open(Scheduler.CurrentLoop, parent, body);
        parent.WaitingOn = scope;
        return scope.IsDone ? ContinueSuspension : WaitSuspension;
    }

    /// <summary>The outcome of <see cref="Yield.Scope(Coroutine)"/>: the members' fault(s), the caller's cancellation, or the body's outcome.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void ScopeResult(Coroutine body)
    {
        var parent = Scheduler.RunningCoroutine("Yield.Scope");
        if (parent.WaitingOn is not Coroutines.Scope scope || scope.Body != body)
        {
            throw new InvalidOperationException($"Coroutine '{parent.Name}' has no scope of '{body.Name}' to end: ScopeResult must follow its Scope.");
        }
        parent.WaitingOn = null;
        scope.ThrowIfFailed(parent);
    }

    /// <summary>The outcome of <see cref="Yield.Scope{T}(Coroutine{T})"/>: the body's result, or the scope's failure.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static T ScopeResult<T>(Coroutine<T> body)
    {
        ScopeResult((Coroutine)body);
        return body.Result;
    }

    /// <summary>What <see cref="Yield.Shield(Coroutine)"/> becomes: call <paramref name="body"/>, shielded from cancellation.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="InvalidOperationException">No coroutine step is running, or the body was already spawned or called.</exception>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Suspension Shield(Coroutine body)
    {
        var call = Call(body);
        body.Shielded = true;
        return call;
    }

    /// <summary>The outcome of <see cref="Yield.Shield(Coroutine)"/>: the body's fault, if any.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void ShieldResult(Coroutine body) => body.GetResult();

    /// <summary>The outcome of <see cref="Yield.Shield{T}(Coroutine{T})"/>: the body's result.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static T ShieldResult<T>(Coroutine<T> body) => body.Result;

    /// <summary>What <see cref="Yield.WaitUntil"/> becomes: continue at once if <paramref name="condition"/> holds, else wait for a pass where it does.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Suspension WaitUntil(Func<bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var waiter = Scheduler.RunningCoroutine("Yield.WaitUntil");
        if (condition())
        {
            return ContinueSuspension;
        }
        Scheduler.CurrentLoop.AddCondition(waiter, condition);
        return WaitSuspension;
    }

    /// <summary>What <see cref="Yield.WaitWhile"/> becomes.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Suspension WaitWhile(Func<bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return WaitUntil(() => !condition());
    }

    /// <summary>The outcome of <see cref="Yield.WaitUntil"/>: rethrows what the condition threw, if it did.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void WaitUntilResult(Func<bool> condition)
    {
        var waiter = Scheduler.RunningCoroutine("Yield.WaitUntil");
        if (waiter.WaitingOn is ConditionWaiter node)
        {
            waiter.WaitingOn = null;
            node.ThrowIfFailed();
        }
    }

    /// <summary>What <see cref="Yield.AwaitAll{T}(Coroutine{T}[])"/> becomes.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Suspension AwaitAll<T>(params Coroutine<T>[] handles) => AwaitAll((Coroutine[])handles);

    /// <summary>The outcome of <see cref="Yield.AwaitAll{T}(Coroutine{T}[])"/>: the results in argument order, or the first fault or cancellation.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static T[] AwaitAllResult<T>(params Coroutine<T>[] handles)
    {
        AwaitAllResult((Coroutine[])handles);
        var results = new T[handles.Length];
        for (var i = 0; i < handles.Length; i++)
        {
            results[i] = handles[i].Result;
        }
        return results;
    }

    /// <summary>What <see cref="Yield.AwaitAny(bool, Coroutine[])"/> becomes.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Suspension AwaitAny(bool cancelLosers, params Coroutine[] handles)
    {
        var waiter = Scheduler.RunningCoroutine("Yield.AwaitAny");
        return AwaitGroup.Wait(Scheduler.CurrentLoop, waiter, handles, any: true, cancelLosers);
    }

    /// <summary>The outcome of <see cref="Yield.AwaitAny(bool, Coroutine[])"/>: the index of the first to end.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static int AwaitAnyResult(bool cancelLosers, params Coroutine[] handles) => AwaitAnyResult(handles);

    /// <summary>What <see cref="Yield.Select"/> becomes: run the first ready case, or wait on all of them.</summary>
    /// <exception cref="ArgumentException">No case was given.</exception>
    /// <exception cref="ArgumentNullException">The array or a case is null.</exception>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Suspension Select(params SelectCase[] cases)
    {
        var waiter = Scheduler.RunningCoroutine("Yield.Select");
        return SelectOperation.Begin(Scheduler.CurrentLoop, waiter, cases);
    }

    /// <summary>The outcome of <see cref="Yield.Select"/>: completes the winning case and returns its index.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static int SelectResult(params SelectCase[] cases) => SelectOperation.End(cases);

    internal static void ScopeOutcome(Scope? scope, Coroutine body)
    {
        if (scope is null)
        {
            body.GetResult();
            return;
        }
        scope.ThrowIfFailed(null);
    }
}
