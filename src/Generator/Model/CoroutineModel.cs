namespace Coroutines.Generator.Model;

/// <summary>Everything the lowering and the emitter need about one [Coroutine] method, as plain data.</summary>
internal sealed record CoroutineModel(
    string HintName,
    string FilePath,
    EquatableArray<NamespaceModel> Namespaces,
    EquatableArray<string> FileUsings,
    EquatableArray<TypeModel> ContainingTypes,
    MethodModel Method,
    EquatableArray<FieldModel> Fields,
    BlockStatement Body)
{
    /// <summary>The calls to other coroutines, by state: what the state machine calls while suspended there.</summary>
    public EquatableArray<CallModel> Calls { get; init; } = EquatableArray<CallModel>.Empty;

    /// <summary>The closure environments: classes of the state machine that hold the captured variables of a scope entered more than once.</summary>
    public EquatableArray<ClosureModel> Closures { get; init; } = EquatableArray<ClosureModel>.Empty;

    /// <summary>The members added to the user's class through which the state machine reaches <c>base</c>.</summary>
    public EquatableArray<BaseAccessorModel> BaseAccessors { get; init; } = EquatableArray<BaseAccessorModel>.Empty;

    /// <summary>The state machine's accessors of methods C# calls and C# code cannot name (an init accessor, <c>operator false</c>).</summary>
    public EquatableArray<RuntimeAccessorModel> RuntimeAccessors { get; init; } = EquatableArray<RuntimeAccessorModel>.Empty;

    /// <summary>
    /// How many of <see cref="ContainingTypes"/>, the last ones, are state machines of coroutines around
    /// this one (a local function's nested in the enclosing coroutine's, itself maybe a local function's
    /// nested in turn): the members it adds to the user's class (base accessors, snapshot registration)
    /// are written that many levels out. 0 for a method's.
    /// </summary>
    public int EnclosingStateMachines { get; init; }

    /// <summary>The state machine's never-called methods whose types hold anonymous types, for reading values of those types back.</summary>
    public EquatableArray<ShapeMethodModel> ShapeMethods { get; init; } = EquatableArray<ShapeMethodModel>.Empty;

    /// <summary>The state machine's delegate types for locals whose type the compiler made for a lambda and has no name.</summary>
    public EquatableArray<DelegateTypeModel> DelegateTypes { get; init; } = EquatableArray<DelegateTypeModel>.Empty;
}

/// <summary>How a generated factory takes part in virtual dispatch (after its method's own <c>virtual</c>/<c>override</c>).</summary>
internal enum FactoryDispatch
{
    /// <summary>An ordinary method: the factory returns the concrete state machine.</summary>
    None,

    /// <summary>A virtual method, or an overridable override of a method that is not a coroutine: <c>virtual</c>.</summary>
    Virtual,

    /// <summary>An override of a [Coroutine] method: <c>override</c> of that method's factory.</summary>
    Override,

    /// <summary>A sealed override of a [Coroutine] method: <c>sealed override</c>.</summary>
    SealedOverride,

    /// <summary>An abstract method (of a class or an interface): an abstract factory that each [Coroutine] override or implementation provides; no state machine.</summary>
    Abstract,

    /// <summary>An implementation of an interface's [Coroutine] method: a non-virtual factory that implements the interface's, returning the coroutine base class too.</summary>
    Implementation,
}

/// <summary>A [Coroutine] method whose factory another one's overrides or implements: its key (as <see cref="MethodModel.Key"/>) and its name for messages.</summary>
internal sealed record ProvidedCoroutine(string Key, string Name);

/// <summary>One level of namespace around the coroutine (block or file-scoped) and the usings declared in it.</summary>
internal sealed record NamespaceModel(string Name, EquatableArray<string> Usings);

/// <summary>One containing type declaration, outermost first.</summary>
internal sealed record TypeModel(string Keyword, string Name, string TypeParameters, bool IsStatic);

