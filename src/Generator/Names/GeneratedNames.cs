using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Names;

/// <summary>
/// The one place that makes and recognises every name the generator adds: the generated class,
/// factory and file, the state machine's members and fields, and the labels of <c>Step()</c>.
/// Passes ask here (never match names by string themselves), so a name changed here changes everywhere.
/// </summary>
internal static class GeneratedNames
{
    /// <summary>The field that holds where the next <c>Step()</c> resumes.</summary>
    public const string State = "state";

    /// <summary>The field that holds a return value while the finally blocks it leaves through run.</summary>
    public const string ReturnValue = "returnValue";

    /// <summary>The instance field, unless the body declares an <c>@this</c> of its own.</summary>
    public const string Instance = "this";

    /// <summary>The field of a <c>[Coroutine]</c> local function's state machine that holds the state machine of the coroutine around it, whose variables it captures (renamed when the function uses that name).</summary>
    public const string Enclosing = "enclosing";

    /// <summary>The state machine's method that records the state to resume in and returns the suspension.</summary>
    public const string SuspendAt = nameof(SuspendAt);

    /// <summary>Inherited members of <c>Coroutine</c> that generated statements call.</summary>
    public const string Complete = nameof(Complete);

    public const string ThrowPending = nameof(ThrowPending);

    public const string RethrowPending = nameof(RethrowPending);

    public const string Rethrow = nameof(Rethrow);

    public const string Hoist = nameof(Hoist);

    /// <summary>The inherited helper that reads a value of an anonymous type back from its <c>object</c> field (<see cref="Model.AnonymousReadExpression"/>).</summary>
    public const string AsAnonymous = nameof(AsAnonymous);

    /// <summary>The inherited helper that gives the variable of such a value that C# uses as a variable (<see cref="Model.AnonymousVariableExpression"/>).</summary>
    public const string AsAnonymousVariable = nameof(AsAnonymousVariable);

    /// <summary><c>Coroutine.BaseIndexerTarget&lt;T&gt;</c> and the property a deconstruction assigns: a base indexer as a deconstruction target.</summary>
    public const string BaseIndexerTarget = "global::Coroutines.Coroutine.BaseIndexerTarget";

    public const string BaseIndexerTargetValue = "Value";

    public const string Dispose = nameof(Dispose);

    /// <summary>The static field of a saveable state machine that holds its snapshot manifest, and the module initializer that registers it.</summary>
    public const string SnapshotManifest = nameof(SnapshotManifest);

    public const string RegisterSnapshotManifest = nameof(RegisterSnapshotManifest);

    /// <summary>The module initializer, in the containing type (which a nested private class's would not be visible from), that registers a saveable state machine's manifest.</summary>
    public static string SnapshotRegistration(string stateMachineName) => RegisterSnapshotManifest + "Of" + stateMachineName;

    /// <summary>The suffix of a generated factory: <c>M</c>'s factory is <c>MCoroutine</c>.</summary>
    public const string FactorySuffix = "Coroutine";

    private const string StateMachineSuffix = "StateMachine";

    private const string GeneratedFileSuffix = ".g.cs";

    /// <summary>Members of the generated class that generated statements name, besides those inherited from <c>Coroutine</c>.</summary>
    private static readonly HashSet<string> s_members = new()
    {
        State, Instance, ReturnValue, SuspendAt, Complete, ThrowPending, RethrowPending, Rethrow, Hoist, AsAnonymous, AsAnonymousVariable, Dispose,
        SnapshotManifest, RegisterSnapshotManifest,
    };

    // The prefixes of the fields generated statements name: try1_..., switch2_..., foreach3_..., using4_..., call5_...
    private static readonly string[] s_fieldPrefixes = ["try", "switch", "foreach", "using", "call"];

    private static readonly Regex s_labels = new(@"^(resume\d+|(if|while|do|for|foreach|switch|try|label)\d+_\w+)$", RegexOptions.CultureInvariant);

    // ---- recognising -------------------------------------------------------------------------

    /// <summary>A member or field of the state machine that generated statements name.</summary>
    public static bool IsMember(string name) => s_members.Contains(name) || IsFieldName(name);

