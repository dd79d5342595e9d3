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
        var saved = Saved(model).ToList();
        var fields = saved.Select(static f => $"{f.Name}: {f.Type}").ToList();
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
        foreach (var field in saved)
        {
            w.Line($"writer.Write({field.Value}, {Literal(field.Name)});");
        }
        w.CloseBrace();
        w.Line();

        w.Line($"void {Interface}.LoadFrame({Snapshots}SnapshotReader reader)");
        w.OpenBrace();
        w.Line(lowered.States.Count > 0 ? $"{GeneratedNames.State} = reader.ReadState();" : "reader.ReadState();");
        foreach (var field in saved)
        {
            if (field.Environment is { } environment)
            {
                w.Line($"{environment.Field} = new {environment.Class}();");
            }
            w.Line($"{field.Target} = reader.Read<{field.Type}>({Literal(field.Name)});");
        }
        w.CloseBrace();
        w.Line();
    }

    /// <summary>
    /// What the frame holds, in order: each field (one read only at one suspension point: its value
    /// while suspended there, else its default), except that a closure environment (a class of the
    /// state machine, which no snapshot knows) is its captured variables, each saved as a field of its
    /// own (<c>closure1.copy</c>) and read into a new environment.
    /// </summary>
    private static System.Collections.Generic.IEnumerable<SavedField> Saved(CoroutineModel model)
    {
        foreach (var field in model.Fields)
        {
            if (model.Closures.FirstOrDefault(c => c.Field == field.Name) is not { } closure)
            {
                var value = field.LiveOnlyIn switch
                {
                    0 => field.Name,
                    FieldModel.NeverLive => $"default({field.Type})!",
                    _ => $"{GeneratedNames.State} == {field.LiveOnlyIn.ToString(CultureInfo.InvariantCulture)} ? {field.Name} : default!",
                };
                yield return new SavedField(Unescaped(field.Name), field.Type, value, field.Name, null);
                continue;
            }
            for (var i = 0; i < closure.Fields.Count; i++)
            {
                var variable = closure.Fields[i];
                yield return new SavedField(
                    $"{Unescaped(closure.Field)}.{Unescaped(variable.Name)}",
                    variable.Type,
                    $"{closure.Field} is null ? default! : {closure.Field}.{variable.Name}",
                    $"{closure.Field}.{variable.Name}",
                    i == 0 ? closure : null);
            }
        }
    }

    /// <summary>A value of the frame: its name and type in the manifest, how SaveFrame reads it and LoadFrame stores it, and the environment LoadFrame makes first.</summary>
    private sealed record SavedField(string Name, string Type, string Value, string Target, ClosureModel? Environment);

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
