namespace Coroutines.Generator.Model;

/// <summary>
/// A never-called static method of the state machine whose return type is a type that holds anonymous types
/// inside a generic type, an array or a tuple (<c>Dictionary&lt;int, TAnonymous1&gt;</c>), each anonymous type
/// a type parameter inferred from an argument (<c>Shape_Dictionary(new { A = default(int) })</c>): an expression
/// of that type, which a field cannot name, for <see cref="AnonymousReadExpression"/> to infer from.
/// </summary>
/// <param name="TypeParameters">One per distinct anonymous type, in order of first appearance; each also names a parameter (<see cref="Parameters"/>).</param>
/// <param name="Describes">The type as C# displays it, for the method's comment.</param>
internal sealed record ShapeMethodModel(string Name, EquatableArray<string> TypeParameters, EquatableArray<string> Parameters, string ReturnType, string Describes);

/// <summary><c>Method(Arguments)</c>: a call of a <see cref="ShapeMethodModel"/>, inside a shape (never evaluated); <see cref="IsValueType"/>: its type is a struct (a tuple).</summary>
internal sealed record ShapeCallExpression(string Method, EquatableArray<CodeExpression> Arguments, bool IsValueType) : CodeExpression
{
    /// <summary>The state machine that declares the method when it is not this one (<c>RunStateMachine.Shape_Tuple(...)</c>: a local function's reads a shared local through that one's shape).</summary>
    public string? Holder { get; init; }
}
