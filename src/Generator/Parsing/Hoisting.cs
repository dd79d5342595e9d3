using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Parsing;

/// <summary>
/// Finds the locals whose scope is a flattened block, condition or loop header: once flattened,
/// such a scope no longer exists in C#, so the local must live in a field. Locals scoped inside a
/// statement that is kept as written stay ordinary locals.
/// </summary>
internal sealed class Hoisting
{
    private readonly SemanticModel _model;
    private readonly Suspensions _suspensions;
    private readonly SyntaxNode _body;
    private readonly List<DiagnosticInfo> _diagnostics;

    private Hoisting(SemanticModel model, Suspensions suspensions, SyntaxNode body, List<DiagnosticInfo> diagnostics)
    {
        _model = model;
        _suspensions = suspensions;
        _body = body;
        _diagnostics = diagnostics;
    }

    /// <summary>The hoisted locals in declaration order, with the syntax that declares each.</summary>
    public List<(ILocalSymbol Local, SyntaxNode Declaration)> Locals { get; } = new();

    public static Hoisting Collect(SemanticModel model, Suspensions suspensions, SyntaxNode body, List<DiagnosticInfo> diagnostics)
    {
        var hoisting = new Hoisting(model, suspensions, body, diagnostics);
        hoisting.VisitFlattened(body);
        return hoisting;
    }

    private void VisitFlattened(SyntaxNode node)
    {
        switch (node)
        {
            case BlockSyntax block:
                foreach (var statement in block.Statements)
                {
                    if (_suspensions.Flattened.Contains(statement))
                    {
                        VisitFlattened(statement);
                    }
                    else
                    {
                        VisitKeptAtFlattenedLevel(statement);
                    }
                }
                break;
            case IfStatementSyntax ifStatement:
                ScanExpression(ifStatement.Condition, ifStatement.Condition);
                VisitChild(ifStatement.Statement);
                if (ifStatement.Else is not null)
                {
                    VisitChild(ifStatement.Else.Statement);
                }
                break;
            case WhileStatementSyntax whileStatement:
                ScanExpression(whileStatement.Condition, whileStatement.Condition);
                VisitChild(whileStatement.Statement);
                break;
            case DoStatementSyntax doStatement:
                VisitChild(doStatement.Statement);
                ScanExpression(doStatement.Condition, doStatement.Condition);
                break;
            case ForStatementSyntax forStatement:
                if (forStatement.Declaration is not null)
                {
                    AddDeclarators(forStatement.Declaration);
                    foreach (var variable in forStatement.Declaration.Variables)
                    {
                        if (variable.Initializer is not null)
                        {
                            ScanExpression(variable.Initializer.Value, forStatement);
                        }
                    }
                }
                foreach (var initializer in forStatement.Initializers)
                {
                    ScanExpression(initializer, forStatement);
                }
                if (forStatement.Condition is not null)
                {
                    ScanExpression(forStatement.Condition, forStatement);
                }
                foreach (var incrementor in forStatement.Incrementors)
                {
                    ScanExpression(incrementor, forStatement);
                }
                VisitChild(forStatement.Statement);
                break;
        }
    }

    // An embedded statement (the body of an if or loop) is its own scope: nothing it declares
    // leaks out unless it is itself flattened.
    private void VisitChild(StatementSyntax statement)
    {
        if (_suspensions.Flattened.Contains(statement))
        {
            VisitFlattened(statement);
        }
    }

    private void VisitKeptAtFlattenedLevel(StatementSyntax statement)
    {
        switch (statement)
        {
            case LocalDeclarationStatementSyntax declaration:
                if (declaration.IsConst)
                {
                    return; // a constant has no storage to hoist
                }
                if (declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword))
                {
                    _diagnostics.Add(Suspensions.Diagnostic(
                        DiagnosticDescriptors.UnsupportedConstruct, declaration, "Yield.Sleep", "the scope of a using declaration"));
                    return;
                }
                AddDeclarators(declaration.Declaration);
                foreach (var variable in declaration.Declaration.Variables)
                {
                    if (variable.Initializer is not null)
                    {
                        ScanExpression(variable.Initializer.Value, statement);
                    }
                }
                break;
            case LabeledStatementSyntax labeled:
                _diagnostics.Add(Suspensions.Diagnostic(
                    DiagnosticDescriptors.UnsupportedConstruct, labeled.Identifier, "Yield.Sleep", "a method with a label beside a suspension"));
                break;
            case ExpressionStatementSyntax expression:
                ScanExpression(expression.Expression, statement);
                break;
            case ReturnStatementSyntax { Expression: { } value }:
                ScanExpression(value, statement);
                break;
            case ThrowStatementSyntax { Expression: { } thrown }:
                ScanExpression(thrown, statement);
                break;
            case IfStatementSyntax ifStatement:
                ScanExpression(ifStatement.Condition, statement); // C# lets `if (x is T t)` variables leak into the block
                break;
            case SwitchStatementSyntax switchStatement:
                ScanExpression(switchStatement.Expression, statement);
                break;
        }
    }

    private void AddDeclarators(VariableDeclarationSyntax declaration)
    {
        foreach (var variable in declaration.Variables)
        {
            if (_model.GetDeclaredSymbol(variable) is ILocalSymbol local && Check(local, variable))
            {
                Locals.Add((local, variable));
            }
        }
    }

    /// <summary>Expression variables (<c>out var x</c>, deconstruction, patterns) declared in <paramref name="expression"/>.</summary>
    private void ScanExpression(SyntaxNode expression, SyntaxNode container)
    {
        var designations = expression
            .DescendantNodesAndSelf(static n => !Suspensions.IsFunction(n) && n is not SwitchExpressionArmSyntax and not QueryExpressionSyntax)
            .OfType<SingleVariableDesignationSyntax>();
        foreach (var designation in designations)
        {
            if (_model.GetDeclaredSymbol(designation) is not ILocalSymbol local)
            {
                continue;
            }
            if (designation.Ancestors().TakeWhile(a => a != expression).Any(static a => a is DeclarationExpressionSyntax))
            {
                if (Check(local, designation))
                {
                    Locals.Add((local, designation));
                }
            }
            else if (IsUsedOutside(local, container))
            {
                _diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.PatternVariableAcrossSuspension, designation, local.Name));
            }
        }
    }

    private bool IsUsedOutside(ILocalSymbol local, SyntaxNode container) =>
        _body.DescendantNodes()
            .OfType<IdentifierNameSyntax>()
            .Where(n => n.Identifier.ValueText == local.Name && !container.Span.Contains(n.Span))
            .Any(n => SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(n).Symbol, local));

    private bool Check(ILocalSymbol local, SyntaxNode declaration)
    {
        string? reason = null;
        if (local.IsRef)
        {
            reason = "it is a ref local";
        }
        else if (local.Type.IsRefLikeType)
        {
            reason = $"its type '{local.Type.ToDisplayString()}' is a ref struct, which cannot be stored in a field";
        }
        else if (local.Type.IsAnonymousType || local.Type.ContainsAnonymousType())
        {
            reason = "its type is anonymous and cannot be named in a field";
        }
        if (reason is null)
        {
            return true;
        }
        _diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.LocalCannotBeHoisted, declaration, local.Name, reason));
        return false;
    }
}

internal static class TypeSymbolExtensions
{
    public static bool ContainsAnonymousType(this ITypeSymbol type) => type switch
    {
        { IsAnonymousType: true } => true,
        IArrayTypeSymbol array => array.ElementType.ContainsAnonymousType(),
        INamedTypeSymbol named => named.TypeArguments.Any(static t => t.ContainsAnonymousType()),
        _ => false,
    };
}
