using System.Globalization;
using System.Linq;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;

namespace Coroutines.Generator.Emitting;

/// <summary>
/// The snapshot code of a <c>[Coroutine(Saveable = true)]</c> state machine (docs/snapshots.md):
/// its manifest (method id, suspension points, fields, structure hash), the module initializer
/// that registers it, and the methods that write and read its state number and fields, the way
/// System.Text.Json's source generator writes a type's serialization code instead of reflecting.
/// </summary>
internal static class SnapshotEmitter
{
    private const string Snapshots = "global::Coroutines.Snapshots.";

    public const string Interface = Snapshots + "ISaveableCoroutine";

    /// <summary>
    /// The module initializer, in the containing type: it can see a private state machine; a module can see it.
    /// <paramref name="enclosing"/>: the state machines a local function's is nested in, outermost first (the registration names it through them).
    /// </summary>
    public static void WriteRegistration(IndentedWriter w, MethodModel method, System.Collections.Generic.IReadOnlyList<string>? enclosing = null)
    {
        var path = (enclosing ?? System.Array.Empty<string>()).Concat(new[] { method.StateMachineName }).ToList();
        var owner = path.Aggregate(GeneratedNames.NestedStateMachine);
        var machine = string.Join(".", path);
        w.Line($"/// <summary>Registers the snapshot manifest of <c>{Emitter.Xml(method.DisplaySignature)}</c> when the assembly loads: restore instantiates only registered state machines.</summary>");
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Line($"internal{(method.RegistrationHidesInherited ? " new" : "")} static void {GeneratedNames.SnapshotRegistration(owner)}() => {Snapshots}SnapshotRegistry.Register({machine}.{GeneratedNames.SnapshotManifest});");
    }

    public static void WriteMembers(IndentedWriter w, LoweredCoroutine lowered)
    {
        var model = lowered.Model;
        var method = model.Method;
        var points = lowered.States.Select(static s => $"{s.Number}: {s.SourceText}").ToList();
        var fields = model.Fields.Select(static f => $"{Unescaped(f.Name)}: {f.Type}").ToList();
        var hash = Hash(points, fields);

        w.Line("// Snapshots (Saveable = true): what a saved scheduler records of this method, and how this");
        w.Line("// state machine writes and reads its state and fields (docs/snapshots.md).");
        w.Line($"internal static readonly {Snapshots}CoroutineManifest {GeneratedNames.SnapshotManifest} = new(");
        w.Indent();
        w.Line($"typeof({method.StateMachineName}),");
        w.Line($"{Literal(method.Key)},");
        w.Line($"0x{hash.ToString("X16", CultureInfo.InvariantCulture)}UL, // structure hash of the suspension points and fields below");
        w.Line($"new string[] {{ {string.Join(", ", points.Select(Literal))} }},");
        w.Line($"new string[] {{ {string.Join(", ", fields.Select(Literal))} }},");
        var arguments = Enumerable.Repeat("default!", (method.IsStatic ? 0 : 1) + method.Parameters.Count);
        w.Line($"static () => new {method.StateMachineName}({string.Join(", ", arguments)}));");
        w.Outdent();
        w.Line();

        w.Line($"void {Interface}.SaveFrame({Snapshots}SnapshotWriter writer)");
        w.OpenBrace();
        w.Line($"writer.WriteState({(lowered.States.Count > 0 ? GeneratedNames.State : "0")});");
        foreach (var field in model.Fields)
        {
            w.Line($"writer.Write({field.Name}, {Literal(Unescaped(field.Name))});");
        }
        w.CloseBrace();
        w.Line();

        w.Line($"void {Interface}.LoadFrame({Snapshots}SnapshotReader reader)");
        w.OpenBrace();
        w.Line(lowered.States.Count > 0 ? $"{GeneratedNames.State} = reader.ReadState();" : "reader.ReadState();");
        foreach (var field in model.Fields)
        {
            w.Line($"{field.Name} = reader.Read<{field.Type}>({Literal(Unescaped(field.Name))});");
        }
        w.CloseBrace();
        w.Line();
    }

    /// <summary>The structure hash: FNV-1a 64, as <c>CoroutineManifest.Hash</c> computes it at run time.</summary>
    private static ulong Hash(System.Collections.Generic.IEnumerable<string> points, System.Collections.Generic.IEnumerable<string> fields)
    {
        var hash = 14695981039346656037UL;
        void Add(string text)
        {
            foreach (var c in text)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }
            hash = (hash ^ '\n') * 1099511628211UL;
        }
        foreach (var point in points)
        {
            Add(point);
        }
        Add("--");
        foreach (var field in fields)
        {
            Add(field);
        }
        return hash;
    }

    private static string Unescaped(string name) => name.TrimStart('@');

    private static string Literal(string text) =>
        "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t") + "\"";
}
