using System;
using System.Globalization;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// What the random program generator may write (<see cref="RandomProgramGenerator"/>). The normal
/// suite uses <see cref="Supported"/>; a feature outside it is written only when asked for
/// (<c>RANDOM_FEATURES=Supported,NewFeature</c>): a construct the generator does not accept yet
/// starts there and joins <see cref="Supported"/> once it does. A program depends on the seed, its index and the features.
/// </summary>
[Flags]
public enum RandomProgramFeatures : long
{
    /// <summary>Straight-line code only: logs, sleeps, locals, assignments, if/else, throws.</summary>
    None = 0,

    /// <summary><c>for</c>, <c>while</c> and <c>do</c> loops with break and continue.</summary>
    Loops = 1,

    /// <summary><c>foreach</c> over arrays, lists, a logging iterator, and deconstructing tuples.</summary>
    ForEach = 2,

    /// <summary>try/catch/finally, filters, <c>throw;</c>.</summary>
    TryCatchFinally = 4,

    /// <summary><c>using</c> statements and declarations, of a class and of a struct.</summary>
    Using = 8,

    /// <summary><c>switch</c> statements with patterns, <c>goto case</c> and <c>goto default</c>.</summary>
    Switch = 16,

    /// <summary>
    /// Calls of other coroutines of the program (each may call the ones after it), where a call may
    /// stand today: a statement, a local's initializer, an assignment, a return.
    /// </summary>
    Calls = 32,

    /// <summary>Several coroutines spawned in order and interleaved by their sleeps.</summary>
    SeveralCoroutines = 64,

    /// <summary>
    /// Calls inside expressions (issue 14, point 1: spilling): a compound assignment to a local,
    /// operands of a logged concatenation, an <c>if</c> condition, two calls in one declaration.
    /// The flags after <see cref="Goto"/> add each other position of point 1.
    /// </summary>
    SuspensionsInExpressions = 128,

    /// <summary>
    /// Lambdas in loop bodies that suspend, capturing a per-iteration copy, the <c>foreach</c>
    /// variable and the <c>for</c> variable (issue 14, point 2: closure environments).
    /// </summary>
    ClosuresInLoops = 256,

    /// <summary>Labels and <c>goto</c>, backward and forward, across sleeps (issue 14, point 5).</summary>
    Goto = 512,

    /// <summary>Call arguments after arguments that were read before, nested calls (<c>F(G(x))</c>), several per statement.</summary>
    Arguments = 1 << 10,

    /// <summary><c>ref</c>, <c>out</c> and <c>in</c> arguments before a suspending argument.</summary>
    RefArguments = 1 << 11,

    /// <summary>Binary, unary and comparison operands.</summary>
    Operands = 1 << 12,

    /// <summary><c>&amp;&amp;</c>, <c>||</c>, <c>??</c> and <c>?:</c>: the suspension runs only when its operand is evaluated.</summary>
    ShortCircuit = 1 << 13,

    /// <summary>Compound assignments and <c>??=</c> to locals, fields, properties, array elements and indexers (a struct local's field too).</summary>
    CompoundAssignments = 1 << 14,

    /// <summary>Array sizes, indexes (read and assigned) and elements.</summary>
    ArrayIndexesAndSizes = 1 << 15,

    /// <summary>Object, collection and index initializers.</summary>
    Initializers = 1 << 16,

    /// <summary>Receivers: a call's result, a local class and a local struct (used in place), and <c>?.</c>.</summary>
    Receivers = 1 << 17,

    /// <summary>Interpolated strings, with a format.</summary>
    InterpolatedStrings = 1 << 18,

    /// <summary>The value a <c>switch</c> expression switches on (its arms: <see cref="SwitchArmsAndGuards"/>).</summary>
    SwitchExpressions = 1 << 19,

    /// <summary><c>is</c> patterns, one that declares a variable included.</summary>
    IsPatterns = 1 << 20,

    /// <summary>Tuples, deconstruction into new locals and into existing ones.</summary>
    Tuples = 1 << 21,

    /// <summary>The exception of a <c>throw</c> statement and of a <c>throw</c> expression.</summary>
    ThrowExpressions = 1 << 22,

    /// <summary>Conditions of <c>while</c>, <c>do</c>, <c>for</c> and the value of a <c>switch</c> statement.</summary>
    Conditions = 1 << 23,

    /// <summary><c>return</c> of an expression with suspensions.</summary>
    Returns = 1 << 24,

    /// <summary>The resource of a <c>using</c> statement and declaration, the collection of a <c>foreach</c>.</summary>
    UsingAndForEachExpressions = 1 << 25,

    /// <summary>Instance coroutines of a struct (on a copy of <c>this</c>), called on a new value (issue 14, point 4).</summary>
    StructCoroutines = 1 << 26,

