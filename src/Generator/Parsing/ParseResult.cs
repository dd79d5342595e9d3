using Coroutines.Generator.Model;

namespace Coroutines.Generator.Parsing;

/// <summary>
/// What parsing one [Coroutine] method produced: a model to lower (unless an error stops it) and
/// diagnostics; <see cref="Key"/> identifies the method (see <see cref="MethodModel.Key"/>).
/// </summary>
internal sealed record ParseResult(string Key, CoroutineModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
