namespace Coroutines.Generator.Model;

/// <summary>What a base accessor does with its base member.</summary>
internal enum BaseAccessorKind
{
    /// <summary><c>Name(Parameters) => base.Member(...)</c>.</summary>
    Method,

    /// <summary><c>Name { get => base.Member; set => base.Member = value; }</c>.</summary>
    Property,

    /// <summary><c>Name(Parameters) => base[...]</c>.</summary>
    IndexerGet,

    /// <summary><c>Name(Parameters, value) => base[...] = value</c> (the last parameter is the value).</summary>
    IndexerSet,

    /// <summary>
    /// <c>Name(Parameters, update) => base[...] = update(base[...])</c>: a base indexer read and
    /// written in one (<c>base[i] += x</c>, <c>++base[i]</c>), the update a lambda that does the operator.
    /// </summary>
    IndexerUpdate,

    /// <summary>
    /// <c>Name(Parameters, update)</c>: <c>var current = base[...]; base[...] = update(current); return current;</c>,
    /// a postfix <c>base[i]++</c> whose value (the old one) is used.
    /// </summary>
    IndexerPostUpdate,

    /// <summary>
    /// <c>Name(Parameters, value)</c>: <c>base[i] ??= x</c>, <c>x</c> the lambda <c>value</c>: the
    /// value read when it is not null; otherwise <c>value()</c>, stored and returned.
    /// </summary>
    IndexerCoalesce,

    /// <summary>The same for a base indexer of a nullable value type <c>T?</c> whose <c>??=</c> gives a <c>T</c>.</summary>
    IndexerCoalesceValue,

    /// <summary>
    /// <c>Name(Parameters) => value => base[...] = value</c>: the setter of a base indexer that is a
    /// deconstruction target, over the indexes given when the target is made (the state machine
    /// assigns <c>new Coroutine.BaseIndexerTarget&lt;T&gt;(Name(...)).Value</c>).
    /// </summary>
    IndexerTarget,

    /// <summary><c>Name(value) => base.Member += value</c>.</summary>
    EventAdd,

    /// <summary><c>Name(value) => base.Member -= value</c>.</summary>
    EventRemove,
}

/// <summary>
/// A private member the generator adds to the user's class so the state machine, a nested class
/// that cannot say <c>base</c>, can reach a base member without virtual dispatch, as the C#
/// compiler's own generated accessors do: a method <c>Name(Parameters) => base.Member(...)</c>, or
/// a property <c>Name { get => base.Member; set => base.Member = value; }</c>.
/// </summary>
internal sealed record BaseAccessorModel(
    string Name,
    string Type,
    string Member,
    string TypeParameters,
    EquatableArray<string> ConstraintClauses,
    EquatableArray<ParameterModel> Parameters,
    string Describes)
{
    public BaseAccessorKind Kind { get; init; }

    /// <summary><c>"ref "</c> or <c>"ref readonly "</c> for a base member that returns by reference (the accessor returns the same reference); empty otherwise.</summary>
    public string RefKind { get; init; } = "";

    /// <summary>A property accessor (no parameter list): <see cref="HasGetter"/> and <see cref="HasSetter"/> say which accessors it has.</summary>
    public bool IsProperty => Kind == BaseAccessorKind.Property;

    public bool HasGetter { get; init; }

    public bool HasSetter { get; init; }

    /// <summary>The local holding the value read, for the kinds whose body is a block (<see cref="BaseAccessorKind.IndexerPostUpdate"/>, the coalescing ones).</summary>
    public string Local { get; init; } = "";
}
