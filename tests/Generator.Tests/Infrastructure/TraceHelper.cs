using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// The <c>Coroutines.Testing.Trace</c> class appended to every test compilation. Test programs call
/// <c>Trace.Log(value)</c>; each line records the time on <c>Clock.Current</c>, so the same program
/// logs the same lines whether it runs directly (under <c>Clock.Use</c>) or in a scheduler.
/// </summary>
public static class TraceHelper
{
    /// <summary>Path of the helper's tree in every test compilation.</summary>
    public const string Path = "Coroutines.Testing.Trace.cs";

    /// <summary>Full name of the helper type in the compiled program.</summary>
    public const string TypeName = "Coroutines.Testing.Trace";

    /// <summary>The helper's source. It must compile without warnings under the strictest options.</summary>
    public static SourceFile Source { get; } = new(Path, """
        namespace Coroutines.Testing
        {
            /// <summary>Test log: each line is "{clock ms}ms: {value}" on Coroutines.Clock.Current.</summary>
            public static class Trace
            {
                private static readonly global::System.Collections.Generic.List<string> s_lines = new();

                /// <summary>Appends one line stamped with the current clock time.</summary>
                public static void Log(object? value)
                {
                    var culture = global::System.Globalization.CultureInfo.InvariantCulture;
                    var now = global::Coroutines.Clock.Current.Now.TotalMilliseconds.ToString(culture);
                    var text = global::System.Convert.ToString(value, culture);
                    s_lines.Add(now + "ms: " + text);
                }

                /// <summary>The lines logged so far (read by the harness through reflection).</summary>
                public static global::System.Collections.Generic.IReadOnlyList<string> Lines => s_lines.ToArray();

                /// <summary>Forgets every line.</summary>
                public static void Clear() => s_lines.Clear();
            }
        }
        """);

    /// <summary>The lines logged by the program in <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<string> ReadLines(Assembly assembly) =>
        ((IReadOnlyList<string>)GetTraceType(assembly).GetProperty("Lines")!.GetValue(null)!).ToArray();

    /// <summary>Clears the log of the program in <paramref name="assembly"/>.</summary>
    public static void Clear(Assembly assembly) => GetTraceType(assembly).GetMethod("Clear")!.Invoke(null, null);

    private static Type GetTraceType(Assembly assembly) =>
        assembly.GetType(TypeName) ?? throw new InvalidOperationException($"{TypeName} is missing from {assembly.FullName}.");
}
