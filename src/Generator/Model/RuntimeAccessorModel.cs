namespace Coroutines.Generator.Model;

/// <summary>
/// A static extern method of the state machine that the runtime binds (<c>[UnsafeAccessor]</c>, .NET 8 and later)
/// to a method C# calls but C# code cannot name: the init accessor of a <c>with</c> expression's member set after a
/// suspension (<see cref="Kind"/> <c>Method</c>, <c>set_B</c>), the <c>operator false</c> of <c>x &amp;&amp; F()</c>
/// (<c>StaticMethod</c>, <c>op_False</c>). <see cref="Parameters"/>: the declaration's parameter list, the target first.
/// </summary>
internal sealed record RuntimeAccessorModel(string Name, string Kind, string ReturnType, string Member, string Parameters, string Describes);
