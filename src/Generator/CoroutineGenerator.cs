using Microsoft.CodeAnalysis;

namespace Coroutines.Generator;

/// <summary>Rewrites every <c>[Coroutine]</c> method into a state-machine class.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class CoroutineGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
