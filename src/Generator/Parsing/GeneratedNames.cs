using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Coroutines.Generator.Parsing;

/// <summary>The names generated code uses inside <c>Step()</c>, which user declarations there must not hide.</summary>
internal static class GeneratedNames
{
    private static readonly HashSet<string> s_members = new()
    {
        "state", "this", "returnValue", "SuspendAt", "Complete", "ThrowPending", "RethrowPending", "Rethrow", "Hoist", "Dispose",
    };

    private static readonly Regex s_fields = new(@"^(try|switch|foreach|using|call)\d+_", RegexOptions.CultureInvariant);

    private static readonly Regex s_labels = new(@"^(resume\d+|(if|while|do|for|foreach|switch|try)\d+_\w+)$", RegexOptions.CultureInvariant);

    /// <summary>A member or field of the state machine that generated statements name.</summary>
    public static bool IsMember(string name) => s_members.Contains(name) || s_fields.IsMatch(name);

    /// <summary>A label of the shape the lowering generates.</summary>
    public static bool IsLabel(string name) => s_labels.IsMatch(name);
}
