using System;
using System.Collections.Generic;
using System.Linq;
using Coroutines.Playground.Runner.Protocol;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Playground.Runner.Compiling;

/// <summary>
/// The APIs a playground program may not use: files, network, processes, reflection, native code,
/// the environment and the runner's own standard streams. A compile-time check on what each name
/// binds to (not on its spelling); the process limits (time, memory, a temp folder, no network
/// where the OS allows it) are the second layer.
/// </summary>
public static class ApiPolicy
{
    public const string Id = "PLAY001";

    private static readonly string[] DeniedNamespaces =
    {
        "System.IO", "System.Net", "System.Reflection", "System.Runtime.InteropServices", "System.Runtime.Loader",
        "System.Runtime.CompilerServices.Unsafe", "System.Security", "System.Diagnostics", "Microsoft.Win32", "System.Resources",
    };

    // Types of the denied namespaces a program needs to print.
    private static readonly HashSet<string> AllowedTypes = new(StringComparer.Ordinal)
    {
        "System.IO.TextWriter", "System.IO.StringWriter", "System.IO.TextReader", "System.IO.StringReader",
        "System.Diagnostics.Stopwatch", "System.Diagnostics.Debug",
    };

    private static readonly HashSet<string> DeniedTypes = new(StringComparer.Ordinal)
    {
        "System.Activator", "System.AppDomain", "System.Environment", "System.Type", "System.Runtime.CompilerServices.Unsafe",
        "System.Runtime.CompilerServices.RuntimeHelpers", "System.GC",
    };

    private static readonly HashSet<string> DeniedConsoleMembers = new(StringComparer.Ordinal)
    {
        "OpenStandardInput", "OpenStandardOutput", "OpenStandardError", "SetIn", "SetOut", "SetError",
    };

    // Members of denied types a program may still use.
    private static readonly HashSet<string> AllowedMembers = new(StringComparer.Ordinal)
    {
        "System.Environment.NewLine", "System.Type.Name", "System.Type.FullName", "System.Type.ToString",
    };

    /// <summary>Every use of a denied API in <paramref name="tree"/>, as an error at its location.</summary>
    public static IReadOnlyList<SourceDiagnostic> Check(SyntaxTree tree, SemanticModel model)
    {
        var found = new List<SourceDiagnostic>();
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            if (node is not (SimpleNameSyntax or PredefinedTypeSyntax))
            {
                continue;
            }
            var info = model.GetSymbolInfo(node);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            if (symbol is null || Denied(symbol) is not { } what)
            {
                continue;
            }
            var diagnostic = Diagnostic.Create(
                new DiagnosticDescriptor(Id, "API not allowed in the playground",
                    "The playground does not allow {0}: its programs run without files, network, processes or reflection. Remove this use, or run the program in a project of your own.",
                    "Playground", DiagnosticSeverity.Error, isEnabledByDefault: true),
                node.GetLocation(),
                what);
            found.Add(ProgramCompiler.ToSource(diagnostic));
        }
        return found;
    }

    private static string? Denied(ISymbol symbol)
    {
        if (symbol is INamespaceSymbol or ILocalSymbol or IParameterSymbol or ILabelSymbol or IRangeVariableSymbol)
        {
            return null;
        }
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        if (type is null)
        {
            return null;
        }
        type = type.OriginalDefinition;
        var typeName = type.ToDisplayString();
        var member = symbol is INamedTypeSymbol ? null : $"{typeName}.{symbol.Name}";
        if (member is not null && AllowedMembers.Contains(member))
        {
            return null;
        }
        if (typeName == "System.Console")
        {
            return member is not null && DeniedConsoleMembers.Contains(symbol.Name) ? member : null;
        }
        if (DeniedTypes.Contains(typeName))
        {
            return member ?? typeName;
        }
        if (AllowedTypes.Contains(typeName))
        {
            return null;
        }
        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        return DeniedNamespaces.Any(d => ns == d || ns.StartsWith(d + ".", StringComparison.Ordinal)) ? member ?? typeName : null;
    }
}
