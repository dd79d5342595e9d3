using Coroutines.Generator.Model;

namespace Coroutines.Generator.Parsing;

/// <summary>What parsing one [Coroutine] method produced: a model to lower (unless an error stops it) and diagnostics.</summary>
internal sealed record ParseResult(CoroutineModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
