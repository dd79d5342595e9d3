using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Parsing;

/// <summary>
/// Finds the suspension points in a coroutine body (calls that bind to a method marked
/// <c>[SuspensionPoint]</c>) and the statements that contain them, which must be flattened.
/// </summary>
internal sealed class Suspensions
{
    public const string SuspensionPointAttribute = "Coroutines.SuspensionPointAttribute";

    private Suspensions()
    {
    }

    /// <summary>Statements that are a suspension, with the <c>Suspension</c> factory to call.</summary>
    public Dictionary<StatementSyntax, (string Factory, InvocationExpressionSyntax Call)> Statements { get; } = new();

    /// <summary>The suspension that is a void method's whole expression body (<c>=> Yield.Sleep(1);</c>), if any.</summary>
    public (string Factory, InvocationExpressionSyntax Call)? ExpressionBody { get; private set; }

    /// <summary>Every statement that contains a suspension, the body included: these are flattened.</summary>
    public HashSet<SyntaxNode> Flattened { get; } = new();

    public static Suspensions Find(SyntaxNode body, SemanticModel model, List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        var result = new Suspensions();
        result.Flattened.Add(body);
        var marker = model.Compilation.GetTypeByMetadataName(SuspensionPointAttribute);
        if (marker is null)
        {
            return result;
        }
        foreach (var call in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            ct.ThrowIfCancellationRequested();
            var factory = FactoryOf(call, model, marker, ct);
            if (factory is null)
            {
                continue;
            }
            var name = call.Expression.ToString();
            var function = call.Ancestors().TakeWhile(a => a != body).FirstOrDefault(IsFunction);
            if (function is not null)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.SuspensionInLambda, call, name, FunctionKind(function)));
                continue;
            }
            if (call.Parent is ArrowExpressionClauseSyntax arrow && arrow == body)
            {
                result.ExpressionBody = (factory, call);
                continue;
            }
            if (call.Parent is not ExpressionStatementSyntax statement)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.SuspensionInExpression, call, name));
                continue;
            }
            var unsupported = statement.Ancestors().TakeWhile(a => a != body).FirstOrDefault(a => !IsFlattenable(a));
            if (unsupported is LockStatementSyntax)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.SuspensionInLock, call, name));
                continue;
            }
            if (unsupported is not null)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedConstruct, call, name, ConstructName(unsupported)));
                continue;
            }
            result.Statements[statement] = (factory, call);
            result.Flattened.Add(statement);
            foreach (var ancestor in statement.Ancestors().TakeWhile(a => a != body))
            {
                result.Flattened.Add(ancestor); // statements, and the catch/finally clauses and switch sections between them
            }
        }
        result.FlattenUsingScopesWithJumps(body);
        return result;
    }

    /// <summary>
    /// A jump out of kept code to flattened code (a break or continue of a flattened loop, a
    /// return routed through a finally that suspends) becomes a goto to a label after the block;
    /// C# forbids such a goto from a block that has a using declaration (CS8648). Such blocks are
    /// flattened too, so the using declaration becomes the same try/finally the compiler makes of it.
    /// </summary>
    private void FlattenUsingScopesWithJumps(SyntaxNode body)
    {
        var usingDeclarations = body.DescendantNodes(static n => !IsFunction(n))
            .OfType<LocalDeclarationStatementSyntax>()
            .Where(static d => d.UsingKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.UsingKeyword) && d.Parent is BlockSyntax)
            .ToList();
        foreach (var declaration in usingDeclarations)
        {
            var block = (BlockSyntax)declaration.Parent!;
            var jumps = block.DescendantNodes(static n => !IsFunction(n))
                .Any(static n => n is BreakStatementSyntax or ContinueStatementSyntax or ReturnStatementSyntax or GotoStatementSyntax);
            if (!jumps)
            {
                continue;
            }
            Flattened.Add(block);
            foreach (var ancestor in block.Ancestors().TakeWhile(a => a != body))
            {
                Flattened.Add(ancestor);
            }
        }
    }

    /// <summary>The <c>Suspension</c> factory named by the marker on the called method, or null if it is not a suspension.</summary>
    public static string? FactoryOf(InvocationExpressionSyntax call, SemanticModel model, INamedTypeSymbol marker, CancellationToken ct)
    {
        if (model.GetSymbolInfo(call, ct).Symbol is not IMethodSymbol method)
        {
            return null;
        }
        foreach (var attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, marker) &&
                attribute.ConstructorArguments.Length == 1 &&
                attribute.ConstructorArguments[0].Value is string factory)
            {
                return factory;
            }
        }
        return null;
    }

    public static bool IsFunction(SyntaxNode node) =>
        node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

    private static bool IsFlattenable(SyntaxNode node) =>
        node is BlockSyntax or IfStatementSyntax or ElseClauseSyntax or WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax
            or TryStatementSyntax or CatchClauseSyntax or FinallyClauseSyntax or UsingStatementSyntax or CommonForEachStatementSyntax
            or SwitchStatementSyntax or SwitchSectionSyntax;

    private static string FunctionKind(SyntaxNode node) => node switch
    {
        LocalFunctionStatementSyntax => "local function",
        AnonymousMethodExpressionSyntax => "anonymous method",
        _ => "lambda",
    };

    private static string ConstructName(SyntaxNode node) => node switch
    {
        TryStatementSyntax or CatchClauseSyntax or FinallyClauseSyntax => "a try statement",
        UsingStatementSyntax => "a using statement",
        CommonForEachStatementSyntax => "a foreach loop",
        SwitchStatementSyntax or SwitchSectionSyntax => "a switch statement",
        LockStatementSyntax => "a lock statement",
        LabeledStatementSyntax => "a labeled statement",
        CheckedStatementSyntax => "a checked or unchecked block",
        UnsafeStatementSyntax => "an unsafe block",
        FixedStatementSyntax => "a fixed statement",
        _ => "this statement",
    };

    public static DiagnosticInfo Diagnostic(DiagnosticDescriptor descriptor, SyntaxNode node, params string[] args) =>
        new(descriptor.Id, LocationInfo.From(node), args.ToEquatableArray());

    public static DiagnosticInfo Diagnostic(DiagnosticDescriptor descriptor, SyntaxToken token, params string[] args) =>
        new(descriptor.Id, LocationInfo.From(token), args.ToEquatableArray());
}
