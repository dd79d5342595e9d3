namespace Coroutines.Generator.Model;

/// <summary>
/// A static extern method of the state machine that the runtime binds (<c>[UnsafeAccessor]</c>, .NET 8 and later)
/// to the init accessor <see cref="Setter"/> of <see cref="TargetType"/>. C# calls that accessor on a
/// <c>with</c> expression's copy right after the member's value; when a suspension comes between the copy and
/// that value, the generated code calls it the same way, through this method (C# code cannot call an init accessor).
/// </summary>
internal sealed record InitAccessorModel(string Name, string TargetType, bool TargetIsStruct, string ValueType, string Setter, string Describes);
