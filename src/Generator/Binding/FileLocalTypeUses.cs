using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// COR0033: a coroutine that uses a file-local type (C# 11 <c>file class</c>). The generated state
/// machine, its factory and everything spelled in them (the body, hoisted locals, spilled
/// temporaries, parameters, anonymous shapes) are declared in a generated file, and a file-local
/// type is visible only in the file that declares it. C# async has no such limit: it is the
/// generator's. A method can only use the file-local types of its own file, so a file declaring
/// none (almost all) costs one look at its top-level declarations.
/// </summary>
internal static class FileLocalTypeUses
{
    public static void Check(CoroutineSyntax syntax, IMethodSymbol method, SyntaxNode? body, SemanticModel model, List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        if (!DeclaresFileLocalType(syntax.SyntaxTree.GetRoot(ct)))
        {
            return;
        }
        var name = SymbolText.MethodName(method);
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal)
            {
                Report(syntax.Identifier, name, type, "as its containing type", diagnostics);
                return; // the generated partial declaration would be another type: every other use follows from this one
            }
        }
        var reported = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var returnType = (syntax.Node as MethodDeclarationSyntax)?.ReturnType ?? (syntax.Node as LocalFunctionStatementSyntax)?.ReturnType;
        if (returnType is not null && FileLocalIn(method.ReturnType) is { } returned && reported.Add(returned))
        {
            Report(returnType, name, returned, "in its return type", diagnostics);
        }
        foreach (var parameter in syntax.ParameterList.Parameters)
        {
            if (parameter.Type is { } written && FileLocalIn(model.GetTypeInfo(written, ct).Type) is { } used && reported.Add(used))
            {
                Report(written, name, used, $"in the type of its parameter '{parameter.Identifier.ValueText}'", diagnostics);
            }
            if (parameter.Default is { } defaultValue)
            {
                // The factory repeats the default value.
                CheckCode(defaultValue.Value, name, $"in the default value of its parameter '{parameter.Identifier.ValueText}'", reported, model, diagnostics, ct);
            }
        }
        var constraints = (syntax.Node as MethodDeclarationSyntax)?.ConstraintClauses ?? (syntax.Node as LocalFunctionStatementSyntax)?.ConstraintClauses ?? default;
        foreach (var clause in constraints)
        {
            if (method.TypeParameters.FirstOrDefault(p => p.Name == clause.Name.Identifier.ValueText) is { } typeParameter &&
                typeParameter.ConstraintTypes.Select(FileLocalIn).FirstOrDefault(static t => t is not null) is { } constrained && reported.Add(constrained))
            {
                Report(clause, name, constrained, $"in the constraints of its type parameter '{typeParameter.Name}'", diagnostics);
            }
        }
        if (body is not null)
        {
            CheckCode(body, name, "in its body", reported, model, diagnostics, ct);
        }
    }

    /// <summary>
    /// The first use of each file-local type in the body (or a default value): the outermost expression (or query clause) that
    /// names it, is a member of it or has a type involving it (a hoisted local's or spilled temporary's
    /// type is an expression's). One fix (the type's declaration) clears all its uses, so one report per type.
    /// </summary>
    private static void CheckCode(SyntaxNode code, string name, string where, HashSet<INamedTypeSymbol> reported, SemanticModel model, List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        var pending = new Stack<SyntaxNode>();
        pending.Push(code);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (Uses(node, model, ct) is { } used && reported.Add(used))
            {
                Report(node, name, used, where, diagnostics);
            }
            // Children in reverse, so that reports come in source order.
            foreach (var child in node.ChildNodes().Reverse())
            {
                pending.Push(child);
            }
        }
    }

    private static INamedTypeSymbol? Uses(SyntaxNode node, SemanticModel model, CancellationToken ct)
    {
        switch (node)
        {
            case ExpressionSyntax expression:
                var info = model.GetTypeInfo(expression, ct);
                return FileLocalIn(info.Type) ?? FileLocalIn(info.ConvertedType) ?? FileLocalIn(model.GetSymbolInfo(expression, ct).Symbol);
            case QueryClauseSyntax clause:
                var query = model.GetQueryClauseInfo(clause, ct);
                return FileLocalIn(query.CastInfo.Symbol) ?? FileLocalIn(query.OperationInfo.Symbol);
            case SelectOrGroupClauseSyntax selectOrGroup:
                return FileLocalIn(model.GetSymbolInfo(selectOrGroup, ct).Symbol);
            case OrderingSyntax ordering:
                return FileLocalIn(model.GetSymbolInfo(ordering, ct).Symbol);
            default:
                return null;
        }
    }

    /// <summary>The file-local type a symbol is, is a member of, or whose type (or type arguments) involves one.</summary>
    private static INamedTypeSymbol? FileLocalIn(ISymbol? symbol) => symbol switch
    {
        null => null,
        ITypeSymbol type => FileLocalIn(type),
        IMethodSymbol method => FileLocalIn(method.ContainingType) ?? method.TypeArguments.Select(FileLocalIn).FirstOrDefault(static t => t is not null),
        _ => FileLocalIn(symbol.ContainingType),
    };

    private static INamedTypeSymbol? FileLocalIn(ITypeSymbol? type) => type switch
    {
        INamedTypeSymbol { IsFileLocal: true } named => named.OriginalDefinition, // one type, whatever its type arguments
        INamedTypeSymbol { IsAnonymousType: true } anonymous => anonymous.GetMembers().OfType<IPropertySymbol>().Select(static p => FileLocalIn(p.Type)).FirstOrDefault(static t => t is not null),
        INamedTypeSymbol named => FileLocalIn(named.ContainingType) ?? named.TypeArguments.Select(FileLocalIn).FirstOrDefault(static t => t is not null),
        IArrayTypeSymbol array => FileLocalIn(array.ElementType),
        IPointerTypeSymbol pointer => FileLocalIn(pointer.PointedAtType),
        _ => null,
    };

    /// <summary>Whether the file declares a <c>file</c> type: only top-level types can be file-local.</summary>
    private static bool DeclaresFileLocalType(SyntaxNode root) =>
        root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<MemberDeclarationSyntax>()
            .Any(static m => m is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax && m.Modifiers.Any(SyntaxKind.FileKeyword));

    private static void Report(SyntaxNode at, string name, INamedTypeSymbol type, string where, List<DiagnosticInfo> diagnostics) =>
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileLocalType, at, name, type.Name, where));

    private static void Report(SyntaxToken at, string name, INamedTypeSymbol type, string where, List<DiagnosticInfo> diagnostics) =>
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileLocalType, at, name, type.Name, where));
}
