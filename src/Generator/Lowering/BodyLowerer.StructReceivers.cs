using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// A suspension point with a result method called on a struct variable (<c>doors[i].Wait(1)</c>, <c>box.Door.Wait(1)</c>,
/// <c>door.Wait(1)</c>): C# calls both on the variable itself, so the change the factory makes stays in the variable and
/// the result method sees it. The variable's parts (the array and its indexes, the object of a field) are kept once,
/// not a copy of the struct, and the factory and the result method are called on the variable they name.
/// </summary>
internal sealed partial class BodyLowerer
{
    /// <summary>
    /// Keeps the parts of the struct variable <paramref name="receiver"/> (storing into <paramref name="setup"/> those a
    /// later part or argument could change) and marks it as used in place. Returns the statement that takes the variable
    /// by reference (the index and null checks C# makes before the arguments), to go before the first argument that is
    /// evaluated ahead of the call; null when nothing can throw there or <paramref name="receiver"/> is no struct variable.
    /// </summary>
    private Statement? KeepStructVariable(SuspensionSite site, ExpressionSyntax receiver, List<Operand> arguments, string stem, List<Statement> setup)
    {
        var parts = new List<ExpressionSyntax>();
        if (_scope.InPlace.Contains(receiver) || ConditionalChains.RootBinding(receiver) is not null ||
            _scope.Model.GetTypeInfo(receiver).Type is not { IsValueType: true } || !StructVariableParts(receiver, parts))
        {
            return null; // a copy, as C# makes (a property's value, a readonly field), or a `?.` part KeepInPlace saw to
        }
        var operands = parts.Select(static p => new Operand(p, null, null)).Concat(arguments).ToList();
        var line = LineOf(site.Call);
        for (var i = 0; i < parts.Count; i++)
        {
            if (!MustEvaluateOnce(operands, i))
            {
                continue;
            }
            var part = parts[i];
            var type = _scope.Factories.TypeOf(part, converted: false);
            CheckSaveable(type, part, site.Call);
            var name = part.Parent is ArgumentSyntax ? "index" : ReceiverName(part);
            var what = part.Parent is ArgumentSyntax ? "an index" : "the object";
            var field = NewField(
                GeneratedNames.SpillField(stem, name),
                type is null ? "object" : SymbolText.Type(type),
                $"{what} of '{receiver}', the variable {site.Binding.DisplayName} (line {line}) is called on: {site.Binding.Factory} and {site.Binding.Result} both use it in place",
                type is null || !type.IsValueType);
            setup.Add(new AssignStatement(field, Rewrite(part), line));
            _scope.Spilled[part] = field;
        }
        _scope.InPlace.Add(receiver);
        // Arguments the spiller kept (`doors[i].Wait(F())`): it took the variable by reference before them already.
        return parts.Count == 0 || arguments.Any(a => a.Expression is not null && _scope.Spilled.ContainsKey(a.Expression)) ? null : VariableCheck(receiver, line);
    }

    /// <summary>
    /// When the struct variable <paramref name="receiver"/> (its parts kept) is an array element or a field of an object: the
    /// statement that takes it by reference, as C# does before it evaluates the arguments (<c>doors[9].Wait(Arg(1))</c> throws
    /// before <c>Arg</c> runs). Null for a variable that cannot throw (a local, a parameter, a field of this) or a copy.
    /// <paramref name="arrayElementOnly"/>: before an argument that suspends, C# async checks an array element's index
    /// (<c>doors[9].Wait(await F())</c> throws before <c>F</c>) but reads a field of a null object only after the await.
    /// </summary>
    internal Statement? VariableCheck(ExpressionSyntax receiver, int line, bool arrayElementOnly = false)
    {
        var parts = new List<ExpressionSyntax>();
        if (!StructVariableParts(receiver, parts) || parts.Count == 0 || (arrayElementOnly && StructVariableRoot(receiver) is not ElementAccessExpressionSyntax))
        {
            return null;
        }
        return ReferenceCheck(receiver, line);
    }

    /// <summary>The statement that takes the struct variable <paramref name="receiver"/> by reference, its index and null checks with it.</summary>
    internal Statement ReferenceCheck(ExpressionSyntax receiver, int line) =>
        new BlockStatement(
            new Statement[]
            {
                new CommentStatement($"'{ConditionalChains.Text(receiver)}' is taken by reference first, as C# does: its index and null checks come before the arguments"),
                new EvaluateStatement(new VariableCheckExpression(Rewrite(receiver)), line),
            }.ToEquatableArray(),
            line);

    /// <summary>The variable whose field <paramref name="expression"/> is, field by field of structs: <c>pairs[i]</c> for <c>pairs[i].Left</c>.</summary>
    private ExpressionSyntax StructVariableRoot(ExpressionSyntax expression) => expression switch
    {
        ParenthesizedExpressionSyntax parenthesized => StructVariableRoot(parenthesized.Expression),
        MemberAccessExpressionSyntax access when _scope.Model.GetTypeInfo(access.Expression).Type is { IsValueType: true } => StructVariableRoot(access.Expression),
        _ => expression,
    };

    /// <summary>
    /// Whether <paramref name="expression"/> is a struct variable C# calls on in place, and its parts that are evaluated
    /// (an array and its indexes, the object whose field it is), in C#'s order.
    /// </summary>
    private bool StructVariableParts(ExpressionSyntax expression, List<ExpressionSyntax> parts)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return StructVariableParts(parenthesized.Expression, parts);
            case ThisExpressionSyntax:
                return true; // a struct coroutine's copy of this, a field of the state machine
            case ElementAccessExpressionSyntax element when _scope.Model.GetTypeInfo(element.Expression).Type is IArrayTypeSymbol:
                parts.Add(element.Expression);
                parts.AddRange(element.ArgumentList.Arguments.Select(static a => a.Expression));
                return true;
            case IdentifierNameSyntax identifier:
                return _scope.Model.GetSymbolInfo(identifier).Symbol switch
                {
                    ILocalSymbol { IsRef: false } or IParameterSymbol { RefKind: RefKind.None } => true,
                    IFieldSymbol field => !field.IsReadOnly,
                    _ => false,
                };
            case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                if (_scope.Model.GetSymbolInfo(access).Symbol is not IFieldSymbol { IsReadOnly: false } member)
                {
                    return false;
                }
                if (member.IsStatic)
                {
                    return true;
                }
                if (_scope.Model.GetTypeInfo(access.Expression).Type is { IsValueType: true })
                {
                    return StructVariableParts(access.Expression, parts); // `pair.Left`: a field of a struct variable is one too
                }
                parts.Add(access.Expression);
                return true;
            default:
                return false;
        }
    }
}
