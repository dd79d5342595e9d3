using System.Globalization;
using System.IO;

namespace Coroutines;

/// <summary>One frame of a coroutine's logical stack: a <c>[Coroutine]</c> method, suspended at a line of the user's file.</summary>
public sealed class CoroutineFrame
{
    internal CoroutineFrame(Coroutine coroutine)
    {
        Coroutine = coroutine;
        var type = coroutine.GetType();
        Method = type.DeclaringType is { } declaring ? $"{declaring.Name}.{coroutine.MethodName}" : coroutine.MethodName;
        (State, File, Line) = coroutine.Started ? SourceLines.Of(coroutine) : (0, null, 0);
    }

    /// <summary>The state machine of this frame.</summary>
    public Coroutine Coroutine { get; }

    /// <summary>The method, as <c>Type.Method</c>.</summary>
    public string Method { get; }

    /// <summary>The generated state machine's resume state, if it has one (0: not started).</summary>
    public int? State { get; }

    /// <summary>The user's source file of the suspension point it waits at, if debug information says it; else null.</summary>
    public string? File { get; }

    /// <summary>The line of that suspension point in <see cref="File"/>; 0 when unknown.</summary>
    public int Line { get; }

    /// <summary><c>at Type.Method (File.cs:line)</c>, or with the state number when the line is unknown.</summary>
    public override string ToString()
    {
        if (File is not null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"at {Method} ({Path.GetFileName(File)}:{Line})");
        }
        return State is { } state
            ? string.Create(CultureInfo.InvariantCulture, $"at {Method} ({state switch { 0 => "not started", -1 => "running", _ => $"state {state}" }})")
            : $"at {Method}";
    }
}