    /// <summary>
    /// A class hierarchy: an instance coroutine of a derived class calling <c>base.</c> methods, and
    /// a sealed override coroutine that waits for its base coroutine (issue 14, point 3).
    /// </summary>
    BaseMethods = 1 << 27,

    /// <summary>
    /// Parts of <c>?.</c> chains: a chain in a chain whose part suspends (<c>MaybeBox(b, k)?.Maybe(F(x))?.Sum(k)</c>),
    /// a struct coroutine called on a nullable struct (<c>v?.M(x)</c>, on a copy of its value).
    /// </summary>
    ConditionalChainParts = 1L << 28,

    /// <summary>A struct coroutine called in place on a struct local (<c>sv.M(x)</c>); the local is not read after it (the original method, run directly, changes it in place; the coroutine, as C# async, a copy).</summary>
    StructVariableReceivers = 1L << 29,

    /// <summary><c>with</c> on a record with its own copy constructor and init accessors, members suspending in either order.</summary>
    WithOwnCopyConstructor = 1L << 30,

    /// <summary>An indexer's nested collection initializer whose index and elements suspend (<c>new Shelf { [k] = { F(x), y } }</c>).</summary>
    IndexerNestedInitializers = 1L << 31,

    /// <summary><c>&amp;&amp;</c> and <c>||</c> on a class with its own <c>true</c>/<c>false</c>/<c>&amp;</c>/<c>|</c> operators, the right operand suspending.</summary>
    UserDefinedShortCircuit = 1L << 32,

    /// <summary>The virtual coroutine <c>Walk</c> called through a base-typed local holding the derived class: the override runs.</summary>
    VirtualDispatch = 1L << 33,

    /// <summary><c>[Coroutine]</c> local functions, static and capturing the enclosing coroutine's <c>acc</c> (which they change).</summary>
    LocalFunctionCoroutines = 1L << 34,

    /// <summary>A base indexer in a derived class's coroutine: <c>base[i] ??= F(x)</c>, <c>base[i]++</c> as a value before a suspension, deconstruction into <c>base[i]</c>.</summary>
    BaseIndexers = 1L << 35,

    /// <summary>
    /// In a loop that suspends, closures capturing a catch filter's variable (new for each catch) and a
    /// <c>foreach</c> collection's <c>out</c> variable (one per run of the <c>foreach</c>).
    /// </summary>
    CapturedFilterAndCollectionVariables = 1L << 36,

    /// <summary>An explicit implementation of an interface's <c>[Coroutine]</c> method, called through the interface.</summary>
    ExplicitInterfaceImplementations = 1L << 37,

    /// <summary>
    /// Values of anonymous types living across suspensions: a local whose member suspends (nested in another,
    /// captured by a lambda, copied by <c>with</c>), a <c>List&lt;anonymous&gt;</c>, an array of them, an anonymous operand before a suspension.
    /// </summary>
    AnonymousTypes = 1L << 38,

    /// <summary>A struct coroutine called on a part of a longer <c>?.</c> chain: <c>h?.NS?.M(x)</c> (a nullable struct field), <c>h?.S.M(x)</c>, <c>h?.P.M(x)</c>.</summary>
    NullableStructChainParts = 1L << 39,

    /// <summary>Queries whose first <c>from</c> collection suspends, or a <c>join</c>'s collection (right after the first <c>from</c>, or after a <c>where</c>).</summary>
    QuerySuspensions = 1L << 40,

    /// <summary>A <c>goto</c> out of a <c>try</c> whose <c>finally</c> suspends, or out of a loop whose body suspends.</summary>
    JumpsOut = 1L << 41,

    /// <summary>A ref local used between two suspensions, in a block without one.</summary>
    RefLocalsBetweenSuspensions = 1L << 42,

    /// <summary>A <c>switch</c> expression whose arms and <c>when</c> guard suspend; a <c>case</c> guard that suspends.</summary>
    SwitchArmsAndGuards = 1L << 43,

    /// <summary>Collection expressions with spreads (<c>[.. a, F(x)]</c>) whose elements suspend.</summary>
    CollectionExpressions = 1L << 44,

    /// <summary>A compound assignment or <c>??=</c> used as a value (<c>Log(x += F())</c>).</summary>
    CompoundAssignmentValues = 1L << 45,

    /// <summary>A <c>for</c> loop whose initializers and incrementors suspend.</summary>
    ForClauses = 1L << 46,

    /// <summary>A <c>lock</c> whose operand suspends; a <c>checked</c> expression around a suspension.</summary>
    LockAndChecked = 1L << 47,

    /// <summary>Deconstruction into an array element and a property (<c>(a[i], o.P) = (F(), G())</c>).</summary>
    DeconstructionTargets = 1L << 48,

    /// <summary>A member's nested collection initializer (<c>Items = { F(x) }</c>); <c>with</c> on a positional record and on a struct.</summary>
    NestedInitializersAndWith = 1L << 49,

