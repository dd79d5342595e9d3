using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Binding;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// What C# evaluates, in which order, for each kind of expression the spiller splits; what needs
/// no temporary; and how temporaries are named after what they hold.
/// </summary>
internal sealed partial class ExpressionSpiller
{
    /// <summary>
    /// An operand of an expression, in evaluation order. <see cref="IsVariable"/>: used as a variable (an assignment's target, a <c>ref</c> argument, a struct receiver), not read;
    /// <see cref="IsSpread"/>: a collection expression's spread (<c>.. items</c>), enumerated where C# reaches it.
    /// </summary>
    private readonly record struct Operand(ExpressionSyntax Expression, bool IsVariable = false, bool IsSpread = false);

    /// <summary>The operands of <paramref name="expression"/> in the order C# evaluates them; null for an expression the spiller does not split.</summary>
    private List<Operand>? Operands(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return [new(parenthesized.Expression)];
            case CastExpressionSyntax cast:
                return [new(cast.Expression)];
            case CheckedExpressionSyntax checkedExpression:
                return [new(checkedExpression.Expression)];
            case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                return [new(postfix.Operand)];
            case PostfixUnaryExpressionSyntax postfix: // x++: the variable is read and written after the resume
                return [new(postfix.Operand, IsVariable: true)];
            case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                return [new(prefix.Operand, IsVariable: true)];
            case PrefixUnaryExpressionSyntax prefix when !prefix.IsKind(SyntaxKind.AddressOfExpression) && !prefix.IsKind(SyntaxKind.PointerIndirectionExpression):
                return [new(prefix.Operand)];
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.IsExpression) || binary.IsKind(SyntaxKind.AsExpression):
                return [new(binary.Left)];
            case BinaryExpressionSyntax binary:
                return [new(binary.Left), new(binary.Right)];
            case InvocationExpressionSyntax call:
                return CallOperands(call);
            case BaseObjectCreationExpressionSyntax creation when creation.Initializer is null || !Suspends(creation.Initializer):
                return Arguments(creation.ArgumentList?.Arguments);
            case ArrayCreationExpressionSyntax array:
                return SizesAndElements(array.Type, array.Initializer);
            case ImplicitArrayCreationExpressionSyntax array:
                return Elements(array.Initializer).ToList();
            // `stackalloc int[F(1)]`: the size (then any elements) spilled; the span is made after the resume, in its place, as C#'s spiller does.
            case StackAllocArrayCreationExpressionSyntax { Type: ArrayTypeSyntax type } stackAlloc:
                return SizesAndElements(type, stackAlloc.Initializer);
            case ImplicitStackAllocArrayCreationExpressionSyntax stackAlloc:
                return Elements(stackAlloc.Initializer).ToList();
            case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.ArrayInitializerExpression):
                return Elements(initializer).ToList();
            // `[.. a, F()]`: elements left to right; a spread before a suspension is enumerated there, as C# does (PreserveSpread).
            case CollectionExpressionSyntax collection when collection.Elements.All(static e => e is ExpressionElementSyntax or SpreadElementSyntax):
                return collection.Elements.Select(static e => e is SpreadElementSyntax spread ? new Operand(spread.Expression, IsSpread: true) : new Operand(((ExpressionElementSyntax)e).Expression)).ToList();
            case ElementBindingExpressionSyntax binding:
                return Arguments(binding.ArgumentList.Arguments);
            case ElementAccessExpressionSyntax element:
                return Receiver(element.Expression).Concat(Arguments(element.ArgumentList.Arguments)).ToList();
            case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                return [new(access.Expression)];
            case InterpolatedStringExpressionSyntax interpolated:
                return interpolated.Contents.OfType<InterpolationSyntax>()
                    .SelectMany(static i => i.AlignmentClause is null ? new[] { new Operand(i.Expression) } : new[] { new Operand(i.Expression), new Operand(i.AlignmentClause.Value) })
                    .ToList();
            case TupleExpressionSyntax tuple:
                return Arguments(tuple.Arguments);
            case IsPatternExpressionSyntax isPattern when !Suspends(isPattern.Pattern):
                return [new(isPattern.Expression)];
            case SwitchExpressionSyntax switchExpression when !switchExpression.Arms.Any(Suspends):
                return [new(switchExpression.GoverningExpression)];
            case RangeExpressionSyntax range:
                return new[] { range.LeftOperand, range.RightOperand }.Where(static o => o is not null).Select(static o => new Operand(o!)).ToList();
            case ThrowExpressionSyntax throwExpression:
                return [new(throwExpression.Expression)];
            // `ref a[F()]`, a ref local's initializer: the array before the suspension, the reference taken after the resume.
            case RefExpressionSyntax { Parent: EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax } } reference:
                return [new(reference.Expression, IsVariable: true)];
            // `a[i] = F()`, `a[F()] += 1`: the target's parts are kept, the store (and a compound's read) comes after the resume.
            case AssignmentExpressionSyntax assignment when (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || !Suspends(assignment.Right)) &&
                                                          assignment.Left is not (TupleExpressionSyntax or DeclarationExpressionSyntax) &&
                                                          assignment.Right is not RefExpressionSyntax:
                return [new(assignment.Left, IsVariable: true), new(assignment.Right)];
            // `var (a, b) = (F(), G())`: nothing to keep on the left.
            case AssignmentExpressionSyntax { Left: DeclarationExpressionSyntax } deconstruction when deconstruction.IsKind(SyntaxKind.SimpleAssignmentExpression):
                return [new(deconstruction.Right)];
            // `(a[i], o.P) = (F(), G())`: C# evaluates the targets' arrays, indexes and receivers first, then the right side, then stores.
            case AssignmentExpressionSyntax { Left: TupleExpressionSyntax targets } deconstruction when deconstruction.IsKind(SyntaxKind.SimpleAssignmentExpression):
                return DeconstructionTargets(targets).Append(new Operand(deconstruction.Right)).ToList();
            // `from x in F()`, `join y in G() on ...` right after it: the collections are evaluated first, the clauses' lambdas later.
            case QueryExpressionSyntax query:
                return QueryCollections(query);
            // `new { A = Next(), B = F() }`: its members in order; the object is made after the resume (nothing sees it before).
            case AnonymousObjectCreationExpressionSyntax anonymous:
                return anonymous.Initializers.Select(static i => new Operand(i.Expression)).ToList();
            // `F() with { A = 1 }`: the receiver suspends, the copy is made after the resume.
            case WithExpressionSyntax with when !Suspends(with.Initializer):
                return [new(with.Expression)];
            default:
                return null;
        }
    }

    /// <summary>The variables a deconstruction stores into, nested tuples flattened, in order; declarations need nothing kept.</summary>
    private static IEnumerable<Operand> DeconstructionTargets(TupleExpressionSyntax targets) =>
        targets.Arguments.SelectMany(static a => a.Expression switch
        {
            TupleExpressionSyntax nested => DeconstructionTargets(nested),
            DeclarationExpressionSyntax => Enumerable.Empty<Operand>(),
            var target => new[] { new Operand(target, IsVariable: true) },
        });

    /// <summary>
    /// The collections of a query C# evaluates before any of its clauses runs: the first <c>from</c>'s, and
    /// that of a <c>join</c> right after it (<c>A.Join(B, ...)</c> evaluates <c>A</c>, then <c>B</c>; a second
    /// <c>join</c>'s collection comes after that call). Null when a later clause's collection suspends (C#
    /// refuses an await there, COR0026, or runs it after a clause).
    /// </summary>
    private List<Operand>? QueryCollections(QueryExpressionSyntax query)
    {
        var operands = new List<Operand> { new(query.FromClause.Expression) };
        var clauses = query.Body.Clauses;
        var i = 0;
        if (clauses.Count > 0 && clauses[0] is JoinClauseSyntax join)
        {
            operands.Add(new Operand(join.InExpression));
            i = 1;
        }
        var rest = clauses.Skip(i).Cast<SyntaxNode>().Append(query.Body.SelectOrGroup);
        return rest.Any(Suspends) || query.Body.Continuation is { } continuation && Suspends(continuation) ? null : operands;
    }

    /// <summary>A call's receiver (when it is a value: not a type, not a method group's implicit this) and arguments.</summary>
    private List<Operand>? CallOperands(InvocationExpressionSyntax call)
    {
        var arguments = Arguments(call.ArgumentList.Arguments);
        switch (call.Expression)
        {
            case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                if (Model.GetSymbolInfo(access).Symbol is not IMethodSymbol)
                {
                    return Prepend(new Operand(access), arguments); // a delegate-typed member, read, then invoked
                }
                return Receiver(access.Expression).Concat(arguments).ToList();
            case SimpleNameSyntax name:
                return Model.GetSymbolInfo(name).Symbol is IMethodSymbol ? arguments : Prepend(new Operand(name), arguments);
            case MemberBindingExpressionSyntax:
                return arguments; // o?.M(...): the receiver is the conditional access's, already kept
            default:
                return Prepend(new Operand(call.Expression), arguments);
        }
    }

    private static List<Operand> Prepend(Operand first, List<Operand> rest)
    {
        rest.Insert(0, first);
        return rest;
    }

    /// <summary>The object a member or indexer is used on: nothing for a type or <c>base</c>, a struct variable in place, else its value.</summary>
    private IEnumerable<Operand> Receiver(ExpressionSyntax receiver)
    {
        if (IsTypeOrNamespace(receiver) || receiver is BaseExpressionSyntax)
        {
            yield break;
        }
        yield return new Operand(receiver, IsVariable: Model.GetTypeInfo(receiver).Type is { IsValueType: true } && IsVariable(receiver));
    }

    private static List<Operand> Arguments(IEnumerable<ArgumentSyntax>? arguments) =>
        arguments is null
            ? new List<Operand>()
            : arguments.Select(static a => new Operand(a.Expression, IsVariable: !a.RefKindKeyword.IsKind(SyntaxKind.None))).ToList();

    /// <summary>An array's (or a <c>stackalloc</c>'s) sizes, then its elements, in C#'s order; the array is made after the last suspension, as C#'s spiller makes it.</summary>
    private static List<Operand> SizesAndElements(ArrayTypeSyntax type, InitializerExpressionSyntax? initializer) =>
        type.RankSpecifiers.SelectMany(static r => r.Sizes).Where(static s => s is not OmittedArraySizeExpressionSyntax)
            .Select(static s => new Operand(s))
            .Concat(Elements(initializer))
            .ToList();

    /// <summary>The elements of an array initializer, nested ones flattened, in order.</summary>
    private static IEnumerable<Operand> Elements(InitializerExpressionSyntax? initializer) =>
        initializer is null
            ? Enumerable.Empty<Operand>()
            : initializer.Expressions.SelectMany(static e => e is InitializerExpressionSyntax nested ? Elements(nested) : new[] { new Operand(e) });

    /// <summary>
    /// An operand whose value cannot change before the suspension and the rest of the expression read it, so
    /// it needs no temporary: a constant, <c>this</c>, a lambda, a type, or a local or parameter that no
    /// lambda captures and the statement does not write.
    /// </summary>
    private bool CannotChange(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return CannotChange(parenthesized.Expression);
            case ThisExpressionSyntax or BaseExpressionSyntax or LiteralExpressionSyntax or TypeOfExpressionSyntax or DefaultExpressionSyntax
                or SizeOfExpressionSyntax or AnonymousFunctionExpressionSyntax or DeclarationExpressionSyntax:
                return true;
        }
        if (Model.GetConstantValue(expression).HasValue || IsTypeOrNamespace(expression))
        {
            return true;
        }
        if (expression is not IdentifierNameSyntax identifier)
        {
            return false;
        }
        return Model.GetSymbolInfo(identifier).Symbol switch
        {
            IMethodSymbol => true,
            ILocalSymbol { IsRef: false } local => !IsCaptured(local) && !_lowerer.Writes(_statement.Host, local),
            IParameterSymbol { RefKind: RefKind.None } parameter => !IsCaptured(parameter) && !_lowerer.Writes(_statement.Host, parameter),
            _ => false,
        };
    }

    private bool IsCaptured(ISymbol symbol)
    {
        if (_captured is null)
        {
            _captured = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var method = CoroutineSyntax.Around(_statement.Host)!;
            var flow = method.Body is not null ? Model.AnalyzeDataFlow(method.Body) : Model.AnalyzeDataFlow(method.ExpressionBody!.Expression);
            if (flow is { Succeeded: true })
            {
                _captured.UnionWith(flow.Captured);
            }
        }
        return _captured.Contains(symbol);
    }

    /// <summary>A variable C# can use in place: a local, parameter or field (of a variable, for a struct), or an array element.</summary>
    private bool IsVariable(ExpressionSyntax expression) => expression switch
    {
        ParenthesizedExpressionSyntax parenthesized => IsVariable(parenthesized.Expression),
        ThisExpressionSyntax => true,
        ElementAccessExpressionSyntax element => Model.GetTypeInfo(element.Expression).Type is IArrayTypeSymbol,
        // `doors?[0]`, `o?.Door`: an element of the chain's array, a field of its object (a nullable struct's value is a copy in a temporary).
        ElementBindingExpressionSyntax element => ConditionalChains.OwnerOf(element) is { } owner && Model.GetTypeInfo(owner.Expression).Type is IArrayTypeSymbol,
        MemberBindingExpressionSyntax member => Model.GetSymbolInfo(member).Symbol is IFieldSymbol { IsReadOnly: false },
        IdentifierNameSyntax or MemberAccessExpressionSyntax => Model.GetSymbolInfo(expression).Symbol switch
        {
            ILocalSymbol or IParameterSymbol => true,
            IFieldSymbol field => field.IsStatic || expression is IdentifierNameSyntax ||
                                  Model.GetTypeInfo(((MemberAccessExpressionSyntax)expression).Expression).Type is { IsValueType: false } ||
                                  IsVariable(((MemberAccessExpressionSyntax)expression).Expression),
            _ => false,
        },
        _ => false,
    };

    private bool IsTypeOrNamespace(ExpressionSyntax expression) =>
        Model.GetSymbolInfo(expression).Symbol is ITypeSymbol or INamespaceSymbol;

    /// <summary>The index in a name: <c>0</c> or <c>i</c> for <c>[0]</c>, <c>[i]</c>; <c>item</c> otherwise.</summary>
    private static string IndexName(BracketedArgumentListSyntax index) =>
        index.Arguments.Count == 1 && index.Arguments[0].Expression is IdentifierNameSyntax or LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression }
            ? index.Arguments[0].Expression.ToString()
            : "item";

    /// <summary>
    /// What a temporary holds, as the start of its name: the variable, member or method it reads
    /// (<c>count</c>, <c>items</c>, <c>next</c> for <c>Next()</c>; <c>gates_0</c> for the <c>[0]</c> of <c>gates?[0]</c>),
    /// else <c>test</c> for a condition or <c>value</c>.
    /// </summary>
    private string NameOf(ExpressionSyntax expression)
    {
        var name = expression switch
        {
            ParenthesizedExpressionSyntax parenthesized => NameOf(parenthesized.Expression),
            CastExpressionSyntax cast => NameOf(cast.Expression),
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            ElementAccessExpressionSyntax element => NameOf(element.Expression) + "_" + IndexName(element.ArgumentList),
            MemberBindingExpressionSyntax member => NameOf(member.Name),
            ElementBindingExpressionSyntax element => (ConditionalChains.OwnerOf(element) is { } owner ? NameOf(owner.Expression) : "item") + "_" + IndexName(element.ArgumentList),
            ConditionalAccessExpressionSyntax access => NameOf(access.WhenNotNull),
            ImplicitElementAccessSyntax element => "item_" + IndexName(element.ArgumentList), // `[k] = { ... }` of an initializer
            InvocationExpressionSyntax call => NameOf(call.Expression),
            PrefixUnaryExpressionSyntax unary => NameOf(unary.Operand),
            PostfixUnaryExpressionSyntax unary => NameOf(unary.Operand),
            ObjectCreationExpressionSyntax creation => NameOf(creation.Type),
            BaseObjectCreationExpressionSyntax => "created",
            QualifiedNameSyntax qualified => NameOf(qualified.Right),
            InterpolatedStringExpressionSyntax => "text",
            _ when IsPlainBool(expression) => "test",
            _ => "value",
        };
        name = new string(name.Where(static c => char.IsLetterOrDigit(c) || c == '_').ToArray()).TrimStart('_');
        return name.Length == 0 ? "value" : char.ToLowerInvariant(name[0]) + name.Substring(1);
    }
}
