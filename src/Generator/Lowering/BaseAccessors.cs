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
/// <c>base.M(...)</c> and <c>base.P</c> in a coroutine. The body moves into a nested class, where
/// <c>base</c> would mean the state machine's base; and <c>@this.M(...)</c> would dispatch to an
/// override. So, like the C# compiler for an async method, the generator adds a private,
/// non-virtual accessor to the user's class that does the <c>base</c> access, and the state
/// machine calls it. One accessor per base member used; <c>base.M()</c> of a coroutine gets one
/// for the base's generated factory.
/// </summary>
internal sealed class BaseAccessors
{
    private readonly string _stateMachine;
    private readonly HashSet<string> _taken;
    private readonly SemanticModel _model;
    private readonly int _position;
    private readonly Dictionary<ISymbol, Dictionary<string, string>> _names = new(SymbolEqualityComparer.Default);

    public BaseAccessors(string stateMachine, INamedTypeSymbol containingType, SemanticModel model, int position)
    {
        _stateMachine = stateMachine;
        _model = model;
        _position = position;
        _taken = new HashSet<string>();
        for (var type = containingType; type is not null; type = type.BaseType)
        {
            _taken.UnionWith(type.MemberNames);
        }
    }

    /// <summary>The accessors in the order they were first needed.</summary>
    public List<BaseAccessorModel> Models { get; } = new();

    /// <summary>
    /// The accessor's name for <c>base.Name</c> bound to <paramref name="member"/>
    /// (<paramref name="factory"/>: the generated factory of a base coroutine, called instead), or
    /// null when there is none (the member does not bind: the compiler reports it).
    /// </summary>
    public string? For(ISymbol? member, string? factory = null) => member switch
    {
        IMethodSymbol { ReducedFrom: null } method => Get(method.ConstructedFrom, factory ?? method.Name, name => MethodAccessor(name, method.ConstructedFrom, factory)),
        IPropertySymbol { IsIndexer: false } property => Get(property, property.Name, name => PropertyAccessor(name, property)),
        _ => null,
    };

    /// <summary>The accessor that reads (or, <paramref name="set"/>, writes) <c>base[...]</c>; for an indexer that returns by reference, the reference.</summary>
    public string ForIndexer(IPropertySymbol indexer, bool set) =>
        Get(indexer, set ? "set_Item" : "get_Item", name => IndexerAccessor(name, indexer, set));

    /// <summary>
    /// The accessor that reads <c>base[...]</c>, updates the value with a lambda and writes it back,
    /// returning the new value (<c>base[i] += x</c>, <c>++base[i]</c>), or, <paramref name="postfix"/>,
    /// the old one (<c>base[i]++</c> used as a value).
    /// </summary>
    public string ForIndexerUpdate(IPropertySymbol indexer, bool postfix = false) =>
        Get(indexer, postfix ? "postupdate_Item" : "update_Item", name =>
        {
            var type = SymbolText.Type(indexer.Type);
            var (parameters, local) = IndexerParametersAnd(indexer, "update", $"global::System.Func<{type}, {type}>");
            var types = IndexerTypes(indexer);
            return new BaseAccessorModel(name, type, "", "", EquatableArray<string>.Empty, parameters, postfix ? $"base[{types}]++" : $"base[{types}] = update(base[{types}])")
            {
                Kind = postfix ? BaseAccessorKind.IndexerPostUpdate : BaseAccessorKind.IndexerUpdate,
                Local = local,
            };
        });

    /// <summary>
    /// The accessor for <c>base[...] ??= x</c>, whose value is of type <paramref name="result"/>: it
    /// reads the indexer once and, only when the value is null, calls the lambda for <c>x</c> and
    /// writes its value (C#'s order: the indexes, the getter, <c>x</c>, the setter).
    /// </summary>
    public string ForIndexerCoalesce(IPropertySymbol indexer, ITypeSymbol result)
    {
        // A T? indexer whose ??= gives a T (x is a T): the value read is unwrapped, as C# does.
        var unwrapped = indexer.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable &&
                        SymbolEqualityComparer.Default.Equals(nullable.TypeArguments[0], result);
        return Get(indexer, unwrapped ? "coalesce_value_Item" : "coalesce_Item", name =>
        {
            var type = SymbolText.Type(unwrapped ? result : indexer.Type);
            var (parameters, local) = IndexerParametersAnd(indexer, "value", $"global::System.Func<{type}>");
            return new BaseAccessorModel(name, type, "", "", EquatableArray<string>.Empty, parameters, $"base[{IndexerTypes(indexer)}] ??= value()")
            {
                Kind = unwrapped ? BaseAccessorKind.IndexerCoalesceValue : BaseAccessorKind.IndexerCoalesce,
                Local = local,
            };
        });
    }

