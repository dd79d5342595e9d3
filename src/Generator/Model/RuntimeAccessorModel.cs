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
    /// Where a generic type or method is involved: the class that declares the accessor instead of the state machine
    /// (the runtime binds a generic target only from a class whose type parameters, those of the types around it
    /// first, are exactly the target type's, .NET 9 and later); empty: the state machine.
    /// </summary>
    public string Holder { get; init; } = "";

    /// <summary>
    /// Where <see cref="Holder"/> is declared: 0, a file-local class at the top of the file; k, a private class nested in
    /// the k-th of the user's types around the coroutine (outermost first), where it can name that type's private and
    /// protected types, and whose type parameters are then the target type's after those of the types around it.
    /// </summary>
    public int HolderDepth { get; init; }

    /// <summary>The holder's own type parameter list, the target type's (<c>&lt;T&gt;</c>) after those of the types around it; empty when it has none.</summary>
    public string HolderTypeParameters { get; init; } = "";

    /// <summary>The holder's <c>where</c> clauses, the target type's for its own type parameters.</summary>
    public EquatableArray<string> HolderConstraints { get; init; } = EquatableArray<string>.Empty;
}
