using System.Collections.Generic;
using System.Linq;
using System.Text;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Binding;

/// <summary>
/// A field cannot name an anonymous type, so a value of one that lives across a suspension is kept
/// in an <c>object</c> field and read back typed: <c>AsAnonymous(field, false ? shape : null!)</c>,
/// where the shape, never evaluated, is an anonymous object creation with the same member names,
/// types and order (<c>new { A = default(int), B = default(string)! }</c>). C# gives all anonymous
/// object creations of one assembly with the same members one type, so the helper's <c>T</c> is
/// the value's type. Members of anonymous types nest (<c>new { Inner = new { ... } }</c>), and
/// arrays of them too (<c>new[] { ... }</c>), and a <c>List&lt;...&gt;</c> or an
/// <c>IEnumerable&lt;...&gt;</c> of them (<c>Enumerable.ToList(new[] { ... })</c>). An anonymous
/// type inside any other generic type, array or tuple (<c>Dictionary&lt;int, ...&gt;</c>, <c>(..., int)</c>)
/// has no such expression in the libraries: a shape method of the state machine gives one
/// (<c>Shape_Dictionary(new { ... })</c>, see <see cref="ShapeMethodModel"/>).
/// </summary>
internal static class AnonymousShape
{
    /// <summary>
    /// The end of the comment of a field that keeps such a value, for people reading the generated
    /// code: why it is an <c>object</c> and how a read gets its type back.
    /// </summary>
    public static readonly string FieldComment =
        $"; its anonymous type has no name a field could use: kept as an object, read back as {Names.GeneratedNames.AsAnonymous}(field, false ? new {{ ... }} : null!), " +
        "whose never-run new { ... } has the same member names, types and order, so C# infers that same type";

    /// <summary>The end of the comment of a field that keeps a box of a variable of such a type (see <see cref="AnonymousVariableExpression"/>).</summary>
    public static readonly string VariableFieldComment =
        $"; its type holds an anonymous type, which has no name a field could use, and C# uses it as a variable (passed by ref or out, assigned by ??= or a deconstruction, declared by a pattern, or a struct whose members change): " +
        $"kept as an object holding a box of the variable, reached as {Names.GeneratedNames.AsAnonymousVariable}(ref field, false ? shape : null!), the shape as for AsAnonymous (default! for a struct)";

    /// <summary>The same for a value read back through <paramref name="shape"/>: a shape method named where it calls one.</summary>
    public static string FieldCommentFor(CodeExpression shape) => shape switch
    {
        ShapeCallExpression call when PassesLambda(call) =>
            $"; its type is a delegate type C# made for a lambda whose signature holds an anonymous type: no delegate type of that signature can be declared, so it is kept as an object, " +
            $"read back as {Names.GeneratedNames.AsAnonymous}(field, false ? {call.Method}((...) => new {{ ... }}) : null!), whose never-run lambda has the same signature, so C# gives it that same type",
        ShapeCallExpression call =>
            $"; its type holds an anonymous type, which has no name a field could use: kept as an object, read back as {Names.GeneratedNames.AsAnonymous}(field, false ? {call.Method}(new {{ ... }}) : {(call.IsValueType ? "default" : "null")}!), " +
            $"whose never-run {call.Method}(...) has that type, as C# infers it from the new {{ ... }} of the same member names, types and order" +
            (LambdaShapeIn(call) is { } lambda ? $" and from each never-run lambda, {lambda}((...) => new {{ ... }}), of the signature of a delegate type C# made for one" : ""),
        _ => FieldComment,
    };

    private static bool PassesLambda(ShapeCallExpression call) => call.Arguments.Count == 1 && call.Arguments[0] is LambdaShapeExpression;

    /// <summary>The shape method that <paramref name="shape"/> passes a lambda to (see <see cref="Lambda"/>), or null.</summary>
    private static string? LambdaShapeIn(CodeExpression shape) => shape switch
    {
        ShapeCallExpression call when PassesLambda(call) => call.Method,
        ShapeCallExpression call => call.Arguments.Select(LambdaShapeIn).FirstOrDefault(static m => m is not null),
        AnonymousShapeExpression anonymous => anonymous.Members.Select(static m => LambdaShapeIn(m.Value)).FirstOrDefault(static m => m is not null),
        SequenceShapeExpression sequence => LambdaShapeIn(sequence.Element),
        _ => null,
    };

    /// <summary>
    /// Whether a value of <paramref name="type"/> needs a shape to be kept in a field: it holds an anonymous type, or a delegate type
    /// the compiler made for a lambda that is not spelled by a declared one (see <see cref="SymbolText.UnnamedDelegate"/>).
    /// </summary>
    public static bool IsNeeded(ITypeSymbol type) =>
        type.HoldsAnonymousObject() || type.UnnamedDelegatesIn().Any(static u => SymbolText.UnnamedDelegate(u) is null);