    /// <summary>The accessor that gives the setter of <c>base[...]</c> as an <c>Action</c> over the indexes, for a deconstruction target.</summary>
    public string ForIndexerTarget(IPropertySymbol indexer) =>
        Get(indexer, "target_Item", name =>
        {
            var taken = new HashSet<string>(indexer.Parameters.Select(static p => p.Name));
            return new BaseAccessorModel(name, $"global::System.Action<{SymbolText.Type(indexer.Type)}>", "", "", EquatableArray<string>.Empty, indexer.Parameters.Select(Parameter).ToEquatableArray(), $"value => base[{IndexerTypes(indexer)}] = value")
            {
                Kind = BaseAccessorKind.IndexerTarget,
                Local = SymbolText.Identifier(GeneratedNames.Unique(GeneratedNames.UpdatedValue, taken)),
            };
        });

    /// <summary>The indexer's parameters, then a lambda parameter of <paramref name="lambdaType"/>, and a local's name clashing with none.</summary>
    private static (EquatableArray<ParameterModel> Parameters, string Local) IndexerParametersAnd(IPropertySymbol indexer, string lambda, string lambdaType)
    {
        var parameters = indexer.Parameters.Select(Parameter).ToList();
        var taken = new HashSet<string>(indexer.Parameters.Select(static p => p.Name));
        parameters.Add(new ParameterModel(SymbolText.Identifier(GeneratedNames.Unique(lambda, taken)), lambdaType, "", null, ""));
        return (parameters.ToEquatableArray(), SymbolText.Identifier(GeneratedNames.Unique(GeneratedNames.BaseIndexerValue, taken)));
    }

    private static string IndexerTypes(IPropertySymbol indexer) =>
        string.Join(", ", indexer.Parameters.Select(static p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));

    /// <summary>The accessor that does <c>base.E += value</c> (or, not <paramref name="add"/>, <c>-=</c>).</summary>
    public string ForEvent(IEventSymbol @event, bool add) =>
        Get(@event, (add ? "add_" : "remove_") + @event.Name, name => new BaseAccessorModel(
            name, "void", SymbolText.Identifier(@event.Name), "", EquatableArray<string>.Empty,
            new[] { new ParameterModel("value", SymbolText.Type(@event.Type), "", null, "") }.ToEquatableArray(),
            $"base.{@event.Name} {(add ? "+=" : "-=")} value")
        {
            Kind = add ? BaseAccessorKind.EventAdd : BaseAccessorKind.EventRemove,
        });

    private string Get(ISymbol target, string memberName, System.Func<string, BaseAccessorModel> make)
    {
        if (!_names.TryGetValue(target, out var byName))
        {
            _names[target] = byName = new Dictionary<string, string>();
        }
        if (byName.TryGetValue(memberName, out var known))
        {
            return known;
        }
        var name = GeneratedNames.Unique(GeneratedNames.BaseAccessor(_stateMachine, memberName), _taken);
        byName[memberName] = name;
        Models.Add(make(name));
        return name;
    }

    private BaseAccessorModel IndexerAccessor(string name, IPropertySymbol indexer, bool set)
    {
        var parameters = indexer.Parameters.Select(Parameter).ToList();
        if (set)
        {
            var taken = new HashSet<string>(indexer.Parameters.Select(static p => p.Name));
            parameters.Add(new ParameterModel(SymbolText.Identifier(GeneratedNames.Unique("value", taken)), SymbolText.Type(indexer.Type), "", null, ""));
        }
        var types = IndexerTypes(indexer);
        return new BaseAccessorModel(name, SymbolText.Type(indexer.Type), "", "", EquatableArray<string>.Empty, parameters.ToEquatableArray(), set ? $"base[{types}] = value" : $"base[{types}]")
        {
            Kind = set ? BaseAccessorKind.IndexerSet : BaseAccessorKind.IndexerGet,
            RefKind = RefKindOf(indexer.ReturnsByRef, indexer.ReturnsByRefReadonly),
        };
    }

