namespace Coroutines.Generator.Model;

/// <summary>
/// What a class that inherits the implementation of an interface's coroutine (<c>class D : B, IRunner</c>,
/// a non-virtual [Coroutine] <c>B.Run</c>) gets: the interface's factories, implemented explicitly by a
/// call of the inherited factory, in a part of the class of its own file; and the diagnostics.
/// </summary>
internal sealed record InheritedImplementationsResult(EquatableArray<DiagnosticInfo> Diagnostics, InheritedFactoriesModel? Factories);

/// <summary>The class (its namespaces and containing types, itself last) and the factories it implements.</summary>
internal sealed record InheritedFactoriesModel(
    string HintName,
    EquatableArray<NamespaceModel> Namespaces,
    EquatableArray<TypeModel> Types,
    EquatableArray<ForwardedFactory> Factories);

/// <summary><c>global::Coroutines.Coroutine&lt;int&gt; global::Demo.IRunner.RunCoroutine(int laps) =&gt; RunCoroutine(laps);</c>, with the comment that says why.</summary>
internal sealed record ForwardedFactory(string ReturnType, string Interface, string Factory, string TypeParameters, string Parameters, string Arguments, string Comment);
