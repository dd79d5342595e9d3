using System;

namespace Coroutines;

/// <summary>
/// Marks a method as a suspension point. Inside a <c>[Coroutine]</c> method the generator
/// replaces a call to it with <c>return SuspendAt(n, factory(same arguments))</c> and a resume
/// label after it; if <see cref="Result"/> is set, the call's value (or exception) comes from
/// <c>result(same arguments)</c> right after the resume. A static method's factory and result
/// are static methods of <see cref="Suspension"/>; an instance method's are instance methods of
/// the same receiver. Outside a scheduler the marked method runs as an ordinary, blocking call.
/// The generator recognises suspensions by this marker, never by the method's name.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SuspensionPointAttribute : Attribute
{
    /// <param name="factory">Name of the method that builds the <see cref="Suspension"/>.</param>
    public SuspensionPointAttribute(string factory) => Factory = factory;

    /// <summary>Name of the method that builds the <see cref="Suspension"/> (on <see cref="Suspension"/> for a static point, on the receiver for an instance one).</summary>
    public string Factory { get; }

    /// <summary>
    /// Name of the method, taking the same arguments, that gives the point's value (or throws
    /// its failure) once the coroutine resumes; null when there is nothing to read back.
    /// </summary>
    public string? Result { get; set; }
}
