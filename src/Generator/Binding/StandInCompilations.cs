using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// The copies of one compilation that declare stand-ins (<see cref="GeneratedFactoryTypes"/>), shared by every coroutine body of a
/// type: a copy binds the whole compilation again, and a type with many coroutines that need stand-ins made one per body (issue 16).
/// A stand-in depends only on the type it is declared in, the class it stands for, the type it derives from and the type
/// parameters of the body's methods, so one registry per type numbers them, and one copy declares every stand-in met so far in
/// that type: it is made again only when a body meets one it does not declare yet. Keyed on the compilation, which is immutable
/// and new on every run, so nothing is reused across runs; the table lets both go when nothing else holds the compilation. Nothing
/// here goes into a pipeline output.
/// </summary>
internal sealed class StandInCompilations
{
    private static readonly ConditionalWeakTable<Compilation, StandInCompilations> Table = new();

    private readonly Compilation _compilation;
    private readonly Dictionary<INamedTypeSymbol, TypeStandIns> _types = new(SymbolEqualityComparer.Default);
    private int _copiesMade;

    private StandInCompilations(Compilation compilation) => _compilation = compilation;

    public static StandInCompilations Of(Compilation compilation) => Table.GetValue(compilation, static c => new StandInCompilations(c));

    /// <summary>How many copies of the compilation were made to declare stand-ins, over all types (what the tests and benchmarks count).</summary>
    public int CopiesMade => Volatile.Read(ref _copiesMade);

    /// <summary>The stand-ins of <paramref name="type"/>, the type a coroutine body is declared in.</summary>
    public TypeStandIns For(INamedTypeSymbol type)
    {
        lock (_types)
        {
            if (!_types.TryGetValue(type, out var standIns))
            {
                _types[type] = standIns = new TypeStandIns(this, type);
            }
            return standIns;
        }
    }

    /// <summary>The stand-ins declared in one type, numbered in the order met, and the copy of the compilation that declares them.</summary>
    internal sealed class TypeStandIns
    {
        private readonly StandInCompilations _owner;
        private readonly INamedTypeSymbol _type;
        private readonly List<(string Exact, string Seen, string TypeParameters, IReadOnlyList<string> Names)> _entries = new();
        private readonly Dictionary<(string Exact, string TypeParameters), int> _indexes = new();
        private Compilation? _copy;
        private Dictionary<string, string>? _classOfStandIn;
        private bool _undeclarable;

        public TypeStandIns(StandInCompilations owner, INamedTypeSymbol type)
        {
            _owner = owner;
            _type = type;
        }

        /// <summary>
        /// The number of the stand-in of <paramref name="exact"/>, seen as <paramref name="seen"/>, in a body whose methods have the
        /// type parameters <paramref name="typeParameters"/> (each stand-in's own): the same for every body that meets it.
        /// </summary>
        public int IndexOf(string exact, string seen, IReadOnlyList<string> typeParameters)
        {
            var key = (exact, StandInTypeParameterText(typeParameters));
            lock (_entries)
            {
                if (!_indexes.TryGetValue(key, out var index))
                {
                    _indexes[key] = index = _entries.Count;
                    _entries.Add((exact, seen, key.Item2, typeParameters));
                }
                return index;
            }
        }

        /// <summary>
        /// A copy of the compilation that declares at least the first <paramref name="count"/> stand-ins, with the class each stand-in
        /// stands for by name; made when none does yet. Null when the type cannot be declared again (not partial, file-local, a ref struct).
        /// </summary>
        public (Compilation Copy, IReadOnlyDictionary<string, string> Names)? Declaring(int count, CSharpParseOptions options)
        {
            lock (_entries)
            {
                if (_undeclarable)
                {
                    return null;
                }
                if (_copy is null || _classOfStandIn!.Count < count)
                {
                    if (Declarations(options) is not { } tree)
                    {
                        _undeclarable = true;
                        return null;
                    }
                    _copy = _owner._compilation.AddSyntaxTrees(tree);
                    _classOfStandIn = _entries.Select(static (e, i) => (Name: GeneratedNames.ClassStandIn(i), e.Exact)).ToDictionary(static e => e.Name, static e => e.Exact, StringComparer.Ordinal);
                    Interlocked.Increment(ref _owner._copiesMade);
                }
                return (_copy, _classOfStandIn);
            }
        }

