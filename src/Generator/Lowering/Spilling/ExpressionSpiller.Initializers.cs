using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// Object and collection initializers and conditional access that suspend: C# creates the object
/// first, then runs each member assignment or <c>Add</c> in order, so each becomes a statement of
/// its own on a temporary holding the object; <c>o?.M(F())</c> evaluates <c>F()</c> only when
/// <c>o</c> is not null, so it is spilled under that test.
/// </summary>
internal sealed partial class ExpressionSpiller
{
    /// <summary><c>new T(args) { P = F(), [k] = G() }</c>, <c>new List&lt;T&gt; { a, F() }</c>: the object in a temporary, then each element in order.</summary>
    private void SpillInitializer(BaseObjectCreationExpressionSyntax creation, InitializerExpressionSyntax initializer)
    {
        var type = Model.GetTypeInfo(creation).Type ?? Model.GetTypeInfo(creation).ConvertedType;
        if (type is null || type.TypeKind is TypeKind.Error || type.IsRefLikeType || type.ContainsAnonymousType() || !IsSplittable(initializer))
        {
            Refuse(creation);
            return;
        }
        var arguments = creation.ArgumentList?.Arguments ?? default;
        foreach (var argument in arguments)
        {
            if (argument.RefKindKeyword.IsKind(SyntaxKind.None))
            {
                Preserve(argument.Expression);
            }
            else
            {
                PreserveVariable(argument.Expression);
            }
        }
        if (Failed)
        {
            return;
        }
        var line = BodyLowerer.LineOf(creation);
        var field = _lowerer.NewTemporary(
            Names.GeneratedNames.SpilledOperand(NameOf(creation), _lowerer.NextState),
            SymbolText.Type(type),
            $"the object of {Quote(creation)} (line {line}), initialized member by member around {NextSuspension(creation)}",
            !type.IsValueType);
        Add(new AssignStatement(field, new NewExpression(SymbolText.Type(type), List(arguments)), line));
        SpillElements(field, null, initializer);
        if (Failed)
        {
            return;
        }
        _scope.Spilled[creation] = field;
    }

