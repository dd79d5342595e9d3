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
    private HashSet<string>? _suspendingNames;

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

    /// <summary>
    /// The syntactic pre-filter of suspending calls (issue 16): whether a method named <paramref name="name"/> may be
    /// marked <c>[SuspensionPoint]</c> or <c>[Coroutine]</c>. True when a method of that name is declared with an
    /// attribute in a file of this compilation (any attribute: an alias may spell the marker), or is a member of an
    /// assembly that can apply a marker (the one declaring it, or one referencing that). A call named otherwise binds
    /// to no marked method, so it is not bound. Local functions are not counted: see SuspensionFinder.
    /// </summary>
    public bool MayBeSuspending(string name) => (_suspendingNames ??= SuspendingNames()).Contains(name);

    private HashSet<string> SuspendingNames()
    {
        var names = new HashSet<string>();
        foreach (var tree in _compilation.SyntaxTrees)
        {
            // Types and namespaces (extension blocks included), not into the members' bodies.
            foreach (var node in tree.GetRoot().DescendantNodes(static n => n is CompilationUnitSyntax || (n is MemberDeclarationSyntax && n is not (BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or BaseFieldDeclarationSyntax or GlobalStatementSyntax))))
            {
                if (node is MethodDeclarationSyntax { AttributeLists.Count: > 0 } method)
                {
                    names.Add(method.Identifier.ValueText);
                }
            }
        }
        var markers = new List<IAssemblySymbol>();
        foreach (var marker in new[] { CoroutineMarker, SuspensionPointMarker })
        {
            if (marker?.ContainingAssembly is { } declaring && !markers.Contains(declaring, SymbolEqualityComparer.Default))
            {
                markers.Add(declaring);
            }
        }
        foreach (var assembly in _compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (markers.Contains(assembly, SymbolEqualityComparer.Default) ||
                assembly.Modules.Any(module => module.ReferencedAssemblySymbols.Any(r => markers.Contains(r, SymbolEqualityComparer.Default))))
            {
                AddMemberNames(assembly.GlobalNamespace, names);
            }
        }
        return names;
    }

    private static void AddMemberNames(INamespaceOrTypeSymbol container, HashSet<string> names)
    {
        if (container is INamedTypeSymbol type)
        {
            names.UnionWith(type.MemberNames);
        }
        foreach (var member in container.GetMembers())
        {
            if (member is INamespaceOrTypeSymbol inner)
            {
                AddMemberNames(inner, names);
            }
        }
    }

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
