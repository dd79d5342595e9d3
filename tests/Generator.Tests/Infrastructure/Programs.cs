using System;
using System.Linq;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>Boilerplate for small test programs.</summary>
public static class Programs
{
    /// <summary>The usings every small program starts with.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using Coroutines;
        using Coroutines.Testing;
        """;

    /// <summary>
    /// <paramref name="members"/> inside <c>public static partial class Program</c> in the
    /// file-scoped namespace <c>Demo</c> (reflection name <c>Demo.Program</c>).
    /// </summary>
    public static string Static(string members) => $$"""
        {{Usings}}

        namespace Demo;

        public static partial class Program
        {
        {{Indent(members)}}
        }
        """;

    /// <summary>The reflection name of the type <see cref="Static"/> declares.</summary>
    public const string StaticType = "Demo.Program";

    private static string Indent(string text) =>
        string.Join("\n", text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Length == 0 ? l : "    " + l));
}
