using System;
using System.Collections.Generic;

namespace Coroutines;

// Tags: labels a scheduler can pause, resume and cancel coroutines by (Scheduler.Pausing.cs).
public abstract partial class Coroutine
{
    /// <summary>Its tags, in the order they were added (empty if none).</summary>
    public IReadOnlyList<string> Tags => Membership?.Tags ?? Array.Empty<string>();

    /// <summary>True if it carries <paramref name="tag"/>.</summary>
    public bool HasTag(string tag) => Array.IndexOf(Membership?.Tags ?? Array.Empty<string>(), tag) >= 0;

    /// <summary>True while it is paused (see <see cref="Scheduler.Pause(string)"/>).</summary>
    public bool IsPaused => Paused || Membership?.PausedFrame is not null;

    /// <summary>Adds <paramref name="tag"/> (once). A coroutine it spawns (<see cref="Yield.Spawn{T}(T)"/>) inherits its tags.</summary>
    /// <exception cref="ArgumentException"><paramref name="tag"/> is null or empty.</exception>
    public void AddTag(string tag)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        if (HasTag(tag))
        {
            return;
        }
        var membership = EnsureMembership();
        var tags = membership.Tags;
        Array.Resize(ref tags, tags.Length + 1);
        tags[^1] = tag;
        membership.Tags = tags;
        Scheduler?.IndexTag(this, tag);
    }
}

/// <summary>Fluent naming and tagging, for factories: <c>Yield.Spawn(EnemyCoroutine(3).WithName("enemy 3").WithTag("enemies"))</c>.</summary>
public static class CoroutineNaming
{
    /// <summary>Sets <paramref name="coroutine"/>'s <see cref="Coroutine.Name"/> and returns it.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static T WithName<T>(this T coroutine, string name)
        where T : Coroutine
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        coroutine.Name = name;
        return coroutine;
    }

    /// <summary>Adds <paramref name="tag"/> to <paramref name="coroutine"/> and returns it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="coroutine"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="tag"/> is null or empty.</exception>
    public static T WithTag<T>(this T coroutine, string tag)
        where T : Coroutine
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        coroutine.AddTag(tag);
        return coroutine;
    }
}