/// <summary>The [Coroutine] method and the names of what the generator adds for it.</summary>
internal sealed record MethodModel(
    string Name,
    string DisplaySignature,
    int Line,
    string Accessibility,
    bool IsStatic,
    bool IsExtension,
    string? ReturnType,
    string ContainingTypeFullName,
    string TypeParameters,
    EquatableArray<string> ConstraintClauses,
    EquatableArray<ParameterModel> Parameters,
    string StateMachineName,
    string FactoryName,
    LocationInfo Location)
{
    /// <summary>Identifies the method among all coroutines of the compilation (its documentation comment id).</summary>
    public string Key { get; init; } = "";

    /// <summary>The generated factory hides the one generated for a [Coroutine] method of a base type (same name and parameters): it is declared <c>new</c>.</summary>
    public bool FactoryHidesInherited { get; init; }

    /// <summary>
    /// How the factory dispatches: <see cref="FactoryDispatch.None"/> for a method that cannot be
    /// overridden; otherwise the factory is virtual, or overrides the factory of the [Coroutine]
    /// method this one overrides, so a call from a coroutine runs the most derived override.
    /// </summary>
    public FactoryDispatch Dispatch { get; init; }

    /// <summary>The keys of the coroutines whose factories this one's overrides or implements: if one of them is not generated, neither is this one (its factory would override nothing).</summary>
    public EquatableArray<ProvidedCoroutine> Provides { get; init; } = EquatableArray<ProvidedCoroutine>.Empty;

    /// <summary>For an explicit interface implementation, the interface (its factory implements the interface's explicitly); null otherwise.</summary>
    public string? ExplicitInterface { get; init; }

    /// <summary>The generated class hides the one generated for a [Coroutine] method of a base type: it is declared <c>new</c>.</summary>
    public bool StateMachineHidesInherited { get; init; }

    /// <summary>The snapshot registration hides the one generated for a saveable [Coroutine] method of a base type in this assembly (it is internal): it is declared <c>new</c>.</summary>
    public bool RegistrationHidesInherited { get; init; }

    /// <summary>The method has <c>[Coroutine]</c> local functions that capture its variables: their state machines are classes nested in its own, declared in their own files (so its class is <c>partial</c>).</summary>
    public bool HasNestedStateMachines { get; init; }

    /// <summary>The field that holds the instance: <c>@this</c>, unless the body declares a name <c>@this</c> of its own.</summary>
    public string InstanceField { get; init; } = "@this";

    /// <summary><c>[Coroutine(Saveable = true)]</c>: the emitter adds the snapshot code and manifest (Emitting/SnapshotEmitter).</summary>
    public bool Saveable { get; init; }
}

/// <summary>A parameter of the coroutine (and of its factory); <see cref="FieldName"/> is the field that holds it.</summary>
internal sealed record ParameterModel(string Name, string Type, string Modifiers, CodeExpression? DefaultValue, string FieldName);

/// <summary>A field of the state machine: a parameter, a hoisted local, or <c>@this</c>.</summary>
internal sealed record FieldModel(string Name, string Type, string Comment, bool NeedsDefaultInitializer)
{
    /// <summary>
    /// 0: saved as it is. A state: an operand of that state's suspension point, read only there; a snapshot saves
    /// it only while suspended there (its default elsewhere). <see cref="NeverLive"/>: the value of a suspension read
    /// before any other suspension; a snapshot saves its default.
    /// </summary>
    public int LiveOnlyIn { get; init; }

    /// <summary>The <see cref="LiveOnlyIn"/> of a field no suspension ever finds in use.</summary>
    public const int NeverLive = -1;
}

/// <summary>
/// A call to another coroutine (<see cref="Callee"/>, whose method <see cref="CalleeKey"/> names
/// as <see cref="MethodModel.Key"/> does): suspended in <see cref="State"/>, the state machine is
/// calling the one in <see cref="Field"/>.
/// </summary>
internal sealed record CallModel(int State, string Field, string Callee, string CalleeKey, LocationInfo Location);

/// <summary>
/// A closure environment (Roslyn's display class): the variables of one scope that closures
/// capture, in a class <see cref="Class"/> of the state machine, a new instance in
/// <see cref="Field"/> on each entry to the scope. A lambda made there is made through that
/// instance (<c>Capture</c>), so it keeps that entry's variables.
/// </summary>
internal sealed record ClosureModel(string Class, string Field, string Scope, EquatableArray<FieldModel> Fields)
{
    /// <summary>Whether a lambda kept as its natural type (a delegate type the generated code cannot name) is made through it.</summary>
    public bool MakesNaturalLambdas { get; init; }

    /// <summary>Whether a call with no value is run through it: it gets a <c>Run</c> method.</summary>
    public bool RunsCalls { get; init; }
}
