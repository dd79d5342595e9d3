using System;

namespace Coroutines;

/// <summary>
/// Marks a runtime method as a suspension point. Inside a <c>[Coroutine]</c> method the generator
/// replaces a statement that calls it with <c>return Suspension.Factory(same arguments)</c> and a
/// resume label after it; outside a scheduler the method runs as an ordinary, blocking call.
/// The generator recognises suspensions by this marker, never by the method's name.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SuspensionPointAttribute : Attribute
{
    /// <param name="factory">Name of the static method on <see cref="Suspension"/> that builds the suspension.</param>
    public SuspensionPointAttribute(string factory) => Factory = factory;

    /// <summary>Name of the static method on <see cref="Suspension"/> that builds the suspension.</summary>
    public string Factory { get; }
}
