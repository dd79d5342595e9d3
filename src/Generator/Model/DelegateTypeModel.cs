namespace Coroutines.Generator.Model;

/// <summary>
/// A delegate type the state machine declares for a local whose type is the delegate type C# made for a lambda
/// (<c>var f = (ref int y) =&gt; y;</c>): that type has no name a field could use, so the field has this one, of the
/// same signature, and the lambda or method group assigned to the local converts to it.
/// </summary>
/// <param name="ReturnType">With its <c>ref </c> or <c>ref readonly </c> where the delegate returns by reference.</param>
/// <param name="Describes">The local it is first declared for (<c>local 'f'</c>), for the declaration's comment.</param>
internal sealed record DelegateTypeModel(string Name, string ReturnType, EquatableArray<ParameterModel> Parameters, string Describes);