    // `^(try|switch|foreach|using|call)\d+_` (\d is char.IsDigit), without a regular expression: asked of every declared name.
    private static bool IsFieldName(string name)
    {
        foreach (var prefix in s_fieldPrefixes)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            var end = prefix.Length;
            while (end < name.Length && char.IsDigit(name[end]))
            {
                end++;
            }
            if (end > prefix.Length && end < name.Length && name[end] == '_')
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A label of the shape the lowering generates.</summary>
    public static bool IsLabel(string name) => s_labels.IsMatch(name);

    /// <summary>Whether <paramref name="name"/> could be a generated factory's name, and the method it would be for.</summary>
    public static bool TryParseFactory(string name, out string method)
    {
        if (name.Length > FactorySuffix.Length && name.EndsWith(FactorySuffix, StringComparison.Ordinal))
        {
            method = name.Substring(0, name.Length - FactorySuffix.Length);
            return true;
        }
        method = "";
        return false;
    }

    /// <summary>A file the generator itself added (seen again in a later compilation).</summary>
    public static bool IsGeneratedFile(string path) => path.EndsWith(GeneratedFileSuffix, StringComparison.Ordinal);

    // ---- making: declarations ----------------------------------------------------------------

    /// <summary>The factory that creates the coroutine of <paramref name="method"/>.</summary>
    public static string Factory(string method) => method + FactorySuffix;

    /// <summary>
    /// The name the method is written with, which its factory takes: <c>Run</c> for the explicit
    /// interface implementation <c>IJob.Run</c> (whose symbol is named <c>Demo.IJob.Run</c>).
    /// </summary>
    public static string WrittenName(IMethodSymbol method) =>
        method.ExplicitInterfaceImplementations.FirstOrDefault()?.Name ?? method.Name;

    /// <summary>
    /// <c>MStateMachine</c>; overloaded coroutines add their parameter types so each name is stable;
    /// an explicit interface implementation adds the interface (<c>IJob_RunStateMachine</c>), apart from a method <c>Run</c> of the class.
    /// </summary>
    public static string StateMachine(IMethodSymbol method, bool overloaded, Func<ITypeSymbol, string> identifierPart)
    {
        var name = method.ExplicitInterfaceImplementations.FirstOrDefault() is { } implemented
            ? implemented.ContainingType.Name + "_" + implemented.Name
            : method.Name;
        if (!overloaded)
        {
            return name + StateMachineSuffix;
        }
        var suffix = method.Parameters.Length == 0
            ? "NoParameters"
            : string.Join("_", method.Parameters.Select(p => identifierPart(p.Type)));
        return $"{name}_{suffix}{StateMachineSuffix}";
    }

    /// <summary>The hint name of a state machine, nested in <paramref name="enclosingStateMachines"/> (outermost first) when not null (a capturing local function's, in the one of the coroutine around it, and so on).</summary>
    public static string HintName(INamedTypeSymbol containingType, IEnumerable<string>? enclosingStateMachines, string stateMachine, int arity) =>
        HintName(containingType, enclosingStateMachines is null ? stateMachine : string.Join(".", enclosingStateMachines.Append(stateMachine)), arity);

    /// <summary>The file of a class's explicit implementations of interface factories by inherited ones (<see cref="HintName(INamedTypeSymbol, string, int)"/>).</summary>
    public const string InheritedFactories = "InheritedFactories";

    /// <summary>The hint name of the generated file: the containing type, the class and its arity, as a file name.</summary>
    public static string HintName(INamedTypeSymbol containingType, string stateMachine, int arity)
    {
        var type = containingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted));
        var name = $"{type}.{stateMachine}{(arity == 0 ? "" : "`" + arity)}";
        var chars = name.Select(static c => char.IsLetterOrDigit(c) || c is '.' or '_' or '`' ? c : '_').ToArray();
        return new string(chars) + GeneratedFileSuffix;
    }

    /// <summary>The members the state machine declares or inherits from <c>Coroutine</c>: fields and type parameters must not take these names.</summary>
    public static HashSet<string> StateMachineMembers(Compilation compilation)
    {
        var names = new HashSet<string> { State, ReturnValue, SuspendAt, SnapshotManifest, RegisterSnapshotManifest };
        foreach (var type in new[] { compilation.GetTypeByMetadataName("Coroutines.Coroutine`1"), compilation.GetTypeByMetadataName("Coroutines.Coroutine") })
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                foreach (var member in t.GetMembers())
                {
                    if (member.DeclaredAccessibility != Accessibility.Private && !member.IsImplicitlyDeclared)
                    {
                        names.Add(member.Name);
                    }
                }
            }
        }
        return names;
    }

    /// <summary><paramref name="name"/>, or <c>name_2</c>, <c>name_3</c>, ... : the first that <paramref name="taken"/> does not hold yet (then taken).</summary>
    public static string Unique(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = $"{name}_{i}";
        }
        return candidate;
    }

    /// <summary>
    /// The member of the user's class through which state machine <paramref name="stateMachine"/>
    /// reaches <c>base.<paramref name="member"/></c> (one class may hold several coroutines, each with its own).
    /// </summary>
    public static string BaseAccessor(string stateMachine, string member) => $"{stateMachine}_base_{member}";

    /// <summary>
    /// The owner's name in the members a local function's state machine <paramref name="stateMachine"/>, nested in
    /// <paramref name="enclosing"/>, adds to the user's class (<c>RunStateMachine_AddStateMachine_base_M</c>):
    /// local functions of two methods may share a name, their methods' state machines do not.
    /// </summary>
    public static string NestedStateMachine(string enclosing, string stateMachine) => $"{enclosing}_{stateMachine}";

    /// <summary>The state machine's accessor (<c>[UnsafeAccessor]</c>) of the init-only <paramref name="member"/> of a <c>with</c> expression's copy.</summary>
    public static string InitAccessor(string member) => $"init_{member}";

    /// <summary>The state machine's accessor (<c>[UnsafeAccessor]</c>) of <c>operator false</c> (<paramref name="truth"/>: or <c>true</c>) of <paramref name="type"/>.</summary>
    public static string TruthOperatorAccessor(bool truth, string type) => $"{(truth ? "true" : "false")}_{type}";

    /// <summary>The never-called method whose return type is a type that holds anonymous types inside <paramref name="generic"/> (see Model.ShapeMethodModel): <c>Shape_Dictionary</c>.</summary>
    public static string ShapeMethod(string generic) => $"Shape_{generic}";

    /// <summary>The delegate type declared for local <paramref name="local"/>, whose own type C# made for a lambda and has no name (see Model.DelegateTypeModel): <c>Delegate_f</c>.</summary>
    public static string NamedDelegate(string local) => $"Delegate_{local.TrimStart('@')}";

    /// <summary>The <paramref name="index"/>th type parameter of a shape method, which stands for an anonymous type: <c>TAnonymous1</c>.</summary>
    public static string ShapeTypeParameter(int index) => $"TAnonymous{index}";

    /// <summary>The parameter of a shape method from which C# infers its <paramref name="index"/>th type parameter: <c>anonymous1</c>.</summary>
    public static string ShapeParameter(int index) => $"anonymous{index}";

    /// <summary>
    /// The class that stands for the <paramref name="index"/>th generated class while C#'s inference is re-done before the generator
    /// runs (see Binding/GeneratedFactoryTypes.StandIns): declared only in a compilation the generator reads, never written.
    /// </summary>
    public static string ClassStandIn(int index) => $"GeneratedClassStandIn{index}";

    /// <summary>The file-local class that declares the runtime accessor <paramref name="accessor"/> where a generic type or method is involved (see RuntimeAccessorModel.Holder).</summary>
    public static string RuntimeAccessorHolder(string accessor) => $"Accessor_{accessor}";

    /// <summary>
    /// The private class nested in the user's type that declares the runtime accessor <paramref name="accessor"/> of the state machine
    /// <paramref name="stateMachinePath"/>, nested in that type's <paramref name="between"/> (outermost first), where a file-local one
    /// cannot name a type (see RuntimeAccessorModel.HolderDepth): <c>Inner_DeepStateMachine_Accessor_init_Mark</c>.
    /// </summary>
    public static string NestedRuntimeAccessorHolder(IEnumerable<string> between, string stateMachinePath, string accessor) =>
        $"{string.Concat(between.Select(static t => t + "_"))}{stateMachinePath}_Accessor_{accessor}";

    /// <summary>The parameter of the lambda that updates a base indexer's value (<c>base[i] += x</c> becomes <c>value =&gt; value += x</c>).</summary>
    public const string UpdatedValue = "value";

    /// <summary>The local of a base accessor that holds the value its base indexer had (<c>base[i]++</c> returns it; <c>base[i] ??= x</c> tests it).</summary>
    public const string BaseIndexerValue = "current";

    /// <summary>The names of the <paramref name="id"/>th closure environment.</summary>
    public static ClosureNames Closure(int id) => new(id);

    // ---- making: fields of the lowering ---------------------------------------------------------

    /// <summary>The field that holds the coroutine called in <paramref name="state"/>.</summary>
    public static string CallField(int state) => $"call{state}";

    /// <summary>
    /// The stem of the fields that hold a suspension point's operands in <paramref name="state"/>:
    /// <c>sleep3</c>, or <c>sleep_3</c> when that would read as a generated field of another kind.
    /// </summary>
    public static string SpillStem(string method, int state)
    {
        var prefix = char.ToLowerInvariant(method[0]) + method.Substring(1);
        return IsMember($"{prefix}{state}_") ? $"{prefix}_{state}" : $"{prefix}{state}";
    }

    /// <summary>The field for one spilled operand.</summary>
    public static string SpillField(string stem, string operand) => $"{stem}_{operand}";

    /// <summary>
    /// The temporary that holds the value of a suspension inside an expression, named after the
    /// called method and its state: <c>fetch2</c> for <c>Log(Fetch(id))</c> suspending in state 2.
    /// </summary>
    public static string SuspensionValue(string method, int state) => SpillStem(method, state);

    /// <summary>
    /// The temporary that keeps an operand C# evaluates before the suspension of <paramref name="state"/>,
    /// named after what it holds: <c>count_before2</c> for <c>count</c> in <c>count + Fetch(id)</c>.
    /// </summary>
    public static string SpilledOperand(string what, int state) => $"{what}_before{state}";

    /// <summary>
    /// The temporary that keeps a part of a statement C# evaluates after the suspension of <paramref name="state"/>, stored in a block that keeps the
    /// environments of a lambda in it: <c>test_after2</c> for <c>if (Fetch(id) &gt; 0 &amp;&amp; (span[0] = x =&gt; ...) is null)</c>.
    /// </summary>
    public static string KeptAfterResume(string what, int state) => $"{what}_after{state}";

    /// <summary>
    /// The range variable of a query that reads its part before <c>join <paramref name="join"/></c>, run into a temporary,
    /// whose elements keep the range variables of that part as members: <c>before_c</c> (<c>before_c.a</c>) for <c>join c in F()</c>.
    /// </summary>
    public static string KeptQueryElement(string join) => $"before_{join}";

    /// <summary>The value of a nullable struct a <c>?.</c> chain calls on, a copy as C# makes it: <c>door_value2</c> for <c>door?.Wait(1)</c>.</summary>
    public static string NullableValue(string what, int state) => $"{what}_value{state}";

    /// <summary>The temporary that keeps a compound assignment's target value before the suspension of <paramref name="state"/>: <c>total_old2</c> for <c>total += Fetch(id)</c>.</summary>
    public static string OldValue(string what, int state) => $"{what}_old{state}";

    /// <summary>The temporary that holds the value a compound assignment used as a value gives (the one it stores): <c>total_new2</c> for <c>Log(total += Fetch(id))</c>.</summary>
    public static string NewValue(string what, int state) => $"{what}_new{state}";

    /// <summary>The temporary that holds the chosen arm's value of a switch expression whose arms suspend (the first in state <paramref name="state"/>): <c>kind_switch2</c> for <c>kind switch { ... }</c>.</summary>
    public static string SwitchValue(string what, int state) => $"{what}_switch{state}";

    /// <summary>The flag that says whether an arm of a switch expression whose guards suspend was chosen: <c>kind_chosen2</c>.</summary>
    public static string SwitchChosen(string what, int state) => $"{what}_chosen{state}";

    /// <summary>The temporary that carries a pattern variable into its field.</summary>
    public static string PatternTemporary(string field, int count) => $"{field.TrimStart('@')}__{count}";

    /// <summary>
    /// The local that keeps the value of a ref struct type a ref local refers into, when that value is made in a block of its own
    /// (it holds a lambda that keeps the current environments): <c>r_source2</c> for <c>ref readonly var r = ref Spanned(...)[0];</c>.
    /// </summary>
    public static string RefLocalSource(string local, int count) => $"{local.TrimStart('@')}_source{count}";

    /// <summary>
    /// The local that keeps a collection expression of a span type in the value of such a local, declared before the block that assigns it
    /// (C# makes the collection for the block it is written in): <c>span_collection2</c> for <c>var span = Filled([1, 2], rows, x =&gt; ...);</c>.
    /// </summary>
    public static string KeptCollection(string local, int count) => $"{local.TrimStart('@')}_collection{count}";

    /// <summary>
    /// The local that keeps an argument evaluated before such a collection (or before the value a ref local refers into) that evaluates something,
    /// declared before the block too, so that C#'s order holds: <c>span_argument1</c> for <c>var span = Filled(Rows(), [1], x =&gt; ...);</c>.
    /// </summary>
    public static string KeptArgument(string local, int count) => $"{local.TrimStart('@')}_argument{count}";

    /// <summary>The resource field of the <paramref name="id"/>th flattened using statement.</summary>
    public static string UsingResource(int id) => $"using{id}_resource";

    // ---- making: labels and per-construct names -------------------------------------------------

    /// <summary>The label a dispatch jumps to when resuming in <paramref name="state"/>.</summary>
    public static string Resume(int state) => $"resume{state}";

    /// <summary>The label of Step() that the user's label <paramref name="name"/>, the <paramref name="id"/>th at a flattened level, becomes: sibling blocks may reuse a name that now shares one level.</summary>
    public static string UserLabel(string name, int id) => $"label{id}_{name}";

    /// <summary>The labels of the <paramref name="id"/>th flattened if.</summary>
    public static IfNames If(int id) => new(id);

    /// <summary>The labels of the <paramref name="id"/>th flattened loop of a kind (<c>while</c>, <c>do</c>, <c>for</c>, <c>foreach</c>).</summary>
    public static LoopNames Loop(string keyword, int id) => new(keyword, id);

    /// <summary>The names of the <paramref name="id"/>th flattened foreach.</summary>
    public static string ForEachEnumerator(int id) => $"foreach{id}_enumerator";

    /// <summary>The names of the <paramref name="id"/>th flattened switch.</summary>
    public static SwitchNames Switch(int id) => new(id);

    /// <summary>The names of the <paramref name="id"/>th flattened try.</summary>
    public static TryNames Try(int id) => new(id);
}

