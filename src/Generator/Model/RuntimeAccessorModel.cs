namespace Coroutines.Generator.Model;

/// <summary>
/// A static extern method of the state machine that the runtime binds (<c>[UnsafeAccessor]</c>, .NET 8 and later)
/// to a method C# calls but C# code cannot name: the init accessor of a <c>with</c> expression's member set after a
/// suspension (<see cref="Kind"/> <c>Method</c>, <c>set_B</c>), the <c>operator false</c> of <c>x &amp;&amp; F()</c>
/// (<c>StaticMethod</c>, <c>op_False</c>). <see cref="Parameters"/>: the declaration's parameter list, the target first.
/// </summary>
internal sealed record RuntimeAccessorModel(string Name, string Kind, string ReturnType, string Member, string Parameters, string Describes)
{
    /// <summary>
    /// Where a generic type or method is involved: the file-local class that declares the accessor instead of the
    /// state machine (the runtime binds a generic target only from a class whose type parameters are exactly the
    /// target type's, .NET 9 and later, so it cannot be nested in a generic type); empty: the state machine.
    /// </summary>
    public string Holder { get; init; } = "";

    /// <summary>The holder's type parameter list, the target type's (<c>&lt;T&gt;</c>); empty when it is not generic.</summary>
    public string HolderTypeParameters { get; init; } = "";

    /// <summary>The holder's <c>where</c> clauses, the target type's.</summary>
    public EquatableArray<string> HolderConstraints { get; init; } = EquatableArray<string>.Empty;
}
