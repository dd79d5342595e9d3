using System;

namespace Coroutines;

/// <summary>A fault nobody observed: a callback that threw, or a faulted coroutine whose exception nobody read.</summary>
public sealed class UnobservedFaultEventArgs : EventArgs
{
    internal UnobservedFaultEventArgs(Exception exception, Coroutine? coroutine)
    {
        Exception = exception;
        Coroutine = coroutine;
    }

    /// <summary>The exception.</summary>
    public Exception Exception { get; }

    /// <summary>The coroutine that faulted, or null for a callback.</summary>
    public Coroutine? Coroutine { get; }
}