/// <summary>The labels of a flattened if.</summary>
internal readonly record struct IfNames(int Id)
{
    public string Else => $"if{Id}_else";

    public string End => $"if{Id}_end";
}

/// <summary>The labels of a flattened loop: where <c>continue</c> goes, where <c>break</c> goes, and the top of a loop that tests at its end.</summary>
internal readonly record struct LoopNames(string Keyword, int Id)
{
    // Concatenated, not formatted: made for every loop.
    public string Continue => Keyword + Id.ToString(CultureInfo.InvariantCulture) + "_continue";

    public string Break => Keyword + Id.ToString(CultureInfo.InvariantCulture) + "_break";

    public string Top => Keyword + Id.ToString(CultureInfo.InvariantCulture) + "_top";
}

/// <summary>The field and labels of a flattened switch.</summary>
internal readonly record struct SwitchNames(int Id)
{
    public string Value => $"switch{Id}_value";

    public string Break => $"switch{Id}_break";

    /// <summary>The label of section <paramref name="section"/> (counted from 1).</summary>
    public string Case(int section) => $"switch{Id}_case{section}";
}

/// <summary>The fields and labels of a flattened try.</summary>
internal readonly record struct TryNames(int Id)
{
    /// <summary>The label before the C# try, where a resume inside its body enters.</summary>
    public string Entry => $"try{Id}_entry";

    /// <summary>The label after the handlers of suspending catches.</summary>
    public string End => $"try{Id}_end";

    /// <summary>The label of a finally that suspends, run after the C# try.</summary>
    public string Finally => $"try{Id}_finally";

    /// <summary>Which jump left the try, replayed after its suspending finally.</summary>
    public string BranchField => $"try{Id}_branch";

    /// <summary>The pending exception: held while a suspending finally runs, or the one a suspending handler runs for.</summary>
    public string ExceptionField => $"try{Id}_exception";

    /// <summary>Which catch (counted from 1) caught an exception whose handler suspends.</summary>
    public string CaughtField => $"try{Id}_caught";

    /// <summary>The catch variable of catch clause <paramref name="index"/> whose handler suspends.</summary>
    public string CaughtVariable(int index) => $"try{Id}_caught{index}";

    /// <summary>The label of the handler of catch clause <paramref name="index"/>, run after the C# try.</summary>
    public string Handler(int index) => $"try{Id}_catch{index}";

    /// <summary>The variable of the catch-all that holds an exception for a suspending finally.</summary>
    public string Thrown => $"try{Id}_thrown";
}

/// <summary>A closure environment: its class, the state machine's field holding the current instance, and the lambda parameter that keeps one.</summary>
internal readonly record struct ClosureNames(int Id)
{
    public string Class => $"Closure{Id}";

    public string Field => $"closure{Id}";

    /// <summary>The parameter through which a lambda keeps the instance it was made with.</summary>
    public string Captured => $"captured{Id}";

    /// <summary>The environment's method that hands it to the lambda-making function.</summary>
    public const string Capture = nameof(Capture);

    /// <summary>The environment's method that runs a call with no value whose lambdas keep it.</summary>
    public const string Run = nameof(Run);

    /// <summary>The environment's method that hands a lambda back as its natural type, which C# infers from it and the generated code cannot name.</summary>
    public const string Natural = nameof(Natural);
}
