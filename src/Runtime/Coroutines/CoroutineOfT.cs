namespace Coroutines;

/// <summary>A coroutine that produces a value of type <typeparamref name="T"/>.</summary>
public abstract partial class Coroutine<T> : Coroutine
{
    private T _result = default!;

    /// <summary>The value the body returned. Rethrows the fault if it faulted.</summary>
    /// <exception cref="System.InvalidOperationException">The coroutine has not finished.</exception>
    /// <exception cref="System.OperationCanceledException">The coroutine was cancelled.</exception>
    public T Result
    {
        get
        {
            GetResult();
            return _result;
        }
    }

    /// <summary>Stores the return value and reports the end: a generated <c>return value;</c>.</summary>
    protected Suspension Complete(T result)
    {
        _result = result;
        return Suspension.Done;
    }
}
