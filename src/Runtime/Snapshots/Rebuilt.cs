using System;

namespace Coroutines.Snapshots;

/// <summary>
/// A value a snapshot does not save but rebuilds on restore, by name: hold a file, a socket or
/// a random generator of a saveable coroutine in a <c>Rebuilt&lt;T&gt;</c> local. Saving writes
/// only <see cref="Name"/>; restore calls the factory registered under that name in
/// <see cref="SnapshotOptions.Rebuilders"/>.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
public readonly struct Rebuilt<T>
{
    /// <summary>Holds <paramref name="value"/>, rebuilt on restore by the factory named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public Rebuilt(string name, T value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Value = value;
    }

    /// <summary>The name its factory is registered under.</summary>
    public string Name { get; }

    /// <summary>The value (after a restore: the one the factory made).</summary>
    public T Value { get; }
}
