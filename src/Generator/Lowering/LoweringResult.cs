using Coroutines.Generator.Binding;
using Coroutines.Generator.Model;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// What binding and lowering one [Coroutine] method produced: the model to flatten (unless an error stops it) and
/// diagnostics; <see cref="Key"/> identifies the method (see <see cref="MethodModel.Key"/>).
/// </summary>
internal sealed record LoweringResult(string Key, CoroutineModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
