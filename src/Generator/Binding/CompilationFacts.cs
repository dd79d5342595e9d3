using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// The answers that are the same for every coroutine of one compilation, computed once per
/// compilation instead of once per method: a cold run binds every [Coroutine] method of the
/// compilation, and <c>GetTypeByMetadataName</c> alone searches all of its references each time.
/// Compilations are immutable, so an answer never goes stale; the table lets a compilation go
/// when nothing else holds it.
/// </summary>
internal sealed class CompilationFacts
{
    private static readonly ConditionalWeakTable<Compilation, CompilationFacts> Table = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<(ISymbol Within, string Name, int Arguments), bool> _staticMethods = new(new WithinComparer());
    private HashSet<string>? _stateMachineMembers;
    private HashSet<string>? _typeAndNamespaceNames;

    private CompilationFacts(Compilation compilation)
    {
        _compilation = compilation;
        CoroutineMarker = compilation.GetTypeByMetadataName(CoroutineBinder.CoroutineAttribute);
        SuspensionPointMarker = compilation.GetTypeByMetadataName(SuspensionFinder.SuspensionPointAttribute);
        Suspension = compilation.GetTypeByMetadataName(SuspendingCallBinder.SuspensionType);
    }

    public static CompilationFacts Of(Compilation compilation) => Table.GetValue(compilation, static c => new CompilationFacts(c));

    /// <summary><c>[Coroutine]</c>'s class.</summary>
    public INamedTypeSymbol? CoroutineMarker { get; }

    /// <summary><c>[SuspensionPoint]</c>'s class.</summary>
    public INamedTypeSymbol? SuspensionPointMarker { get; }

    /// <summary><c>Coroutines.Suspension</c>, where static suspension points find their factories.</summary>
    public INamedTypeSymbol? Suspension { get; }

    /// <summary>See <see cref="GeneratedNames.StateMachineMembers"/>; shared by every method: never add to it (copy it).</summary>
    public HashSet<string> StateMachineMembers => _stateMachineMembers ??= GeneratedNames.StateMachineMembers(_compilation);

    /// <summary>
    /// Whether a lookup of <paramref name="name"/> as a type or namespace can find anything: some
    /// assembly (this one or a reference, nested types included) declares a type or namespace of
    /// that name, or some file declares an alias of it. When not, no lookup needs to run.
    /// </summary>
    public bool MayNameTypeOrNamespace(string name) => (_typeAndNamespaceNames ??= TypeAndNamespaceNames(_compilation)).Contains(name);

    private static HashSet<string> TypeAndNamespaceNames(Compilation compilation)
    {
        var names = AliasNames(compilation);
        foreach (var assembly in new[] { compilation.Assembly }.Concat(compilation.SourceModule.ReferencedAssemblySymbols))
        {
            names.UnionWith(assembly.TypeNames);
            names.UnionWith(assembly.NamespaceNames);
        }
        return names;
    }

    /// <summary>
    /// A static method's existence, as seen from inside <paramref name="within"/>: a lookup of a
    /// static member depends only on the type it is made from (accessibility), not on the position.
    /// </summary>
    public bool StaticMethodExists(ISymbol within, string name, int arguments, System.Func<bool> lookUp) =>
        _staticMethods.GetOrAdd((within, name, arguments), _ => lookUp());

    private static HashSet<string> AliasNames(Compilation compilation)
    {
        var names = new HashSet<string>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var directives = tree.GetRoot()
                .DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
                .Where(static n => n is UsingDirectiveSyntax or ExternAliasDirectiveSyntax);
            foreach (var directive in directives)
            {
                switch (directive)
                {
                    case UsingDirectiveSyntax { Alias: { } alias }:
                        names.Add(alias.Name.Identifier.ValueText);
                        break;
                    case ExternAliasDirectiveSyntax externAlias:
                        names.Add(externAlias.Identifier.ValueText);
                        break;
                }
            }
        }
        return names;
    }

    private sealed class WithinComparer : IEqualityComparer<(ISymbol Within, string Name, int Arguments)>
    {
        public bool Equals((ISymbol Within, string Name, int Arguments) x, (ISymbol Within, string Name, int Arguments) y) =>
            x.Arguments == y.Arguments && x.Name == y.Name && SymbolEqualityComparer.Default.Equals(x.Within, y.Within);

        public int GetHashCode((ISymbol Within, string Name, int Arguments) key) =>
            (SymbolEqualityComparer.Default.GetHashCode(key.Within) * 31 + key.Name.GetHashCode()) * 31 + key.Arguments;
    }
}