    /// <summary>
    /// The never-evaluated expression of type <paramref name="type"/>, or null with the reason
    /// (for a COR message: "... because {reason}").
    /// </summary>
    /// <param name="methods">Where a shape method is made (null: only whether there is a shape).</param>
    public static CodeExpression? Of(ITypeSymbol type, out string? reason, ShapeMethods? methods = null)
    {
        reason = null;
        switch (type)
        {
            // `var f = (ref int y) => new { A = y };`: no delegate type of that signature can be declared, so a lambda of the same signature is its shape.
            case INamedTypeSymbol { IsAnonymousType: true, TypeKind: TypeKind.Delegate } unnamed when unnamed.AnonymousPartOfSignature() is not null:
                return Lambda(unnamed, out reason, methods);
            // `var f = (ref int y) => y;`: Roslyn calls the delegate type the compiler makes an anonymous type too, but it has no members to shape.
            // The state machine declares one of the same signature (see Lowering/NamedDelegates).
            case INamedTypeSymbol { IsAnonymousType: true, TypeKind: TypeKind.Delegate } unnamed:
                reason = $"the delegate type '{type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString()}' that the compiler made for a lambda has no name in C#" +
                         (unnamed.AnonymousPartOfSignature() is { } part ? $", and no delegate type of the same signature can be declared: its part '{part.ToDisplayString()}' has no name in C# either" : "");
                return null;
            case INamedTypeSymbol { IsAnonymousType: true } anonymous:
                return Members(anonymous.GetMembers().OfType<IPropertySymbol>().Select(static p => (p.Name, p.Type)).ToList(), out reason, methods);
            case IArrayTypeSymbol { Rank: 1 } array when Member(array.ElementType, out reason, methods) is { } element:
                return new SequenceShapeExpression(element, null);
            case IArrayTypeSymbol { Rank: 1 }:
                return null;
            // The usual homes of a query's anonymous results: LINQ's own calls spell them without naming them.
            case INamedTypeSymbol { TypeArguments.Length: 1 } named when LinqShape(named) is { } linq:
                return Member(named.TypeArguments[0], out reason, methods) is { } item ? new SequenceShapeExpression(item, linq) : null;
            default:
                return Generic(type, out reason, methods);
        }
    }

    /// <summary>
    /// <c>Shape_Delegate((ref int arg1, int arg2 = 2) =&gt; new { A = default(int) })</c>: the shape of <paramref name="unnamed"/>, a delegate
    /// type the compiler made for a lambda whose signature holds an anonymous type, which no declared delegate type can repeat. C# gives
    /// every lambda of one assembly with the same parameter types, <c>ref</c> kinds, default values and <c>params</c> and the same return
    /// type the same delegate type (whatever the parameters' names), so a never-run lambda of that signature, returning the shape of the
    /// return type, has it as its natural type. A lambda has no type of its own in <c>false ? lambda : null!</c> or as an anonymous type's
    /// member: the shape method, generic in it, gives it one (C# infers the type argument from the lambda's natural type). One that returns
    /// by reference returns an element of an array of the return type's shape (<c>(int arg) =&gt; ref new[] { new { A = default(int) } }[0]</c>).
    /// </summary>
    private static CodeExpression? Lambda(INamedTypeSymbol unnamed, out string? reason, ShapeMethods? methods)
    {
        var invoke = unnamed.DelegateInvokeMethod!;
        if (invoke.ReturnsVoid || invoke.ReturnsByRefReadonly)
        {
            // Only a lambda's inferred return type can hold an anonymous type (its parameters' types are written), and only `ref` is inferred, not `ref readonly`.
            reason = $"the delegate type '{unnamed.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString()}' that the compiler made for a lambda has no name in C#, " +
                     $"and no lambda of the same signature can be written without naming {(invoke.ReturnsVoid ? "its parameters' types" : "its return type")}";
            return null;
        }
        if (Member(invoke.ReturnType, out reason, methods) is not { } returned)
        {
            return null;
        }
        var name = methods?.For("Delegate", static typeParameters => typeParameters[0], 1,
            "of the lambda passed to it (a delegate type C# made for a lambda whose signature holds an anonymous type, which no declared delegate type can repeat; C# gives lambdas of one signature one such type)").Name ?? "";
        return new ShapeCallExpression(name, new CodeExpression[] { new LambdaShapeExpression(Lowering.NamedDelegates.ParametersOf(invoke), returned, invoke.ReturnsByRef) }.ToEquatableArray(), false);
    }

