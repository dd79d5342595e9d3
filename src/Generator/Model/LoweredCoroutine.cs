namespace Coroutines.Generator.Model;

/// <summary>
/// The output of flattening: the model's declarations, its states, and the flat body of
/// <c>Step()</c> (statements of the same tree as the model's, see FlatStatements.cs).
/// </summary>
internal sealed record LoweredCoroutine(
    CoroutineModel Model,
    EquatableArray<StateInfo> States,
    EquatableArray<Statement> Body);