        /// <summary>
        /// <c>namespace N { partial class Outer { partial class Program { private sealed class GeneratedClassStandIn0&lt;T&gt; : Coroutine&lt;T&gt; { } } } }</c>:
        /// each stand-in nested in the type (partial, as the generator needs it), so it can derive from a type only that type sees.
        /// </summary>
        private SyntaxTree? Declarations(CSharpParseOptions options)
        {
            MemberDeclarationSyntax[] members = _entries.Select((e, i) => (MemberDeclarationSyntax)StandIn(i, e.Seen, e.TypeParameters, e.Names)).ToArray();
            for (INamedTypeSymbol? level = _type; level is not null; level = level.ContainingType)
            {
                if (level is { IsRefLikeType: true } or { IsFileLocal: true } ||
                    !level.DeclaringSyntaxReferences.Any(static r => r.GetSyntax() is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword)) ||
                    Partial(level, members) is not { } declared)
                {
                    return null;
                }
                members = new MemberDeclarationSyntax[] { declared };
            }
            if (!_type.ContainingNamespace.IsGlobalNamespace)
            {
                members = new MemberDeclarationSyntax[]
                {
                    SyntaxFactory.NamespaceDeclaration(SyntaxFactory.ParseName(_type.ContainingNamespace.ToDisplayString())).WithMembers(SyntaxFactory.List(members)),
                };
            }
            return CSharpSyntaxTree.Create(SyntaxFactory.CompilationUnit().WithMembers(SyntaxFactory.List(members)), options);
        }

        /// <summary><c>private sealed class GeneratedClassStandIn{index}&lt;T&gt; : Coroutine&lt;T&gt; { }</c>, each class it derives from spelled with its stand-in.</summary>
        private ClassDeclarationSyntax StandIn(int index, string seen, string typeParameterText, IReadOnlyList<string> typeParameters)
        {
            // Longest first: a generic class before its arguments (as GeneratedFactoryTypes.StandInText spells the body's types).
            foreach (var (exact, i) in _entries.Select(static (e, i) => (e, i)).Where(c => c.e.TypeParameters == typeParameterText)
                         .OrderByDescending(static c => c.e.Exact.Length).ThenBy(static c => c.e.Exact, StringComparer.Ordinal).Select(static c => (c.e.Exact, c.i)))
            {
                seen = seen.Replace(exact, GeneratedNames.ClassStandIn(i) + typeParameterText);
            }
            var declaration = SyntaxFactory.ClassDeclaration(GeneratedNames.ClassStandIn(index))
                .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword), SyntaxFactory.Token(SyntaxKind.SealedKeyword)))
                .WithBaseList(SyntaxFactory.BaseList(SyntaxFactory.SingletonSeparatedList<BaseTypeSyntax>(SyntaxFactory.SimpleBaseType(SyntaxFactory.ParseTypeName(seen)))));
            return typeParameters.Count == 0 ? declaration : declaration.WithTypeParameterList(TypeParameters(typeParameters));
        }

        /// <summary><c>partial class Program&lt;T&gt; { members }</c> for <paramref name="type"/>; null for a kind of type that cannot be so declared.</summary>
        private static TypeDeclarationSyntax? Partial(INamedTypeSymbol type, MemberDeclarationSyntax[] members)
        {
            var name = Identifier(type.Name);
            TypeDeclarationSyntax? declaration = type switch
            {
                { IsRecord: true, IsValueType: true } => SyntaxFactory.RecordDeclaration(SyntaxKind.RecordStructDeclaration, SyntaxFactory.Token(SyntaxKind.RecordKeyword), name)
                    .WithClassOrStructKeyword(SyntaxFactory.Token(SyntaxKind.StructKeyword))
                    .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken)).WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken)),
                { IsRecord: true } => SyntaxFactory.RecordDeclaration(SyntaxKind.RecordDeclaration, SyntaxFactory.Token(SyntaxKind.RecordKeyword), name)
                    .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken)).WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken)),
                { TypeKind: TypeKind.Class } => SyntaxFactory.ClassDeclaration(name),
                { TypeKind: TypeKind.Struct } => SyntaxFactory.StructDeclaration(name),
                { TypeKind: TypeKind.Interface } => SyntaxFactory.InterfaceDeclaration(name),
                _ => null,
            };
            if (declaration is null)
            {
                return null;
            }
            declaration = declaration.WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PartialKeyword))).WithMembers(SyntaxFactory.List(members));
            return type.TypeParameters.Length == 0 ? declaration : declaration.WithTypeParameterList(TypeParameters(type.TypeParameters.Select(static p => p.Name).ToList()));
        }

        private static TypeParameterListSyntax TypeParameters(IReadOnlyList<string> names) =>
            SyntaxFactory.TypeParameterList(SyntaxFactory.SeparatedList(names.Select(static n => SyntaxFactory.TypeParameter(Identifier(n)))));

        /// <summary>An identifier token for <paramref name="name"/>, escaped (<c>@class</c>) when it is a keyword.</summary>
        private static SyntaxToken Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None
                ? SyntaxFactory.VerbatimIdentifier(default, SymbolText.Identifier(name), name, default)
                : SyntaxFactory.Identifier(name);
    }

    /// <summary><c>&lt;T, U&gt;</c>: the type parameters a stand-in declares and is spelled with (empty for none).</summary>
    public static string StandInTypeParameterText(IReadOnlyList<string> typeParameters) =>
        typeParameters.Count == 0 ? "" : "<" + string.Join(", ", typeParameters.Select(SymbolText.Identifier)) + ">";
}