    /// <summary>A catch filter that assigns the catch variable, read by its handler after a suspension; <c>throw;</c> after it.</summary>
    FilterAssignedCatchVariables = 1L << 50,

    /// <summary>Closures in a run that suspends capturing a catch variable and a <c>switch</c> section's local in a loop, and a block's local entered again by a <c>goto</c>.</summary>
    FreshVariableClosures = 1L << 51,

    /// <summary>A generic coroutine (<c>where T : IComparable&lt;T&gt;</c>, a <c>T</c> kept across its suspension) called with two type arguments: <c>int</c> inferred, <c>string</c> or <c>long</c> written.</summary>
    GenericCoroutines = 1L << 52,

    /// <summary>Calls of a coroutine with an optional parameter and a <c>params</c> array: both left out, the array expanded or named, named arguments out of order (evaluated as written).</summary>
    ParamsAndNamedArguments = 1L << 53,

    /// <summary>
    /// A virtual coroutine <c>Hop</c> (overridden, not sealed, the override waiting for the base's) called through <c>this</c> and
    /// <c>base</c> in a derived class's coroutine, and through <c>this</c> in the base class's <c>Tour</c>, run on a derived object.
    /// </summary>
    ThisAndBaseDispatch = 1L << 54,

    /// <summary><c>[Coroutine]</c> local functions called in a loop: declared before it (static, or capturing <c>acc</c>), or in its body capturing that iteration's local.</summary>
    LocalFunctionsInLoops = 1L << 55,

    /// <summary>Suspension points of the program's own (<c>[SuspensionPoint]</c> on <c>Bell.Ring</c>, with a value, and <c>Bell.Knock</c>), beside coroutine calls.</summary>
    UserSuspensionPoints = 1L << 56,

    /// <summary>Every position of point 1 the random programs put a suspension in.</summary>
    ExpressionPositions = SuspensionsInExpressions | Arguments | RefArguments | Operands | ShortCircuit | CompoundAssignments | ArrayIndexesAndSizes |
        Initializers | Receivers | InterpolatedStrings | SwitchExpressions | IsPatterns | Tuples | ThrowExpressions | Conditions | Returns | UsingAndForEachExpressions,

    /// <summary>
    /// Everything the generator accepts today: what the normal suite runs. A construct the
    /// generator does not accept yet gets a flag of its own, written only when asked for, and
    /// joins this list once it is accepted (the one place to change).
    /// </summary>
    Supported = Loops | ForEach | TryCatchFinally | Using | Switch | Calls | SeveralCoroutines | ExpressionPositions | ClosuresInLoops | Goto |
        StructCoroutines | BaseMethods | ParityConstructs | CoverageConstructs | MethodKindConstructs,

    /// <summary>What the generator learnt after the random programs' last extension (issue 14's C# parity), each form under its own flag.</summary>
    ParityConstructs = ConditionalChainParts | StructVariableReceivers | WithOwnCopyConstructor | IndexerNestedInitializers | UserDefinedShortCircuit |
        VirtualDispatch | LocalFunctionCoroutines | BaseIndexers | CapturedFilterAndCollectionVariables |
        ExplicitInterfaceImplementations,

    /// <summary>The rows of docs/csharp-support.md marked supported that the random programs did not write before, each form under its own flag.</summary>
    CoverageConstructs = AnonymousTypes | NullableStructChainParts | QuerySuspensions | JumpsOut | RefLocalsBetweenSuspensions |
        SwitchArmsAndGuards | CollectionExpressions | CompoundAssignmentValues | ForClauses | LockAndChecked | DeconstructionTargets | NestedInitializersAndWith |
        FilterAssignedCatchVariables | FreshVariableClosures,

    /// <summary>Kinds of coroutine methods and calls (issue 14, point 7, and user-defined suspension points), each form under its own flag.</summary>
    MethodKindConstructs = GenericCoroutines | ParamsAndNamedArguments | ThisAndBaseDispatch | LocalFunctionsInLoops | UserSuspensionPoints,

    /// <summary>Every feature (today the same as <see cref="Supported"/>; a new construct starts outside it).</summary>
    All = Supported,
}

/// <summary>Reading <see cref="RandomProgramFeatures"/> from a setting such as <c>Supported,Goto</c>.</summary>
public static class RandomProgramFeatureSettings
{
    /// <summary>Parses a comma-separated list of feature names (case-insensitive).</summary>
    /// <exception cref="ArgumentException">A name is not a feature.</exception>
    public static RandomProgramFeatures Parse(string text) =>
        Enum.TryParse<RandomProgramFeatures>(text, ignoreCase: true, out var features) && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            ? features
            : throw new ArgumentException($"RANDOM_FEATURES={text} is not a list of {nameof(RandomProgramFeatures)} names ({string.Join(", ", Enum.GetNames<RandomProgramFeatures>())}).");
}
