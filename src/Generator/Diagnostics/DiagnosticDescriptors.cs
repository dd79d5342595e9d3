using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Diagnostics;

/// <summary>Every diagnostic the generator and its analyzer report. Each id has a README section (the help link).</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Coroutines";
    // ProjectUrl.Value is written at build time from CoroutinesProjectUrl (Directory.Build.props).
    private const string HelpBase = ProjectUrl.Value + "/blob/main/README.md#";

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(
        "COR0001",
        "Containing type must be partial",
        "Type '{0}' must be declared 'partial' so the state machine for '{1}' can be generated inside it");

    public static readonly DiagnosticDescriptor AsyncMethod = Error(
        "COR0002",
        "A coroutine cannot be async",
        "Coroutine '{0}' is 'async': remove 'async' and suspend with Yield.Sleep instead of await");

    public static readonly DiagnosticDescriptor IteratorMethod = Error(
        "COR0003",
        "A coroutine cannot be an iterator",
        "Coroutine '{0}' uses 'yield': a coroutine is already a state machine; suspend with Yield.Sleep instead");

    public static readonly DiagnosticDescriptor RefParameter = Error(
        "COR0004",
        "A coroutine cannot have ref, out or in parameters",
        "Parameter '{0}' of coroutine '{1}' is '{2}': a state machine outlives the call, so pass the value and return results instead");

    public static readonly DiagnosticDescriptor NoBody = Error(
        "COR0005",
        "A coroutine needs a body",
        "Coroutine '{0}' has no body ({1}): [Coroutine] goes on a method with a block or expression body");

    public static readonly DiagnosticDescriptor SuspensionInLambda = Error(
        "COR0006",
        "Suspension inside a lambda or local function",
        "'{0}' cannot suspend inside a {1}: {2}");

    public static readonly DiagnosticDescriptor SuspensionInExpression = Error(
        "COR0007",
        "Suspension inside an expression",
        "'{0}' suspends inside {1}, which the generator cannot split around a suspension yet. Assign its value to a local in a statement of its own before this one, and use that local");

    public static readonly DiagnosticDescriptor UnsupportedConstruct = Error(
        "COR0008",
        "Suspension inside an unsupported construct",
        "'{0}' cannot suspend inside {1} yet. {2}");

    public static readonly DiagnosticDescriptor LocalCannotBeHoisted = Error(
        "COR0009",
        "Local cannot live across a suspension",
        "Local '{0}' cannot be kept in a field across a suspension: {1}. {2}");

    public static readonly DiagnosticDescriptor NoSuspension = Warning(
        "COR0010",
        "Coroutine never suspends",
        "Coroutine '{0}' contains no suspension (such as Yield.Sleep): its state machine runs to the end in one step; remove [Coroutine] or add a suspension");

    public static readonly DiagnosticDescriptor BlockingSuspension = Warning(
        "COR0011",
        "Suspension outside a coroutine blocks the thread",
        "'{0}' is called outside a [Coroutine] method, so it cannot suspend: it blocks the calling thread (or throws where waiting could never end). {1}");

    public static readonly DiagnosticDescriptor StructInstanceMethod = Error(
        "COR0012",
        "A coroutine cannot be an instance method of a ref struct",
        "Coroutine '{0}' is an instance method of ref struct '{1}': its state machine would have to keep a copy of 'this', and a ref struct cannot live in a field (C# refuses an async method there too). Make it static and pass what it needs");

    public static readonly DiagnosticDescriptor CapturedLoopLocal = Error(
        "COR0013",
        "Closure captures a variable of each iteration in a way the state machine cannot keep",
        "'{0}' is a new variable each time its scope is entered (each iteration of a loop that suspends), and {1}. {2}");

    public static readonly DiagnosticDescriptor BaseAccess = Error(
        "COR0014",
        "This use of 'base' cannot be reached from a coroutine",
        "'{0}' cannot be used in coroutine '{1}': its state machine reaches 'base' through generated accessors, and none can stand for {2}. Call a method of your own that uses it instead");

    public static readonly DiagnosticDescriptor SuspensionInLock = Error(
        "COR0015",
        "Suspension inside lock",
        "'{0}' cannot suspend inside a lock statement: the lock would be held while other coroutines run (C# forbids await in lock for the same reason); release the lock before suspending");

    public static readonly DiagnosticDescriptor UnsupportedTarget = Error(
        "COR0016",
        "[Coroutine] is not supported here",
        "[Coroutine] is not supported on {0}: {1}");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "COR0017",
        "The generator failed on this method",
        "The Coroutines generator could not process '{0}' ({1}); please report this with the method's source");

    public static readonly DiagnosticDescriptor PrimaryConstructorParameter = Error(
        "COR0018",
        "Primary constructor parameter used in a coroutine",
        "Primary constructor parameter '{0}' cannot be read from the state machine of '{1}', which is a separate class; store it in a field or property and use that");

    public static readonly DiagnosticDescriptor FilterAfterSuspendingFinally = Warning(
        "COR0019",
        "An enclosing exception filter runs after this finally",
        "This finally suspends, so it runs after the exception is caught and rethrown: the 'when' filter of an enclosing catch then runs after it, not before it as in C#; do not rely on the order of the filter's and the finally's side effects");

    public static readonly DiagnosticDescriptor NameTaken = Error(
        "COR0020",
        "Name used by the generated code",
        "'{0}' is a name the generated code for '{1}' needs ({2}); rename it");

    public static readonly DiagnosticDescriptor SuspensionMethodNotFound = Error(
        "COR0021",
        "Suspension point names a method that does not exist",
        "Suspension point '{0}' names {1} '{2}' that does not exist on '{3}' (taking {4} argument(s)); fix its [SuspensionPoint] attribute");

    public static readonly DiagnosticDescriptor SuspensionWithoutValue = Error(
        "COR0022",
        "Suspension point has no value",
        "The value of suspension point '{0}' cannot be read after the suspension: its [SuspensionPoint] attribute names no Result method; call it as a statement, or set Result");

    public static readonly DiagnosticDescriptor CalleeNotGenerated = Error(
        "COR0023",
        "Called coroutine is not generated",
        "'{0}' cannot be {2} coroutine '{1}': its own factory is not generated because of the errors reported on it (or on a coroutine it calls); fix those first");

    public static readonly DiagnosticDescriptor AwaitInCoroutine = Error(
        "COR0025",
        "A coroutine cannot use await",
        "Coroutine '{0}' cannot use 'await': it is not an async method, and it suspends through its Scheduler instead. Wait for a task with Yield.Await(task)");

    public static readonly DiagnosticDescriptor SuspensionWhereAwaitIsForbidden = Error(
        "COR0026",
        "Suspension where C# forbids await",
        "'{0}' cannot suspend {1}: C# refuses 'await' there too ({2}). {3}");

    public static readonly DiagnosticDescriptor NotSaveableLocal = Error(
        "COR0030",
        "A saveable coroutine keeps a value that cannot be saved",
        "'{0}' of saveable coroutine '{1}' lives across the suspension `{2}` (line {3}), but {4} cannot be saved. Hold it in a Rebuilt<T> (rebuilt by name on restore), register it as a permanent, or do not keep it across the suspension");

    public static readonly DiagnosticDescriptor NotSaveableCoroutine = Error(
        "COR0031",
        "This coroutine cannot be saveable",
        "Coroutine '{0}' cannot be saveable: {1}. Remove 'Saveable = true', or {2}");

    public static readonly DiagnosticDescriptor OverrideNotCoroutine = Error(
        "COR0032",
        "An override of a coroutine must be a coroutine",
        "'{0}' {1} coroutine '{2}' but is not marked [Coroutine], so a coroutine that calls '{3}' would not run this method: it calls the generated factory, which only a [Coroutine] method provides. Mark '{0}' with [Coroutine]");

    public static readonly DiagnosticDescriptor FileLocalType = Error(
        "COR0033",
        "A coroutine cannot use a file-local type",
        "Coroutine '{0}' cannot use file-local type '{1}' ({2}): its state machine is generated in another file, which cannot see a 'file' type. Declare '{1}' 'internal' instead of 'file'");

    public static readonly DiagnosticDescriptor NotSaveableTemporary = Error(
        "COR0034",
        "A saveable coroutine keeps the value of an expression that cannot be saved",
        "The value of '{0}' in saveable coroutine '{1}' is kept in a field across the suspension `{2}` (line {3}), because C# evaluates it before that suspension, but {4} cannot be saved. Call `{2}` in a statement of its own before this one, store its value in a local and use that local here, so that '{0}' is evaluated after the suspension");

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId =
        typeof(DiagnosticDescriptors).GetFields()
            .Where(static f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(static f => (DiagnosticDescriptor)f.GetValue(null))
            .ToDictionary(static d => d.Id);

    public static DiagnosticDescriptor ById(string id) => s_byId[id];

    public static IEnumerable<DiagnosticDescriptor> All => s_byId.Values.OrderBy(static d => d.Id);

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        Create(id, title, message, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        Create(id, title, message, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
