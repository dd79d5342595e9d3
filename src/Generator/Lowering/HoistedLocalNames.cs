using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Binding;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// A syntactic answer, before the semantic query, to "which hoisted local does this simple name read?"
/// (issue 16: without C#'s nullable analysis, asking the model binds the statement around the name, and
/// for a loop's condition that is the whole loop). Certain only in the local's own scope (the block,
/// <c>for</c> or <c>foreach</c> that declares it) when nothing else there declares that name (C# then
/// finds the local first); anything else is left to the model.
/// </summary>
internal sealed class HoistedLocalNames
{
    private readonly Dictionary<SyntaxNode, Dictionary<string, int>> _declaredIn = new();
    private readonly Dictionary<ISymbol, (SyntaxNode Scope, int DeclaredInScope)?> _scopeOf = new(SymbolEqualityComparer.Default);

    /// <summary>The one local or parameter of <paramref name="hoisted"/> that <paramref name="name"/> reads, or null when that is not certain by syntax.</summary>
    public ISymbol? VariableReadBy(IdentifierNameSyntax name, IEnumerable<ISymbol> hoisted)
    {
        if (name.Parent is MemberAccessExpressionSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax or NameColonSyntax or NameEqualsSyntax or GotoStatementSyntax ||
            SyntaxFacts.IsInNamespaceOrTypeContext(name) || IsInNameof(name))
        {
            return null; // a member's name, a type (Color Color), a label, nameof's operand: the model tells
        }
        var text = name.Identifier.ValueText;
        ISymbol? variable = null;
        foreach (var symbol in hoisted)
        {
            if (symbol.Name == text)
            {
                if (variable is not null || symbol is not (ILocalSymbol or IParameterSymbol))
                {
                    return null;
                }
                variable = symbol;
            }
        }
        if (variable is null)
        {
            return null;
        }
        if (!_scopeOf.TryGetValue(variable, out var found))
        {
            _scopeOf[variable] = found = variable.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is { } declaration ? ScopeOf(declaration) : null;
        }
        if (found is not var (scope, declaredInScope) ||
            !scope.Span.Contains(name.Span) ||
            (!DeclaredOnlyThere(scope, text, declaredInScope) && (DeclaredIn(scope).TryGetValue(text, out var count) ? count : 0) != declaredInScope))
        {
            return null;
        }
        return variable;
    }

    // A scope inside the body declares at most the body's declarations of a name, and at least its own
    // (the variable's): when the body holds no more than those, the scope's count is known without walking it.
    private bool DeclaredOnlyThere(SyntaxNode scope, string text, int declaredInScope) =>
        _body is not null && scope.SyntaxTree == _body.SyntaxTree && _body.FullSpan.Contains(scope.FullSpan) &&
        (_bodyDeclared!.TryGetValue(text, out var count) ? count : 0) == declaredInScope;

    // nameof's operand holds no statement: the walk up stops at the first one (not at the root, for every name).
    private static bool IsInNameof(SyntaxNode name)
    {
        for (var ancestor = name.Parent; ancestor is not null and not StatementSyntax; ancestor = ancestor.Parent)
        {
            if (ancestor is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } })
            {
                return true;
            }
        }
        return false;
    }

    // Where the variable's name means it, and how many declarations of that name the scope itself holds (its own).
    private static (SyntaxNode Scope, int DeclaredInScope)? ScopeOf(SyntaxNode declaration) => declaration switch
    {
        VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax { Parent: BlockSyntax block } } } => (block, 1),
        VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: ForStatementSyntax loop } } => (loop, 1),
        ForEachStatementSyntax loop => (loop.Statement, 1),
        // A method's or local function's parameter: its body (the parameter list is outside it).
        ParameterSyntax { Parent: ParameterListSyntax { Parent: BaseMethodDeclarationSyntax method } } when BodyOf(method.Body, method.ExpressionBody) is { } body => (body, 0),
        ParameterSyntax { Parent: ParameterListSyntax { Parent: LocalFunctionStatementSyntax function } } when BodyOf(function.Body, function.ExpressionBody) is { } body => (body, 0),
        _ => null,
    };

    private static SyntaxNode? BodyOf(BlockSyntax? block, ArrowExpressionClauseSyntax? arrow) => (SyntaxNode?)block ?? arrow;

    // Every name declared in the scope (locals, parameters of lambdas and local functions, range
    // variables, labels...), with how many times.
    private Dictionary<string, int> DeclaredIn(SyntaxNode scope)
    {
        if (_declaredIn.TryGetValue(scope, out var counts))
        {
            return counts;
        }
        counts = new Dictionary<string, int>();
        if (scope is StatementSyntax { Parent: ForEachStatementSyntax loop } && loop.Statement == scope)
        {
            BodySyntax.Count(counts, loop.Identifier);
        }
        foreach (var node in scope.DescendantNodesAndSelf())
        {
            BodySyntax.Count(counts, BodySyntax.DeclaredBy(node));
        }
        _declaredIn[scope] = counts;
        return counts;
    }

    /// <summary>The names the body itself declares, counted by the one walk over it (BodySyntax): its scope is not walked again.</summary>
    public void Know(SyntaxNode body, Dictionary<string, int> declared)
    {
        _declaredIn[body] = declared;
        (_body, _bodyDeclared) = (body, declared);
    }

    private SyntaxNode? _body;
    private Dictionary<string, int>? _bodyDeclared;
}
