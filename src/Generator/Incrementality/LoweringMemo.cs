using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Coroutines.Generator.Lowering;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Generator.Incrementality;

/// <summary>
/// Keeps each [Coroutine] method's binding and lowering from one run to the next, so that the
/// semantic transform, which Roslyn re-runs for every method on every edit (any edit makes a new
/// compilation), binds again only the methods whose result may have changed.
/// <para>
/// A method's result depends on its own text and position (diagnostics and <c>#line</c> carry
/// positions) and on the declarations it sees: <see cref="CompilationFingerprint"/>. A result is
/// reused when the method's file, span, start line and text hash, and the fingerprint, are all
/// equal: after an edit inside a method body in another file nothing is bound again; after an
/// edit inside one coroutine, that coroutine and the ones that moved (after it in the same file)
/// are. This is the cache the incremental pipeline cannot express itself: its only way to the
/// semantic model is the whole <see cref="Compilation"/>, which every keystroke replaces.
/// </para>
/// One memo per generator instance (per driver); a lock, because an IDE may run several drivers
/// of the same generator at once.
/// </summary>
internal sealed class LoweringMemo
{
    // A long-lived compiler server may load one generator for many projects: forget everything past this.
    private const int MaxFiles = 20_000;

    private readonly object _gate = new();
    private readonly Dictionary<string, FileResults> _files = new(StringComparer.Ordinal);

    /// <summary>Methods bound and lowered (cache misses) since this memo was created; for the budget tests.</summary>
    public int Lowered { get; private set; }

    /// <summary>Methods whose previous result was reused (cache hits).</summary>
    public int Reused { get; private set; }

    /// <summary>The method's previous result if nothing it depends on changed, otherwise <paramref name="lower"/>'s.</summary>
    public LoweringResult GetOrLower(GeneratorAttributeSyntaxContext context, Func<GeneratorAttributeSyntaxContext, CancellationToken, LoweringResult> lower, CancellationToken ct)
    {
        var node = context.TargetNode;
        var tree = node.SyntaxTree;
        var span = node.FullSpan;
        var fingerprint = CompilationFingerprint.Of(context.SemanticModel.Compilation, ct);
        lock (_gate)
        {
            // The same tree: the same text at the same span.
            if (_files.TryGetValue(tree.FilePath, out var file) && file.Fingerprint.Equals(fingerprint) &&
                ReferenceEquals(file.Tree, tree) && file.BySpan.TryGetValue(span, out var same))
            {
                Reused++;
                return same;
            }
        }
        // A new version of the file: look the method up by its position and text.
        var key = MethodKey.Of(node, ct);
        lock (_gate)
        {
            var file = Entry(tree, fingerprint);
            if (file.Previous.TryGetValue(key, out var kept) || file.ByKey.TryGetValue(key, out kept))
            {
                Reused++;
                file.Store(span, key, kept);
                return kept;
            }
        }
        var result = lower(context, ct);
        lock (_gate)
        {
            Lowered++;
            Entry(tree, fingerprint).Store(span, key, result);
        }
        return result;
    }

    // The entry for this file and fingerprint, rotated when the tree is new: results of the
    // previous version of the file stay findable by their text for one more version.
    private FileResults Entry(SyntaxTree tree, CompilationFingerprint fingerprint)
    {
        if (!_files.TryGetValue(tree.FilePath, out var file) || !file.Fingerprint.Equals(fingerprint))
        {
            if (_files.Count >= MaxFiles)
            {
                _files.Clear();
            }
            file = new FileResults(fingerprint, tree);
            _files[tree.FilePath] = file;
        }
        else if (!ReferenceEquals(file.Tree, tree))
        {
            file.Rotate(tree);
        }
        return file;
    }

    private sealed class FileResults(CompilationFingerprint fingerprint, SyntaxTree tree)
    {
        public CompilationFingerprint Fingerprint { get; } = fingerprint;

        public SyntaxTree Tree { get; private set; } = tree;

        public Dictionary<TextSpan, LoweringResult> BySpan { get; private set; } = new();

        public Dictionary<MethodKey, LoweringResult> ByKey { get; private set; } = new();

        public Dictionary<MethodKey, LoweringResult> Previous { get; private set; } = new();

        public void Store(TextSpan span, MethodKey key, LoweringResult result)
        {
            BySpan[span] = result;
            ByKey[key] = result;
        }

        public void Rotate(SyntaxTree tree)
        {
            Tree = tree;
            Previous = ByKey;
            ByKey = new();
            BySpan = new();
        }
    }

    /// <summary>A method by where it starts (position, line and column) and a hash of its text, attributes and trivia included.</summary>
    private sealed class MethodKey : IEquatable<MethodKey>
    {
        private readonly int _start;
        private readonly LinePosition _position;
        private readonly byte[] _hash;

        private MethodKey(int start, LinePosition position, byte[] hash)
        {
            _start = start;
            _position = position;
            _hash = hash;
        }

        [ThreadStatic]
        private static SHA256? t_sha;

        public static MethodKey Of(SyntaxNode node, CancellationToken ct)
        {
            var text = node.SyntaxTree.GetText(ct);
            // One hasher per thread, not one per method: creating it is a native context each time (ComputeHash leaves it reset).
            var sha = t_sha ??= SHA256.Create();
            // A local function's coroutine reads the fields of the method around it and copies its local functions: that
            // method's text is its text; for top-level statements, all of them (a local function declared in one is used in another).
            var hashed = node is LocalFunctionStatementSyntax
                ? node.Ancestors().OfType<MemberDeclarationSyntax>().FirstOrDefault() switch
                {
                    GlobalStatementSyntax global => global.Parent!,
                    { } member => member,
                    null => node,
                }
                : node;
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString(hashed.FullSpan)));
            return new MethodKey(node.FullSpan.Start, text.Lines.GetLinePosition(node.FullSpan.Start), hash);
        }

        public bool Equals(MethodKey? other) =>
            other is not null && _start == other._start && _position == other._position && _hash.AsSpan().SequenceEqual(other._hash);

        public override bool Equals(object? obj) => Equals(obj as MethodKey);

        public override int GetHashCode() => (_start * 31) ^ BitConverter.ToInt32(_hash, 0);
    }
}