    /// <summary>
    /// The members or elements of <paramref name="initializer"/> on <paramref name="target"/>, each a
    /// statement, in order. A nested one (<c>P = { F() }</c>, <c>Inner = { Width = F() }</c>, <c>[k] = { F() }</c>) works on
    /// <c>target.P</c> or <c>target[k]</c> (<paramref name="member"/>), read again, the whole path from the created object, for
    /// each element before the element's values, as C# does: for an element that suspends, that read is kept in a temporary first.
    /// An indexer's arguments are evaluated once, when C# reaches that member, and kept for every element.
    /// </summary>
    private void SpillElements(CodeExpression target, ExpressionSyntax? member, InitializerExpressionSyntax initializer)
    {
        foreach (var element in initializer.Expressions)
        {
            if (Failed)
            {
                return;
            }
            var elementLine = BodyLowerer.LineOf(element);
            var receiver = target;
            if (member is not null && Suspends(element) && element is not AssignmentExpressionSyntax { Right: InitializerExpressionSyntax } &&
                Model.GetTypeInfo(member).Type is { IsValueType: false } memberType)
            {
                receiver = _lowerer.NewTemporary(
                    Names.GeneratedNames.SpilledOperand(NameOf(member), _lowerer.NextState),
                    SymbolText.Type(memberType),
                    $"the member {Quote(member)} (line {elementLine}) of a nested initializer, read before {NextSuspension(element)} suspends, as C# does",
                    true);
                Add(new AssignStatement(receiver, target, elementLine));
            }
            switch (element)
            {
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax nestedMember, Right: InitializerExpressionSyntax nested }:
                    SpillElements(new MemberExpression(receiver, nestedMember.Identifier.Text), nestedMember, nested);
                    break;
                case AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax nestedIndexer, Right: InitializerExpressionSyntax nested }:
                    foreach (var argument in nestedIndexer.ArgumentList.Arguments)
                    {
                        Preserve(argument.Expression); // `[Key()] = { a, b }`: Key() once, for both elements
                    }
                    SpillElements(new ElementExpression(receiver, List(nestedIndexer.ArgumentList.Arguments)), nestedIndexer, nested);
                    break;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax assigned } assignment:
                    Spill(assignment.Right);
                    Add(new AssignStatement(new MemberExpression(receiver, assigned.Identifier.Text), Rewrite(assignment.Right), elementLine));
                    break;
                case AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax indexer } assignment:
                    SpillOperands(indexer.ArgumentList.Arguments.Select(static a => new Operand(a.Expression)).Append(new Operand(assignment.Right)).ToList());
                    Add(new AssignStatement(new ElementExpression(receiver, List(indexer.ArgumentList.Arguments)), Rewrite(assignment.Right), elementLine));
                    break;
                case InitializerExpressionSyntax complex: // { key, value }: Add(key, value)
                    SpillOperands(complex.Expressions.Select(static e => new Operand(e)).ToList());
                    Add(new EvaluateStatement(new CallExpression(receiver, "Add", List(complex.Expressions)), elementLine));
                    break;
                default:
                    Spill(element);
                    Add(new EvaluateStatement(new CallExpression(receiver, "Add", Rewrite(element)), elementLine));
                    break;
            }
        }
    }

    /// <summary>Arguments or elements, rewritten, as an argument list.</summary>
    private ListExpression List<T>(SeparatedSyntaxList<T> items)
        where T : SyntaxNode =>
        new(items.Select(i => Rewrite(i)).ToEquatableArray());

    /// <summary>
    /// An initializer made of member assignments (<c>P = x</c>, <c>[k] = x</c>, a nested <c>P = { ... }</c> or <c>[k] = { ... }</c>)
    /// or collection elements.
    /// </summary>
    private static bool IsSplittable(InitializerExpressionSyntax initializer) =>
        initializer.IsKind(SyntaxKind.ObjectInitializerExpression)
            ? initializer.Expressions.All(static e => e is AssignmentExpressionSyntax a && a.IsKind(SyntaxKind.SimpleAssignmentExpression) && a switch
            {
                { Left: IdentifierNameSyntax or ImplicitElementAccessSyntax, Right: InitializerExpressionSyntax nested } => IsSplittable(nested),
                { Left: IdentifierNameSyntax or ImplicitElementAccessSyntax, Right: not InitializerExpressionSyntax } => true,
                _ => false,
            })
            : initializer.IsKind(SyntaxKind.CollectionInitializerExpression) &&
              initializer.Expressions.All(static e => e is not InitializerExpressionSyntax nested || nested.Expressions.All(static n => n is not InitializerExpressionSyntax));

    /// <summary>
    /// <c>o?.M(F())</c>, <c>o?[F()].N(G())</c>: the receiver kept, the suspensions spilled under <c>if (o is not null)</c>.
    /// A part of the chain (<c>.M(...)</c>) is never kept on its own (it has no receiver but the access's): see <see cref="IsBindingRooted"/>.
    /// </summary>
    private void SpillConditionalAccess(ConditionalAccessExpressionSyntax access, bool asStatement = false)
    {
        if (!Suspends(access.WhenNotNull))
        {
            Spill(access.Expression);
            return;
        }
        if (access.WhenNotNull is InvocationExpressionSyntax call && _statement.Sites.TryGetValue(call, out var site))
        {
            SpillConditionalSuspension(access, site, asStatement);
            return;
        }
        Preserve(access.Expression);
        var receiver = Spelled(access.Expression);
        var then = Nested(() => Spill(access.WhenNotNull));
        Add(new IfStatement(new NotExpression(new IsNullExpression(receiver)), Quote(access), then, null, BodyLowerer.LineOf(access)));
    }

    /// <summary><c>gate?.Wait(1);</c> as a statement: it suspends only when <c>gate</c> is not null.</summary>
    public void SpillConditionalStatement(ConditionalAccessExpressionSyntax access) => SpillConditionalAccess(access, asStatement: true);

    /// <summary>
    /// <c>gate?.Wait(1)</c>, <c>o?.Run()</c>: a suspension point or a coroutine called on a conditional receiver (or on a part of its
    /// chain, <c>gates?[0].Wait(1)</c>, see <see cref="KeepChainPart"/>). The receiver is kept;
    /// under <c>if (gate is not null)</c> it suspends, and its value (for a value, null otherwise) goes to a temporary.
    /// </summary>
    private void SpillConditionalSuspension(ConditionalAccessExpressionSyntax access, SuspensionSite site, bool asStatement)
    {
        var type = Model.GetTypeInfo(access).Type;
        if (site.Binding.Kind == SuspendingCallKind.StaticPoint || (!asStatement && (type is null || type.TypeKind is TypeKind.Error || type.IsRefLikeType)))
        {
            Refuse(access); // `o?.StaticPoint()` cannot bind; a value of no type a field can hold
            return;
        }
        if (IsBindingRooted(access.Expression) || Model.GetTypeInfo(access.Expression).Type is { IsValueType: true })
        {
            // `a?.B?.C.Wait(1)`: the receiver `.B` is itself a part of the outer chain; `door?.Wait(1)` on a `Door?`:
            // C# calls on a copy of its value, which the factory and the result method would have to share.
            Refuse(access);
            return;
        }
        Preserve(access.Expression);
        if (Failed)
        {
            return;
        }
        var line = BodyLowerer.LineOf(access);
        string? result = null;
        if (!asStatement)
        {
            result = _lowerer.NewTemporary(
                Names.GeneratedNames.SuspensionValue(site.Binding.Method.Name, _lowerer.NextState),
                SymbolText.Type(type!),
                $"the value of {Quote(access)} (line {line}): null when {Quote(access.Expression)} is",
                true);
            Add(new AssignStatement(result, "null", line));
        }
        var then = Nested(() =>
        {
            KeepChainPart(access, site.Call);
            SpillOperandsOf(site.Call);
            if (result is null)
            {
                Add(_lowerer.SuspendAsStatement(site));
                return;
            }
            SuspendInto(site);
            Add(new AssignStatement(result, _scope.Spilled[site.Call], line));
        });
        Add(new IfStatement(new NotExpression(new IsNullExpression(Spelled(access.Expression))), Quote(access), then, null, line));
        if (result is not null)
        {
            _scope.Spilled[access] = result;
        }
    }

    /// <summary>
    /// <c>gates?[0].Wait(1)</c>, <c>o?.P.Wait(1)</c>: the part of the chain the suspension is called on
    /// (<c>gates[0]</c>), evaluated under the null test from the kept receiver, goes to a temporary the call reads.
    /// </summary>
    private void KeepChainPart(ConditionalAccessExpressionSyntax access, InvocationExpressionSyntax call)
    {
        if (call.Expression is not MemberAccessExpressionSyntax { Expression: var part } || Failed)
        {
            return; // `gate?.Wait(1)`: called on the receiver itself
        }
        var type = Model.GetTypeInfo(part).Type;
        if (Suspends(part) || type is null || type.IsValueType || type.TypeKind is TypeKind.Error || type.ContainsAnonymousType())
        {
            Refuse(access); // a struct part would be copied (C# calls on the variable); a suspension inside the part
            return;
        }
        var line = BodyLowerer.LineOf(access);
        var kept = _lowerer.NewTemporary(
            Names.GeneratedNames.SpilledOperand(ChainPartName(access, part), _lowerer.NextState),
            SymbolText.Type(type),
            $"{Quote(access.Expression)}?{Quote(part)} (line {line}), evaluated before {call.Expression} suspends, as C# does",
            true);
        Add(new AssignStatement(kept, new ChainedExpression(Spelled(access.Expression), Rewrite(part)), line));
        _scope.Spilled[part] = kept;
    }

    /// <summary>The name of a part of a chain: <c>gates_0</c> for <c>gates?[0]</c>, <c>p</c> for <c>o?.P</c>.</summary>
    private string ChainPartName(ConditionalAccessExpressionSyntax access, ExpressionSyntax part) => part switch
    {
        MemberBindingExpressionSyntax member => NameOf(member.Name),
        ElementBindingExpressionSyntax element => NameOf(access.Expression) + "_" + IndexName(element.ArgumentList),
        _ => NameOf(part),
    };

    /// <summary>Whether <paramref name="expression"/> starts with the <c>.M</c> or <c>[i]</c> of a conditional access (it cannot stand alone).</summary>
    private static bool IsBindingRooted(ExpressionSyntax expression) => expression switch
    {
        MemberBindingExpressionSyntax or ElementBindingExpressionSyntax => true,
        InvocationExpressionSyntax call => IsBindingRooted(call.Expression),
        MemberAccessExpressionSyntax access => IsBindingRooted(access.Expression),
        ElementAccessExpressionSyntax element => IsBindingRooted(element.Expression),
        PostfixUnaryExpressionSyntax postfix => IsBindingRooted(postfix.Operand),
        _ => false,
    };
}
