using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Generator.Binding;

/// <summary>
/// Locals whose type is the delegate type C# made for a lambda or a method group (<c>var f = (ref int y) =&gt; y;</c>):
/// no field can name that type, so the state machine declares a delegate type of the same signature
/// (Lowering/NamedDelegates) and keeps the local in a field of it. The lambda converts to it; every other use must
/// mean the same with that type, so each value that flows in must convert (a lambda, an anonymous method, a method
/// group, null, or another such local), and each use must not need the compiler's own type.
/// </summary>
internal sealed partial class CaptureWalker
{
    private readonly List<(ILocalSymbol Local, SyntaxNode Declaration)> _unnamedDelegates = new();

    /// <summary>
    /// The first checks of a local of such a type: declared by a statement of its own, with a signature a declared
    /// delegate type can repeat; its uses are checked once all locals are known (<see cref="CheckUnnamedDelegateUses"/>).
    /// </summary>
    private string? UnnamedDelegateRefusal(ILocalSymbol local, INamedTypeSymbol type, SyntaxNode declaration)
    {
        if (declaration is not VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax })
        {
            return $"its type is {Described(type)}, and of such locals only one declared by a statement of its own (var f = ...;) is kept in a field";
        }
        var invoke = type.DelegateInvokeMethod!;
        if (invoke.Parameters.Select(static p => p.Type).Prepend(invoke.ReturnType).FirstOrDefault(static t => !t.CanBeNamed()) is { } part)
        {
            return $"its type is {Described(type)}, and no delegate type of the same signature can be declared: its part '{part.ToDisplayString()}' has no name in C# either";
        }
        _unnamedDelegates.Add((local, declaration));
        return null;
    }

    private static string Described(ITypeSymbol type) =>
        $"the delegate type '{type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString()}' that the compiler made for a lambda, which has no name in C#";

    /// <summary>
    /// After the walk: each kept local of such a type, and each <c>var g = f;</c> that takes its declared type, must be used only
    /// where the declared type means the same. One that is not is refused (COR0009, at the declaration of the kept local, naming the use).
    /// </summary>
    private void CheckUnnamedDelegateUses()
    {
        if (_unnamedDelegates.Count == 0)
        {
            return;
        }
        // The locals of the declared types: the kept ones, and those `var` declares from one of them (found as the uses are read), each with the kept one it comes from.
        var typed = new HashSet<ILocalSymbol>(_unnamedDelegates.Select(static d => d.Local), SymbolEqualityComparer.Default);
        var keptFrom = typed.ToDictionary(static l => l, static l => l, SymbolEqualityComparer.Default);
        var refusals = new Dictionary<ILocalSymbol, (SyntaxNode Use, string Why)>(SymbolEqualityComparer.Default);
        var batch = typed.ToList();
        while (batch.Count > 0)
        {
            var names = new HashSet<string>(batch.Select(static l => l.Name));
            var next = new List<ILocalSymbol>();
            foreach (var name in _body.DescendantNodes().OfType<IdentifierNameSyntax>().Where(n => names.Contains(n.Identifier.ValueText)))
            {
                if (_model.GetSymbolInfo(name).Symbol is not ILocalSymbol local || !batch.Contains(local, SymbolEqualityComparer.Default) || refusals.ContainsKey(keptFrom[local]))
                {
                    continue;
                }
                if (UnnamedDelegateUse(name, typed, out var declared) is { } why)
                {
                    refusals[keptFrom[local]] = (name, why);
                }
                else if (declared is not null && typed.Add(declared))
                {
                    keptFrom[declared] = keptFrom[local];
                    next.Add(declared);
                }
            }
            batch = next;
        }
        // Initializers last: one may read a local that a `var g = f;` gave the declared type.
        foreach (var (local, declaration) in _unnamedDelegates)
        {
            if (!refusals.ContainsKey(local) && declaration is VariableDeclaratorSyntax { Initializer.Value: { } value } && Source(value, typed) is { } why)
            {
                refusals[local] = (value, why);
            }
        }
        foreach (var (local, declaration) in _unnamedDelegates)
        {
            if (!refusals.TryGetValue(local, out var refused))
            {
                continue;
            }
            var line = refused.Use.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            var type = (INamedTypeSymbol)local.Type;
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LocalCannotBeHoisted, declaration, local.Name,
                $"its type is {Described(type)}; the state machine would keep it as a delegate type of the same signature, but {refused.Why} (line {line})",
                $"Declare a delegate type of that signature ({Declaration(type, local.Name)}) and give '{local.Name}' that type instead of 'var'"));
            Locals.RemoveAll(l => SymbolEqualityComparer.Default.Equals(l.Local, local));
        }
    }

    /// <summary><c>delegate int FDelegate(ref int y);</c>: the declaration the fix suggests.</summary>
    private static string Declaration(INamedTypeSymbol type, string local)
    {
        var invoke = type.DelegateInvokeMethod!;
        var name = char.ToUpperInvariant(local[0]) + local.Substring(1) + "Delegate";
        return $"delegate {invoke.ToDisplayString(s_signature).Replace("Invoke(", name + "(")};";
    }

    private static readonly SymbolDisplayFormat s_signature = new(
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeRef,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeParamsRefOut |
                          SymbolDisplayParameterOptions.IncludeDefaultValue,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>
    /// Why <paramref name="use"/> of a local of a declared delegate type would not mean the same, or null where it does;
    /// <paramref name="declared"/>: the local that <c>var g = f;</c> declares, which takes the declared type too.
    /// </summary>
    private string? UnnamedDelegateUse(IdentifierNameSyntax use, HashSet<ILocalSymbol> typed, out ILocalSymbol? declared)
    {
        declared = null;
        SyntaxNode node = use;
        // A branch of `c ? lambda : f` has the conditional's type: where that goes decides.
        while (node.Parent is ParenthesizedExpressionSyntax || node.Parent is ConditionalExpressionSyntax branches && branches.Condition != node ||
               node.Parent is PostfixUnaryExpressionSyntax suppressed && suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression))
        {
            node = node.Parent;
        }
        switch (node.Parent)
        {
            case InvocationExpressionSyntax call when call.Expression == node:
            case MemberAccessExpressionSyntax access when access.Expression == node:
            case ConditionalAccessExpressionSyntax conditional when conditional.Expression == node:
            case CastExpressionSyntax:
            case IsPatternExpressionSyntax:
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.IsExpression) || binary.IsKind(SyntaxKind.AsExpression):
                return null;
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } declarator }:
                if (declaration.Type.IsVar)
                {
                    declared = _model.GetDeclaredSymbol(declarator) as ILocalSymbol;
                    return null;
                }
                return Holds(declaration.Type) ? $"it initializes '{declarator.Identifier.ValueText}', whose type holds the compiler's own" : null;
            case AssignmentExpressionSyntax assignment when assignment.Left == node:
                return assignment.Kind() is SyntaxKind.SimpleAssignmentExpression or SyntaxKind.AddAssignmentExpression or SyntaxKind.SubtractAssignmentExpression or SyntaxKind.CoalesceAssignmentExpression
                    ? Source(assignment.Right, typed)
                    : $"'{assignment}' needs the compiler's own type";
            case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && !IsTyped(assignment.Left, typed) &&
                                                             _model.GetSymbolInfo(assignment.Left).Symbol is not IDiscardSymbol && Holds(assignment.Left):
                return $"'{assignment}' assigns it where the compiler's own type is needed";
            case AssignmentExpressionSyntax assignment when !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && !IsTyped(assignment.Left, typed):
                return $"'{assignment}' combines it with a value of the compiler's own type";
            case AssignmentExpressionSyntax:
                return null;
            case ArgumentSyntax argument when _model.GetOperation(argument) is IArgumentOperation { Parameter: { } parameter }:
                // A generic parameter takes the declared type, unless another argument of the call also has the compiler's type.
                var other = ((BaseArgumentListSyntax)argument.Parent!).Arguments
                    .FirstOrDefault(a => a != argument && !IsTyped(a.Expression, typed) && Unparenthesized(a.Expression) is not AnonymousFunctionExpressionSyntax && Holds(a.Expression));
                return SymbolEqualityComparer.Default.Equals(parameter.OriginalDefinition.Type, parameter.Type) || other is null ? null
                    : $"'{argument.Parent!.Parent}' infers a type argument from it and from '{other}', of the compiler's own type";
            case BinaryExpressionSyntax comparison when comparison.IsKind(SyntaxKind.EqualsExpression) || comparison.IsKind(SyntaxKind.NotEqualsExpression):
                var operand = comparison.Left == node ? comparison.Right : comparison.Left;
                return IsTyped(operand, typed) || !Holds(operand) || Unparenthesized(operand).IsKind(SyntaxKind.NullLiteralExpression) ? null
                    : $"'{comparison}' compares it with a value of the compiler's own type";
            default:
                return $"'{node.Parent!.AncestorsAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(static e => e is not InitializerExpressionSyntax) ?? node.Parent}' uses it where the compiler's own type is needed";
        }
    }

    // Why a value assigned to such a local does not convert to the declared type, or null where it does.
    private string? Source(ExpressionSyntax value, HashSet<ILocalSymbol> typed)
    {
        value = Unparenthesized(value);
        switch (value)
        {
            case AnonymousFunctionExpressionSyntax:
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NullLiteralExpression) || literal.IsKind(SyntaxKind.DefaultLiteralExpression):
                return null;
            case ConditionalExpressionSyntax conditional:
                return Source(conditional.WhenTrue, typed) ?? Source(conditional.WhenFalse, typed);
            case IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax when IsTyped(value, typed) || _model.GetSymbolInfo(value).Symbol is IMethodSymbol:
                return null; // another such local, or a method group
            default:
                return $"its value comes from '{value}', of the compiler's own type, which does not convert to a declared one";
        }
    }

    private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    expression = suppressed.Operand;
                    break;
                default:
                    return expression;
            }
        }
    }

    // Whether `expression` is a local that has (or takes) a declared delegate type.
    private bool IsTyped(ExpressionSyntax expression, HashSet<ILocalSymbol> typed) =>
        Unparenthesized(expression) is IdentifierNameSyntax name && _model.GetSymbolInfo(name).Symbol is ILocalSymbol local && typed.Contains(local);

    // Whether the type of `expression` (or the type it names) holds a delegate type the compiler made.
    private bool Holds(SyntaxNode expression) => _model.GetTypeInfo(expression).Type is { } type && HoldsUnnamedDelegate(type);

    private static bool HoldsUnnamedDelegate(ITypeSymbol type) => type switch
    {
        _ when type.IsUnnamedDelegate() => true,
        IArrayTypeSymbol array => HoldsUnnamedDelegate(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(HoldsUnnamedDelegate) || named.ContainingType is { } outer && HoldsUnnamedDelegate(outer),
        _ => false,
    };
}
