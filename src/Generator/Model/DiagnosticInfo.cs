using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Generator.Model;

/// <summary>Where a diagnostic points, without holding a syntax tree (pipeline models must stay value-equatable).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo From(SyntaxNode node) => From(node.GetLocation());

    public static LocationInfo From(SyntaxToken token) => From(token.GetLocation());

    public static LocationInfo From(Location location) =>
        new(location.SourceTree?.FilePath ?? "", location.SourceSpan, location.GetLineSpan().Span);
}

/// <summary>A diagnostic to report, as plain data.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo Location, EquatableArray<string> Arguments)
{
    public bool IsError => Diagnostics.DiagnosticDescriptors.ById(Id).DefaultSeverity == DiagnosticSeverity.Error;

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(
            Diagnostics.DiagnosticDescriptors.ById(Id),
            Location.ToLocation(),
            Arguments.Select(static a => (object)a).ToArray());

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SyntaxNode node, params string[] args) =>
        new(descriptor.Id, LocationInfo.From(node), args.ToEquatableArray());

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SyntaxToken token, params string[] args) =>
        new(descriptor.Id, LocationInfo.From(token), args.ToEquatableArray());
}
