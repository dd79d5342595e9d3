namespace Coroutines.Snapshots;

/// <summary>The tag before every value of a snapshot (docs/snapshots.md, Format).</summary>
internal enum ValueTag : byte
{
    Null = 0,
    Reference = 1,   // an object written before: its index in the reference table
    False = 2,
    True = 3,
    Int = 4,         // zigzag varint: every signed integer type, TimeSpan
    UInt = 5,        // varint: every unsigned integer type, char, enums (their bits)
    Single = 6,
    Double = 7,
    Decimal = 8,
    String = 9,
    Array = 10,
    List = 11,
    Dictionary = 12,
    Coroutine = 13,  // its index in the snapshot's coroutine table
    Permanent = 14,  // the name of an outside object (SnapshotOptions.Permanents)
    Rebuilt = 15,    // the name of a Rebuilt<T>'s factory
    Serialized = 16, // the user serializer's bytes
    Exception = 17,  // type name, message, inner exception
    DateTime = 18,   // ticks and kind
    Guid = 19,
    Default = 20,    // the default value of a struct the snapshot does not otherwise know (an enumerator not yet started)
    Channel = 21,    // a Channel<T>: capacity, closed, items, its lines of senders and receivers
    Lock = 22,       // name, taken, holder, its line of waiters
    Semaphore = 23,  // name, permits, free permits, its line of waiters
    Event = 24,      // name, set, its line of waiters
    Releaser = 25,   // a Lock.Releaser or Semaphore.Releaser: the lock or semaphore it releases
    SelectCase = 26, // a case of Yield.Select: its kind (receive, send, timeout, end) and state
    Task = 27,       // a completed Task or Task<T>: its outcome (ran to completion and the result, faulted and the exceptions, canceled)
}