    /// <summary><paramref name="p"/> as a generated member repeats it: its name, type, ref kind or <c>params</c>, and default value.</summary>
    public static ParameterModel Parameter(IParameterSymbol p) =>
        new(SymbolText.Identifier(p.Name), SymbolText.Type(p.Type), Modifier(p), p.HasExplicitDefaultValue ? DefaultValue(p) : null, "");

    private BaseAccessorModel MethodAccessor(string name, IMethodSymbol method, string? factory)
    {
        var parameters = method.Parameters.Select(Parameter).ToEquatableArray();
        // A base coroutine's factory returns its state machine; the caller keeps it as a Coroutine, which is all the accessor needs to name.
        var type = factory is null
            ? method.ReturnsVoid ? "void" : SymbolText.Type(method.ReturnType)
            : method.ReturnsVoid ? "global::Coroutines.Coroutine" : $"global::Coroutines.Coroutine<{SymbolText.Type(method.ReturnType)}>";
        return new BaseAccessorModel(
            name,
            type,
            factory ?? SymbolText.Identifier(method.Name),
            method.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", method.TypeParameters.Select(static t => SymbolText.Identifier(t.Name))) + ">",
            SymbolText.ConstraintClauses(method.TypeParameters).ToEquatableArray(),
            parameters,
            $"base.{(factory ?? method.Name)}({string.Join(", ", method.Parameters.Select(static p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)))})")
        {
            RefKind = factory is null ? RefKindOf(method.ReturnsByRef, method.ReturnsByRefReadonly) : "",
        };
    }

    private BaseAccessorModel PropertyAccessor(string name, IPropertySymbol property) =>
        new(name, SymbolText.Type(property.Type), SymbolText.Identifier(property.Name), "", EquatableArray<string>.Empty, EquatableArray<ParameterModel>.Empty, $"base.{property.Name}")
        {
            Kind = BaseAccessorKind.Property,
            RefKind = RefKindOf(property.ReturnsByRef, property.ReturnsByRefReadonly),
            HasGetter = property.GetMethod is { } getter && _model.IsAccessible(_position, getter),
            HasSetter = property.SetMethod is { IsInitOnly: false } setter && _model.IsAccessible(_position, setter),
        };

    // A member that returns by reference: the accessor returns that reference (C# async allows it while it is not kept across a suspension).
    public static string RefKindOf(bool byRef, bool byRefReadonly) => byRefReadonly ? "ref readonly " : byRef ? "ref " : "";

    private static string Modifier(IParameterSymbol parameter) => parameter.RefKind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        RefKind.RefReadOnlyParameter => "ref readonly ",
        _ => parameter.IsParams ? "params " : "",
    };

    /// <summary>An optional parameter's default as a C# constant of its type (an enum's is cast: its metadata holds the underlying number).</summary>
    private static CodeExpression DefaultValue(IParameterSymbol parameter)
    {
        var value = parameter.ExplicitDefaultValue;
        if (value is null)
        {
            return new TextExpression("default");
        }
        var literal = SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false) + value switch
        {
            float => "F",
            decimal => "M",
            _ => "",
        };
        var type = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : parameter.Type;
        return type.TypeKind == TypeKind.Enum
            ? new CastExpression(SymbolText.Type(parameter.Type), new ParenthesizedExpression(new TextExpression(literal)))
            : new TextExpression(literal);
    }

    /// <summary>
    /// <c>@this.Accessor</c> in place of <c>base.Name</c>, with <paramref name="name"/>'s type arguments (already rewritten) kept;
    /// <paramref name="instance"/> is <c>@this</c>, or <c>enclosing.@this</c> in a local function's state machine.
    /// </summary>
    public static ExpressionSyntax Access(ExpressionSyntax instance, string accessor, SimpleNameSyntax name) =>
        SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            instance,
            name is GenericNameSyntax generic
                ? SyntaxFactory.GenericName(SyntaxFactory.Identifier(accessor), generic.TypeArgumentList)
                : SyntaxFactory.IdentifierName(accessor));

    /// <summary><c>@this.Accessor(arguments)</c>: a base indexer or event reached through its accessor.</summary>
    public static ExpressionSyntax Call(ExpressionSyntax instance, string accessor, SeparatedSyntaxList<ArgumentSyntax> arguments) =>
        SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, instance, SyntaxFactory.IdentifierName(accessor)),
            SyntaxFactory.ArgumentList(arguments));
}
