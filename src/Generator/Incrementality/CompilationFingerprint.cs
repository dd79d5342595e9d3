using System;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Generator.Incrementality;

/// <summary>
/// Everything outside a method's own text that its binding can depend on: the references and
/// options (the same objects from one edit to the next), the files' paths and order, and each
/// file's <see cref="DeclarationShape"/>. Two compilations with equal fingerprints bind an
/// unchanged method to the same result.
/// </summary>
internal sealed class CompilationFingerprint : IEquatable<CompilationFingerprint>
{
    private static readonly ConditionalWeakTable<Compilation, CompilationFingerprint> Computed = new();

    private readonly ImmutableArray<MetadataReference> _references;
    private readonly CompilationOptions _options;
    private readonly string? _assemblyName;
    private readonly byte[] _declarations;

    private CompilationFingerprint(Compilation compilation, CancellationToken ct)
    {
        _references = [.. compilation.References];
        _options = compilation.Options;
        _assemblyName = compilation.AssemblyName;
        var text = new StringBuilder();
        foreach (var tree in compilation.SyntaxTrees)
        {
            text.Append(tree.FilePath).Append('\0')
                .Append(Convert.ToBase64String(DeclarationShape.Of(tree, ct))).Append('\0')
                .Append(Describe(tree.Options)).Append('\n');
        }
        using var sha = SHA256.Create();
        _declarations = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
    }

    // The language version, preprocessor symbols and features bind differently; an unchanged tree keeps its options.
    private static string Describe(ParseOptions options) =>
        options is CSharpParseOptions csharp
            ? $"{csharp.LanguageVersion}|{csharp.DocumentationMode}|{csharp.Kind}|{string.Join(",", csharp.PreprocessorSymbolNames)}|{string.Join(",", csharp.Features.OrderBy(static f => f.Key, StringComparer.Ordinal).Select(static f => f.Key + "=" + f.Value))}"
            : options.ToString();

    /// <summary>The fingerprint of <paramref name="compilation"/>, computed once per compilation.</summary>
    public static CompilationFingerprint Of(Compilation compilation, CancellationToken ct)
    {
        if (Computed.TryGetValue(compilation, out var fingerprint))
        {
            return fingerprint;
        }
        fingerprint = new CompilationFingerprint(compilation, ct);
        try
        {
            Computed.Add(compilation, fingerprint);
        }
        catch (ArgumentException)
        {
            // Another thread computed it first: an equal value.
        }
        return fingerprint;
    }

    public bool Equals(CompilationFingerprint? other) =>
        other is not null &&
        (ReferenceEquals(this, other) ||
         (_declarations.AsSpan().SequenceEqual(other._declarations) &&
          _assemblyName == other._assemblyName &&
          _options.Equals(other._options) &&
          _references.Length == other._references.Length &&
          _references.Zip(other._references, static (a, b) => ReferenceEquals(a, b)).All(static same => same)));

    public override bool Equals(object? obj) => Equals(obj as CompilationFingerprint);

    public override int GetHashCode() => BitConverter.ToInt32(_declarations, 0);
}