    /// <summary>
    /// <c>Shape_Dictionary(new { ... })</c>: a call of the shape method whose return type is <paramref name="type"/>
    /// with a type parameter for each anonymous type in it (the outermost: one inside another is in its shape).
    /// </summary>
    /// <param name="replaced">An anonymous type in <paramref name="type"/> shaped as given instead of by its own members.</param>
    private static CodeExpression? Generic(ITypeSymbol type, out string? reason, ShapeMethods? methods, (ITypeSymbol Type, CodeExpression Shape)? replaced = null)
    {
        reason = null;
        type = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated); // a `var` local's: its value is not null where it is read
        var anonymous = new List<INamedTypeSymbol>();
        string Collect(INamedTypeSymbol a)
        {
            if (!anonymous.Contains(a, SymbolEqualityComparer.Default))
            {
                anonymous.Add(a);
            }
            return "";
        }
        if (Spell(type, Collect, ref reason) is null)
        {
            return null;
        }
        var arguments = new CodeExpression[anonymous.Count];
        for (var i = 0; i < anonymous.Count; i++)
        {
            if (replaced is { } instead && SymbolEqualityComparer.Default.Equals(anonymous[i], instead.Type))
            {
                arguments[i] = instead.Shape;
                continue;
            }
            if (Of(anonymous[i], out reason, methods) is not { } shape)
            {
                return null;
            }
            arguments[i] = shape;
        }
        var name = "";
        if (methods is not null)
        {
            string Returned(IReadOnlyList<string> names)
            {
                string? ignored = null;
                return Spell(type, a => names[anonymous.FindIndex(x => SymbolEqualityComparer.Default.Equals(x, a))], ref ignored)!;
            }
            var generic = type is IArrayTypeSymbol ? "Array" : type.Name;
            name = methods.For(generic, Returned, anonymous.Count, type.ToDisplayString()).Name;
        }
        return new ShapeCallExpression(name, arguments.ToEquatableArray(), type.IsValueType);
    }

    /// <summary>
    /// <paramref name="type"/> as C# source, each anonymous type in it (outermost) spelled by <paramref name="anonymous"/>;
    /// null with the reason where a part has no name or a constraint a type parameter cannot meet. A delegate type the compiler
    /// made for a lambda is spelled as <see cref="SymbolText.UnnamedDelegate"/> does, where it can be (see Lowering/NamedDelegates).
    /// </summary>
    public static string? Spell(ITypeSymbol type, System.Func<INamedTypeSymbol, string> anonymous)
    {
        string? reason = null;
        return Spell(type, anonymous, ref reason);
    }

    private static string? Spell(ITypeSymbol type, System.Func<INamedTypeSymbol, string> anonymous, ref string? reason)
    {
        if (type is INamedTypeSymbol unnamed && unnamed.IsUnnamedDelegate() && SymbolText.UnnamedDelegate(unnamed) is { } declared)
        {
            return declared + (type.NullableAnnotation == NullableAnnotation.Annotated ? "?" : ""); // the delegate type the state machine declares for it
        }
        if (type.CanBeNamed())
        {
            return SymbolText.Type(type);
        }
        var annotation = !type.IsValueType && type.NullableAnnotation == NullableAnnotation.Annotated ? "?" : "";
        switch (type)
        {
            case INamedTypeSymbol { IsAnonymousType: true } a:
                return anonymous(a) + annotation;
            case IArrayTypeSymbol array:
                // `T[][,]`: the element, then the ranks from the outermost array in.
                var ranks = new StringBuilder();
                ITypeSymbol element = array;
                while (element is IArrayTypeSymbol inner)
                {
                    ranks.Append('[').Append(',', inner.Rank - 1).Append(']');
                    element = inner.ElementType;
                }
                return Spell(element, anonymous, ref reason) is { } spelled ? spelled + ranks + annotation : null;
            case INamedTypeSymbol { IsTupleType: true } tuple:
                var elements = new List<string>();
                foreach (var item in tuple.TupleElements)
                {
                    if (Spell(item.Type, anonymous, ref reason) is not { } itemType)
                    {
                        return null;
                    }
                    elements.Add(item.IsExplicitlyNamedTupleElement ? $"{itemType} {SymbolText.Identifier(item.Name)}" : itemType);
                }
                return $"({string.Join(", ", elements)})";
            case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable:
                return Spell(nullable.TypeArguments[0], anonymous, ref reason) is { } value ? value + "?" : null;
            case INamedTypeSymbol { IsImplicitlyDeclared: false } named when ConstraintRefusal(named) is not { } refusal:
                var container = named.ContainingType is { } outer ? Spell(outer, anonymous, ref reason) + "."
                    : named.ContainingNamespace is { IsGlobalNamespace: false } space ? $"global::{space.ToDisplayString()}."
                    : "global::";
                var arguments = new List<string>();
                foreach (var argument in named.TypeArguments)
                {
                    if (Spell(argument, anonymous, ref reason) is not { } spelledArgument)
                    {
                        return null;
                    }
                    arguments.Add(spelledArgument);
                }
                return $"{container}{SymbolText.Identifier(named.Name)}{(arguments.Count == 0 ? "" : $"<{string.Join(", ", arguments)}>")}{annotation}";
            case INamedTypeSymbol { IsImplicitlyDeclared: false } named:
                reason = ConstraintRefusal(named);
                return null;
            default:
                reason = $"its part '{type.ToDisplayString()}' has no name in C#";
                return null;
        }
    }

    /// <summary>
    /// The shape of the query type <paramref name="sequence"/> whose element, C#'s anonymous <paramref name="element"/>,
    /// is replaced by one with <paramref name="members"/>, in order (a query's range variables kept together), or null
    /// with the reason: <c>IEnumerable&lt;new { ... }&gt;</c>, or for a query type of its own (<c>Seq&lt;T&gt;</c> whose
    /// <c>Select</c> returns <c>Seq&lt;R&gt;</c>) <c>Shape_Seq(new { ... })</c>, a shape method generic in the element.
    /// The query methods that take an anonymous type are generic in it (C# code cannot name it), so the same calls on
    /// the replaced element make the replaced type.
    /// </summary>
    public static CodeExpression? OfSequence(INamedTypeSymbol sequence, ITypeSymbol element, IReadOnlyList<(string Name, ITypeSymbol Type)> members, out string? reason, ShapeMethods? methods)
    {
        if (Members(members, out reason, methods) is not { } shape)
        {
            return null;
        }
        return sequence.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
            ? new SequenceShapeExpression(shape, "AsEnumerable")
            : Generic(sequence, out reason, methods, (element, shape));
    }

    private static AnonymousShapeExpression? Members(IReadOnlyList<(string Name, ITypeSymbol Type)> members, out string? reason, ShapeMethods? methods)
    {
        reason = null;
        var parts = new ShapeMember[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            if (Member(members[i].Type, out reason, methods) is not { } value)
            {
                return null;
            }
            parts[i] = new ShapeMember(SymbolText.Identifier(members[i].Name), value);
        }
        return new AnonymousShapeExpression(parts.ToEquatableArray());
    }

    /// <summary>
    /// Why an anonymous type argument of <paramref name="named"/> cannot be a type parameter of a shape method, or null:
    /// that method says <c>where TAnonymous1 : class</c> (an anonymous type is a class), which meets <c>class</c> and
    /// <c>notnull</c>; a constraint that names a type (other than the same anonymous type's parameter) it does not repeat.
    /// </summary>
    private static string? ConstraintRefusal(INamedTypeSymbol named)
    {
        var parameters = named.OriginalDefinition.TypeParameters;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (named.TypeArguments[i] is not { IsAnonymousType: true } argument || argument.IsUnnamedDelegate() && SymbolText.UnnamedDelegate((INamedTypeSymbol)argument) is not null)
            {
                continue;
            }
            if (parameter.HasValueTypeConstraint || parameter.HasUnmanagedTypeConstraint || parameter.HasConstructorConstraint ||
                parameter.ConstraintTypes.Any(c => c.SpecialType != SpecialType.System_Object &&
                    !(c is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Type } other && SymbolEqualityComparer.Default.Equals(other.ContainingSymbol, named.OriginalDefinition) &&
                      SymbolEqualityComparer.Default.Equals(named.TypeArguments[other.Ordinal], argument))))
            {
                return $"the anonymous type stands for '{parameter.Name}' of '{named.OriginalDefinition.ToDisplayString()}', whose constraints generated code cannot repeat";
            }
        }
        return null;
    }

    private static string? LinqShape(INamedTypeSymbol type) => type.OriginalDefinition.ToDisplayString() switch
    {
        "System.Collections.Generic.List<T>" => "ToList",
        "System.Collections.Generic.IEnumerable<T>" => "AsEnumerable",
        _ => null,
    };

    // `default(int)`, `default(string)!` (the non-null annotation the user's code reads it with), or a nested shape.
    private static CodeExpression? Member(ITypeSymbol type, out string? reason, ShapeMethods? methods)
    {
        reason = null;
        if (type.TypeKind is TypeKind.Error)
        {
            return null; // the user's code does not compile: the compiler says why
        }
        if (type.CanBeNamed() || type.HoldsUnnamedDelegate() && !type.HoldsAnonymousObject() && type.UnnamedDelegatesIn().All(static u => SymbolText.UnnamedDelegate(u) is not null))
        {
            var text = SymbolText.Type(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
            return new DefaultShapeExpression(text, NotNull: !type.IsValueType);
        }
        if (!type.ContainsAnonymousType())
        {
            reason = $"its member type '{type.ToDisplayString()}' has no name in C#";
            return null;
        }
        return Of(type, out reason, methods);
    }
}
