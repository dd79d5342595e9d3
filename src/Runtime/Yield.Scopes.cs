using System;

namespace Coroutines;

// Structured concurrency and the waits around it: scopes, shields, names, conditions.
public static partial class Yield
{
    /// <summary>As <see cref="Spawn{T}(T)"/>, naming the coroutine <paramref name="name"/> (for traces and timelines).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">It was already spawned or cancelled.</exception>
    public static T Spawn<T>(T coroutine, string name)
        where T : Coroutine
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        coroutine.Name = name;
        return Spawn(coroutine);
    }

    /// <summary>
    /// Runs <paramref name="body"/> as a scope and waits until it and every coroutine spawned inside
    /// it (with <see cref="Spawn{T}(T)"/>, by the body or by those coroutines, at any depth) have ended:
    /// none outlives the scope. If one faults, all the others are cancelled and the fault is rethrown
    /// here once they have unwound (several faults: an <see cref="AggregateException"/> of all of them,
    /// in the order they happened). Cancelling the caller cancels them all, and the caller sees its
    /// <see cref="OperationCanceledException"/> only after their <c>finally</c> blocks have run.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="InvalidOperationException">It was already spawned, or (outside a coroutine) a scheduler runs it.</exception>
    /// <exception cref="AggregateException">Several members faulted.</exception>
    [SuspensionPoint(nameof(Suspension.Scope), Result = nameof(Suspension.ScopeResult))]
    public static void Scope(Coroutine body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Scope? scope = null;
        BlockingWait.Run("Yield.Scope", [body], scheduler => scope = Coroutines.Scope.Adopt(scheduler, body));
        Suspension.ScopeOutcome(scope, body);
    }

    /// <summary>As <see cref="Scope(Coroutine)"/>, returning the body's result.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="AggregateException">Several members faulted.</exception>
    [SuspensionPoint(nameof(Suspension.Scope), Result = nameof(Suspension.ScopeResult))]
    public static T Scope<T>(Coroutine<T> body)
    {
        Scope((Coroutine)body);
        return body.Result;
    }

    /// <summary>
    /// Calls <paramref name="body"/> shielded from cancellation (Trio's shield, Kotlin's
    /// <c>NonCancellable</c>): a cancellation of the caller that arrives while the body runs waits
    /// until the body has ended, then surfaces here. For cleanup that itself suspends, in a
    /// <c>finally</c>: <c>finally { Yield.Shield(FlushCoroutine(log)); }</c>. Keep shielded work short:
    /// nothing can cut it off.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="InvalidOperationException">It was already spawned or called.</exception>
    [SuspensionPoint(nameof(Suspension.Shield), Result = nameof(Suspension.ShieldResult))]
    public static void Shield(Coroutine body)
    {
        ArgumentNullException.ThrowIfNull(body);
        BlockingWait.Run("Yield.Shield", [body], null);
        body.GetResult();
    }

    /// <summary>As <see cref="Shield(Coroutine)"/>, returning the body's result.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    [SuspensionPoint(nameof(Suspension.Shield), Result = nameof(Suspension.ShieldResult))]
    public static T Shield<T>(Coroutine<T> body)
    {
        Shield((Coroutine)body);
        return body.Result;
    }

    /// <summary>
    /// Waits until every handle has ended (spawning those nobody has) and returns their results in
    /// argument order; rethrows the first fault or cancellation in argument order, if any.
    /// </summary>
    /// <exception cref="ArgumentNullException">The array or one of its elements is null.</exception>
    [SuspensionPoint(nameof(Suspension.AwaitAll), Result = nameof(Suspension.AwaitAllResult))]
    public static T[] AwaitAll<T>(params Coroutine<T>[] handles)
    {
        AwaitAll((Coroutine[])handles);
        return Suspension.AwaitAllResult(handles);
    }

    /// <summary>
    /// As <see cref="AwaitAny(Coroutine[])"/>; with <paramref name="cancelLosers"/> false the others go on
    /// running instead of being cancelled, and the caller resumes as soon as the first has ended.
    /// </summary>
    /// <exception cref="ArgumentException">The array is empty.</exception>
    /// <exception cref="ArgumentNullException">The array or one of its elements is null.</exception>
    [SuspensionPoint(nameof(Suspension.AwaitAny), Result = nameof(Suspension.AwaitAnyResult))]
    public static int AwaitAny(bool cancelLosers, params Coroutine[] handles) => AwaitAnyBlocking(cancelLosers, handles);

    /// <summary>
    /// Waits until <paramref name="condition"/> is true. In a coroutine it is checked once per loop
    /// pass (each <see cref="Scheduler.Run()"/> pass, each <see cref="Scheduler.RunDue"/> call), first
    /// when the coroutine suspends. It costs one call of the delegate per pass while the coroutine
    /// waits; the loop never spins for it: when nothing else runs, it is checked again only after
    /// something else ran (a timer, a post); if nothing else is left, nothing can change it, and
    /// <see cref="Scheduler.Run()"/> reports the coroutine stuck.
    /// Called outside a coroutine it cannot wait: a false condition throws.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called outside a coroutine while the condition is false.</exception>
    [SuspensionPoint(nameof(Suspension.WaitUntil), Result = nameof(Suspension.WaitUntilResult))]
    public static void WaitUntil(Func<bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (!condition())
        {
            throw new InvalidOperationException(
                "Yield.WaitUntil was called outside a coroutine with a false condition: nothing else can run on this thread to make it true. Call it inside a [Coroutine] method.");
        }
    }

    /// <summary>Waits while <paramref name="condition"/> is true: <see cref="WaitUntil"/> of its negation, with the same cost.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called outside a coroutine while the condition is true.</exception>
    [SuspensionPoint(nameof(Suspension.WaitWhile), Result = nameof(Suspension.WaitUntilResult))]
    public static void WaitWhile(Func<bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        WaitUntil(() => !condition());
    }

    /// <summary>
    /// Waits on several operations at once (Go's <c>select</c>, Kotlin's <c>select</c>): a channel
    /// receive or send, a timeout, a coroutine's end (see <see cref="Case"/>). Exactly one case runs,
    /// and its index is returned; the others are withdrawn at the moment it happens, with nothing
    /// lost: an item not received stays in its channel, an item not sent is not sent. If several are
    /// ready when the select begins, the first in argument order wins. Read a receive's item from its
    /// case: <c>var order = Case.Receive(orders); int i = Yield.Select(order, Case.Timeout(100)); if (i == 0) Cook(order.Item);</c>
    /// </summary>
    /// <remarks>
    /// A case does not hold a place for later: while the select waits, a receive case is in its
    /// channel's line like any receiver. Two selects waiting on the two ends of a channel with no
    /// buffer do not meet (neither offers first): one side must be a plain <c>Send</c> or <c>Receive</c>.
    /// Called outside a coroutine it cannot wait: it runs the first ready case, else sleeps for the
    /// shortest timeout case and returns it, else throws.
    /// </remarks>
    /// <exception cref="ArgumentException">No case was given.</exception>
    /// <exception cref="ArgumentNullException">The array or a case is null.</exception>
    /// <exception cref="InvalidOperationException">Outside a coroutine, no case is ready and none is a timeout.</exception>
    [SuspensionPoint(nameof(Suspension.Select), Result = nameof(Suspension.SelectResult))]
    public static int Select(params SelectCase[] cases)
    {
        SelectOperation.Validate(cases);
        var index = Array.FindIndex(cases, static c => c is not EndCase && c.IsReady);
        if (index < 0)
        {
            var timeouts = Array.FindAll(cases, static c => c is TimeoutCase);
            if (timeouts.Length == 0)
            {
                throw new InvalidOperationException(
                    "Yield.Select was called outside a coroutine and no case is ready: nothing else can run on this thread to make one ready. Call it inside a [Coroutine] method.");
            }
            var shortest = (TimeoutCase)timeouts[0];
            foreach (TimeoutCase timeout in timeouts)
            {
                shortest = timeout.Delay < shortest.Delay ? timeout : shortest;
            }
            Sleep(shortest.Delay);
            index = Array.IndexOf(cases, shortest);
        }
        cases[index].Complete(closed: false);
        return index;
    }
}
