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
        CheckSaveable(type, creation, initializer.SpanStart);
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
                CheckSaveable(memberType, member);
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
    /// <c>o?.M(F())</c>, <c>gates?[F()].Wait(1)</c>, <c>a?.B?.C.Wait(1)</c>: the receiver kept, then under <c>if (o is not null)</c>
    /// the rest of the chain spilled as an ordinary expression read from it (<see cref="OnReceiver"/>): C# evaluates
    /// nothing after the <c>?</c> when the receiver is null. When a part of the chain had to be kept (it is evaluated
    /// before a suspension), the rest can no longer be written after the <c>?</c>: the chain's value goes to a temporary.
    /// </summary>
    private void SpillConditionalAccess(ConditionalAccessExpressionSyntax access, bool asStatement = false)
    {
        if (!Suspends(access.WhenNotNull))
        {
            Spill(access.Expression);
            return;
        }
        var type = Model.GetTypeInfo(access).Type;
        var site = access.WhenNotNull is InvocationExpressionSyntax call && _statement.Sites.TryGetValue(call, out var found) ? found : null;
        if (site is { Binding.Kind: SuspendingCallKind.StaticPoint } || (site is not null && !asStatement && !CanHold(type)))
        {
            Refuse(access); // `o?.StaticPoint()` cannot bind; a value of no type a field can hold
            return;
        }
        Preserve(access.Expression);
        if (Failed)
        {
            return;
        }
        var line = BodyLowerer.LineOf(access);
        var test = new NotExpression(new IsNullExpression(Spelled(access.Expression)));
        var state = _lowerer.NextState;
        var result = site is not null && !asStatement ? Result(access, type!, site.Binding.Method.Name, state) : null;
        var then = OnReceiver(access, () =>
        {
            if (site is not null)
            {
                KeepInPlace(site.Call);
                SpillOperandsOf(site.Call); // the part of the chain it is called on and its arguments, in C#'s order
                if (result is null)
                {
                    Add(_lowerer.SuspendAsStatement(site));
                    return;
                }
                SuspendInto(site);
                if (!Failed)
                {
                    Add(new AssignStatement(result, _scope.Spilled[site.Call], line));
                }
                return;
            }
            if (asStatement && access.WhenNotNull is ConditionalAccessExpressionSyntax inner)
            {
                SpillConditionalAccess(inner, asStatement: true); // `a?.B?.Run();`
                return;
            }
            Spill(access.WhenNotNull);
            if (Failed)
            {
                return;
            }
            if (asStatement)
            {
                // `o?.M(F());`: the call, under the null test; `o?.Inner(F()).M((rows.AsSpan()[0] = x => ...) is null ? 0 : 1);`: in a block that keeps the
                // environments of such a lambda after the suspensions (see Binding/ClosureScopes.IsKeptAfter), all of it in C#'s order
                Add(_lowerer.EvaluatesKeptLambda(access.WhenNotNull) ? _lowerer.KeepingEvaluation(access.WhenNotNull) : new EvaluateStatement(Rewrite(access.WhenNotNull), line));
                return;
            }
            if (KeptAPart(access))
            {
                if (access.WhenNotNull is ConditionalAccessExpressionSyntax && SpilledName(access.WhenNotNull) is { } innerResult &&
                    SymbolEqualityComparer.Default.Equals(Model.GetTypeInfo(access.WhenNotNull).Type, type))
                {
                    result = innerResult; // `a?.B?.Run(3)`: the inner chain's temporary holds the value, null (set before the outer test) when `a` is
                    return;
                }
                if (!CanHold(type))
                {
                    Refuse(access);
                    return;
                }
                result = Result(access, type!, NameOf(access.WhenNotNull), state);
                Add(new AssignStatement(result, Rewrite(access.WhenNotNull), line));
            }
        });
        if (Failed)
        {
            return;
        }
        if (result is not null)
        {
            Add(new AssignStatement(result, "null", line));
        }
        Add(new IfStatement(test, Quote(access), then, null, line));
        if (result is not null)
        {
            _scope.Spilled[access] = result;
        }
    }

    /// <summary><c>gate?.Wait(1);</c>, <c>a?.B?.Run();</c> as a statement: it suspends only when the receivers are not null.</summary>
    public void SpillConditionalStatement(ConditionalAccessExpressionSyntax access) => SpillConditionalAccess(access, asStatement: true);

    private static bool CanHold(ITypeSymbol? type) => type is not null && type.TypeKind is not TypeKind.Error && !type.IsRefLikeType && !type.ContainsAnonymousType();

    /// <summary>The temporary that holds the value of the chain <paramref name="access"/>: null when its receiver is.</summary>
    private string Result(ConditionalAccessExpressionSyntax access, ITypeSymbol type, string name, int state)
    {
        CheckSaveable(type, access);
        return _lowerer.NewTemporary(
            Names.GeneratedNames.SuspensionValue(name, state),
            SymbolText.Type(type),
            $"the value of {Quote(access)} (line {BodyLowerer.LineOf(access)}): null when {Quote(access.Expression)} is",
            true);
    }

    /// <summary>
    /// Spills the rest of the chain under the null test of <paramref name="access"/>: there its parts (<c>[0]</c>, <c>.P</c>) are
    /// written from the receiver (<c>gates[0]</c>); a nullable struct's value is copied once, as C# calls on a copy of it.
    /// </summary>
    private BlockStatement OnReceiver(ConditionalAccessExpressionSyntax access, System.Action spill) => Nested(() =>
    {
        _scope.OpenChains.Add(access);
        var receiver = access.Expression;
        var kept = SpilledName(receiver);
        if (Model.GetTypeInfo(receiver).Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            // `door?.Wait(1)` on a `Door?`: C# calls on `door.GetValueOrDefault()`, a copy; the factory and the result method share it.
            var line = BodyLowerer.LineOf(access);
            CheckSaveable(nullable.TypeArguments[0], receiver);
            var value = _lowerer.NewTemporary(
                Names.GeneratedNames.NullableValue(NameOf(receiver), _lowerer.NextState),
                SymbolText.Type(nullable.TypeArguments[0]),
                $"the value of {Quote(receiver)} (line {line}): C# works on a copy of it after its null test",
                false);
            Add(new AssignStatement(value, new CallExpression(Spelled(receiver), "GetValueOrDefault", ""), line));
            _scope.Spilled[receiver] = value;
        }
        spill();
        _scope.OpenChains.Remove(access);
        if (kept is null)
        {
            _scope.Spilled.Remove(receiver);
        }
        else
        {
            _scope.Spilled[receiver] = kept;
        }
    });

    /// <summary>Whether a part of the rest of the chain <paramref name="access"/> was kept in a temporary: it cannot follow the <c>?</c> any more.</summary>
    private bool KeptAPart(ConditionalAccessExpressionSyntax access) =>
        Model.GetTypeInfo(access.Expression).Type is { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } ||
        _scope.Spilled.Keys.OfType<ExpressionSyntax>().Any(part =>
            access.WhenNotNull.Span.Contains(part.Span) && ConditionalChains.RootBinding(part) is { } binding && ConditionalChains.OwnerOf(binding) == access);

    /// <summary>
    /// <c>doors?[0].Wait(1)</c> on an array of structs, <c>o?.Door.Wait(1)</c> on a struct field: C# calls on the variable itself,
    /// so its array and index (or object) are kept and the suspension point's factory and result method use it in place.
    /// A struct part that is not a variable (a property's value) is copied once, as C# copies it. An array element is taken
    /// by reference before arguments that suspend, as C# does (its index is checked there).
    /// </summary>
    private void KeepInPlace(InvocationExpressionSyntax call)
    {
        if (call.Expression is MemberAccessExpressionSyntax { Expression: var part } && ConditionalChains.RootBinding(part) is not null &&
            Model.GetTypeInfo(part).Type is { IsValueType: true } && IsVariable(part))
        {
            PreserveVariable(part);
            _scope.InPlace.Add(part);
            // `doors?[9].Wait(F())`: C# takes the element by reference when the chain reaches it, before the arguments suspend
            if (!Failed && part is ElementBindingExpressionSyntax && ConditionalChains.OwnerOf(part) is { } owner &&
                Model.GetTypeInfo(owner.Expression).Type is IArrayTypeSymbol && Suspends(call.ArgumentList))
            {
                Add(_lowerer.ReferenceCheck(part, BodyLowerer.LineOf(call)));
            }
        }
    }

    /// <summary>Whether <paramref name="expression"/> is a part of a chain whose null test was not written (it cannot stand alone).</summary>
    private bool IsUnopenedPart(ExpressionSyntax expression) =>
        ConditionalChains.RootBinding(expression) is { } binding && !(ConditionalChains.OwnerOf(binding) is { } owner && _scope.OpenChains.Contains(owner));
}
