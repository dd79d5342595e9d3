using System;

namespace Coroutines.Snapshots;

/// <summary>
/// <see cref="Scheduler.Save(System.IO.Stream, SnapshotOptions?)"/> refused: the scheduler holds
/// something a snapshot cannot hold. The message lists every such thing, not only the first.
/// </summary>
public class SnapshotException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SnapshotException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public SnapshotException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// Restore refused its input: it is not a snapshot, it is damaged, truncated or hostile, or it
/// names what the running code does not have. Every problem of the input raises this type (or
/// <see cref="SnapshotVersionException"/>, a kind of it), and no scheduler is made.
/// </summary>
public class SnapshotFormatException : SnapshotException
{
    /// <summary>Creates the exception.</summary>
    public SnapshotFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public SnapshotFormatException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// A coroutine in the snapshot was saved by other code than the running one (its structure hash
/// differs) and no migration is registered for it; the message names the method and what changed.
/// </summary>
public sealed class SnapshotVersionException : SnapshotFormatException
{
    /// <summary>Creates the exception.</summary>
    public SnapshotVersionException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Stands, after a restore, for an exception whose type the snapshot options do not know how to
/// rebuild (<see cref="SnapshotOptions.Exceptions"/>): it keeps the original type's name and message.
/// </summary>
public sealed class RestoredException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RestoredException(string originalType, string message, Exception? inner)
        : base(message, inner) => OriginalType = originalType;

    /// <summary>The full name of the type of the exception that was saved.</summary>
    public string OriginalType { get; }
}
