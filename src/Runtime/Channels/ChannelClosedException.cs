using System;

namespace Coroutines;

/// <summary>A send to a closed <see cref="Channel{T}"/>, or a receive from one that is closed and empty.</summary>
public sealed class ChannelClosedException : InvalidOperationException
{
    /// <summary>Creates the exception with its message.</summary>
    public ChannelClosedException(string message)
        : base(message)
    {
    }
}
