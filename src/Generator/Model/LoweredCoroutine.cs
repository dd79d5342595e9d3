using Coroutines.Generator.Model;

namespace Coroutines.Generator.Model;

/// <summary>The output of the lowering step: the model's declarations plus the flat resume method.</summary>
internal sealed record LoweredCoroutine(
    CoroutineModel Model,
    EquatableArray<StateInfo> States,
    EquatableArray<Instruction> Body);
