using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// One generated program: a few <c>[Coroutine] public static int {Name}_{k}(int n)</c> methods
/// (each may call the ones after it), the coroutines to spawn, in order, and the same methods
/// turned into C# <c>async</c> ones for the second oracle.
/// </summary>
/// <param name="Index">Its number in the run (the reproduction command starts at it).</param>
/// <param name="Seed">The seed of the <see cref="Random"/> that generated it (from the run's seed and the index).</param>
/// <param name="Name">The program's name; its methods are <c>{Name}_0</c>, <c>{Name}_1</c>, ...</param>
/// <param name="Methods">The names of its methods, in order.</param>
/// <param name="Roots">The coroutines spawned, in order: a method and its argument.</param>
/// <param name="Source">The coroutine methods' source, indented for a class body.</param>
/// <param name="AsyncSource">The same methods as C# <c>async</c> methods (<see cref="RandomProgramGenerator.ToAsync"/>).</param>
/// <param name="Features">What it was generated with.</param>
/// <param name="Declarations">Types its instance coroutines belong to (fields, constructors, plain methods), written once beside both <paramref name="Source"/> and <paramref name="AsyncSource"/>.</param>
public sealed record RandomProgram(
    int Index,
    int Seed,
    string Name,
    IReadOnlyList<string> Methods,
    IReadOnlyList<RandomRoot> Roots,
    string Source,
    string AsyncSource,
    RandomProgramFeatures Features,
    string Declarations = "")
{
    /// <summary>The roots as code: <c>P000001_0(2), P000001_1(0)</c>.</summary>
    public string DescribeRoots() => string.Join(", ", Roots.Select(r => $"{r.Method}({r.Argument})"));
}

/// <summary>A coroutine a program spawns: <paramref name="Method"/> called with <paramref name="Argument"/>.</summary>
public readonly record struct RandomRoot(string Method, int Argument);

/// <summary>
/// Generates random coroutine programs for differential testing: loops (<c>for</c>, <c>while</c>,
/// <c>do</c>, with bounded iteration counts), <c>if</c>, <c>switch</c> (constants, a relational
/// pattern, a pattern variable with <c>when</c>, forward <c>goto case</c> / <c>goto default</c>),
/// try/catch/finally (several exception types, filters on the exception, <c>throw;</c>),
/// <c>using</c> statements and declarations of a resource that logs, <c>foreach</c> over arrays,
/// lists and a logging iterator (and deconstructing tuples), break / continue / return, throws (and a division that may
/// throw), <c>Yield.Sleep(n)</c> with small n, calls of the program's other coroutines, and
/// several coroutines spawned together. Almost every statement logs through <c>Trace.Log</c>.
/// <see cref="RandomProgramFeatures"/> switches the constructs on and off.
/// </summary>
/// <remarks>
/// The programs are valid by construction and kept simple rather than clever: every local has a
/// unique name and an initializer and is logged once declared; loop counters are never assigned
/// in the body; jumps and throws are always under a condition on a variable (nothing is ever
/// unreachable); nothing jumps out of a finally; <c>throw;</c> only where C# allows it; catch
/// clauses never follow one that already catches their type; switch sections always end with a
/// jump and <c>goto case</c> only jumps forward, so every program terminates. Filters read only
/// the exception and have no side effects: when a finally that sleeps lies between the throw and
/// an outer filter, C# runs the filter first and the state machine after the finally (see
/// <c>ExceptionHandlingTests.An_outer_filter_runs_before_an_inner_finally_that_sleeps</c>).
/// A method calls only the methods after it (no recursion), and calls inside loops go only to
/// methods that call nothing, so the work stays small. Every method sleeps at least once. A
/// program depends only on the run's seed, its index and the features.
/// </remarks>
public static partial class RandomProgramGenerator
{
    /// <summary>The type that holds every generated method (<see cref="Programs.StaticType"/>).</summary>
    public const string TypeName = Programs.StaticType;

    /// <summary>The most methods one program has.</summary>
    public const int MaxMethods = 3;

    /// <summary>The most coroutines one program spawns.</summary>
    public const int MaxRoots = 3;

    /// <summary>The seed of program <paramref name="index"/> of a run with <paramref name="runSeed"/>.</summary>
    public static int ProgramSeed(int runSeed, int index) => unchecked((runSeed * 1_000_003) + index);

    /// <summary>The name of program <paramref name="index"/>.</summary>
    public static string ProgramName(int index) => "P" + index.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The name of the C# async twin of the coroutine <paramref name="method"/>.</summary>
    public static string AsyncName(string method) => method + "Async";

    /// <summary>Generates program <paramref name="index"/> of a run with <paramref name="runSeed"/>.</summary>
    public static RandomProgram Generate(int runSeed, int index, RandomProgramFeatures features = RandomProgramFeatures.Supported)
    {
        var seed = ProgramSeed(runSeed, index);
        var name = ProgramName(index);
        var random = new Random(seed);
        var count = features.HasFlag(RandomProgramFeatures.Calls) ? random.Next(1, MaxMethods + 1) : 1;
        var methods = Enumerable.Range(0, count).Select(k => $"{name}_{k}").ToList();

        // The first method is static (it is spawned); a later one may be an instance coroutine of a
        // struct or of a derived class (StructCoroutines, BaseMethods).
        var hosts = new Host?[count];
        for (var k = 1; k < count; k++)
        {
            hosts[k] = random.Next(4) switch
            {
                0 when features.HasFlag(RandomProgramFeatures.StructCoroutines) => new Host($"{methods[k]}S", IsStruct: true, Holder: features.HasFlag(RandomProgramFeatures.NullableStructChainParts)),
                1 when features.HasFlag(RandomProgramFeatures.BaseMethods) => new Host($"{methods[k]}D", IsStruct: false, features.HasFlag(RandomProgramFeatures.BaseIndexers),
                    features.HasFlag(RandomProgramFeatures.ExplicitInterfaceImplementations), Dispatch: features.HasFlag(RandomProgramFeatures.ThisAndBaseDispatch)),
                _ => null,
            };
        }

        // Written last first: a method knows whether each one it may call makes calls itself.
        var sources = new string[count];
        var makesCalls = new bool[count];
        var localFunctions = new List<string>();
        for (var k = count - 1; k >= 0; k--)
        {
            var callees = Enumerable.Range(k + 1, count - k - 1).Select(j => new Callee(methods[j], !makesCalls[j], hosts[j]?.Name)).ToList();
            var writer = new Writer(random, methods[k], callees, features, isRoot: k == 0, hosts[k]);
            sources[k] = (hosts[k] is { } host ? host.Wrap(writer.Method(), methods[k]) : writer.Method()) + string.Concat(writer.Members);
            makesCalls[k] = writer.MadeCalls;
            localFunctions.AddRange(writer.LocalFunctions);
            localFunctions.AddRange(writer.MemberNames);
        }

        var statics = Enumerable.Range(0, count).Where(k => hosts[k] is null).Select(k => methods[k]).ToList();
        var roots = new List<RandomRoot> { new(methods[0], random.Next(0, 4)) };
        if (features.HasFlag(RandomProgramFeatures.SeveralCoroutines))
        {
            for (var r = random.Next(0, MaxRoots); r > 0; r--)
            {
                roots.Add(new RandomRoot(random.Next(3) == 0 ? statics[random.Next(statics.Count)] : methods[0], random.Next(0, 4)));
            }
        }
        var source = string.Join("\n", sources);
        var declarations = string.Concat(hosts.OfType<Host>().Select(h => h.Declarations()));
        return new RandomProgram(index, seed, name, methods, roots, source, ToAsync(source, [.. methods, Host.BaseCoroutine, Host.InterfaceCoroutine, .. DispatchCoroutines, .. BellSuspensionPoints, .. localFunctions]), features, declarations);
    }

    /// <summary>
    /// The C# <c>async</c> twin of coroutine methods, mechanically: <c>[Coroutine]</c> goes,
    /// <c>int M(int n)</c> (static, virtual, sealed override or an instance method) becomes
    /// <c>async Task&lt;int&gt; MAsync(int n)</c>, <c>Yield.Sleep(x)</c> becomes
    /// <c>await VirtualTime.Sleep(x)</c> and a call <c>M(x)</c> of one of <paramref name="methods"/>
    /// becomes <c>await MAsync(x)</c>, with its receiver (<c>new T(v).M(x)</c>, <c>base.M(x)</c>, <c>local.M(x)</c>) if it has one;
    /// an interface's <c>int M(int n);</c> becomes <c>Task&lt;int&gt; MAsync(int n);</c> and its explicit implementation
    /// <c>int I.M(int n)</c> becomes <c>async Task&lt;int&gt; I.MAsync(int n)</c>; a local function <c>static int M(int x)</c> becomes <c>static async Task&lt;int&gt; MAsync(int x)</c>, and a call
    /// on a nullable struct <c>v?.M(x)</c> (simple arguments) becomes <c>(v is null ? null : (int?)await v.Value.MAsync(x))</c>.
    /// </summary>
    public static string ToAsync(string source, IReadOnlyList<string> methods)
    {
        var lines = source.ReplaceLineEndings("\n").Split('\n').Where(l => l.Trim() != "[Coroutine]");
        var text = string.Join("\n", lines);
        foreach (var method in methods)
        {
            text = Regex.Replace(text, $@"public ((?:static |virtual |sealed override |override )?)int {method}(<\w+>)?\(", $"public $1async global::System.Threading.Tasks.Task<int> {AsyncName(method)}$2(");
            text = Regex.Replace(text, $@"^(\s*)int {method}\((.*)\);$", $"$1global::System.Threading.Tasks.Task<int> {AsyncName(method)}($2);", RegexOptions.Multiline);
            text = Regex.Replace(text, $@"\bint (I\w+)\.{method}\(", $"async global::System.Threading.Tasks.Task<int> $1.{AsyncName(method)}(");
            text = Regex.Replace(text, $@"^(\s*)((?:static )?)int {method}\(", $"$1$2async global::System.Threading.Tasks.Task<int> {AsyncName(method)}(", RegexOptions.Multiline);
            text = Regex.Replace(text, $@"\b(\w+)\?\.(\w+)\?\.{method}\(([^()]*)\)", $"($1?.$2 is null ? null : (int?)await $1.$2.Value.{AsyncName(method)}($3))");
            text = Regex.Replace(text, $@"\b(\w+)\?\.(\w+)\.{method}\(([^()]*)\)", $"($1 is null ? null : (int?)await $1.$2.{AsyncName(method)}($3))");
            text = Regex.Replace(text, $@"\b(\w+)\?\.{method}\(([^()]*)\)", $"($1 is null ? null : (int?)await $1.Value.{AsyncName(method)}($2))");
            text = Regex.Replace(text, $@"((?:new \w+\(\w*\)\.|base\.|\b\w+\.)?)\b{method}(<\w+>)?\(", $"await $1{AsyncName(method)}$2(");
        }
        return text.Replace("Yield.Sleep(", "await VirtualTime.Sleep(", StringComparison.Ordinal);
    }

    /// <summary>
    /// One source file with the test types, a logging iterator and every program's methods, then
    /// their async twins, as methods of <c>Demo.Program</c>; <paramref name="lineRanges"/> gets the
    /// first and last line (1-based) of each program's methods.
    /// </summary>
    public static string Compose(IReadOnlyList<RandomProgram> programs, out Dictionary<string, (int First, int Last)> lineRanges) =>
        Compose(programs, withCoroutines: true, out lineRanges);

    /// <summary>As <see cref="Compose(IReadOnlyList{RandomProgram}, out Dictionary{string, ValueTuple{int, int}})"/>; without the coroutine methods when <paramref name="withCoroutines"/> is false (only the async twins).</summary>
    public static string Compose(IReadOnlyList<RandomProgram> programs, bool withCoroutines, out Dictionary<string, (int First, int Last)> lineRanges)
    {
        var members = new StringBuilder();
        members.Append(Programs.TestTypes);
        members.Append("""
            private static IEnumerable<int> Iter(string name, int count)
            {
                Trace.Log($"{name} starts");
                try
                {
                    for (int i = 0; i < count; i++)
                    {
                        Trace.Log($"{name} yields {i}");
                        yield return i;
                    }
                }
                finally
                {
                    Trace.Log($"{name} finally");
                }
            }

            """);
        members.Append(RandomProgramHelpers.Source);
        foreach (var program in programs)
        {
            members.Append('\n').Append(ProgramMarker(program.Name)).Append('\n');
            members.Append(program.Declarations.ReplaceLineEndings("\n"));
            if (withCoroutines)
            {
                members.Append(program.Source.ReplaceLineEndings("\n").TrimEnd('\n')).Append("\n\n");
            }
            members.Append(program.AsyncSource.ReplaceLineEndings("\n").TrimEnd('\n')).Append('\n');
        }
        members.Append('\n').Append(ProgramMarker("end")).Append('\n');
        // Programs.Static indents each line by four spaces and adds a fixed header.
        // System.Linq: the query expressions of RandomProgramFeatures.QuerySuspensions.
        var text = ("using System.Linq;\n" + Programs.Static(members.ToString())).ReplaceLineEndings("\n");
        lineRanges = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        var markers = lines.Select((l, i) => (Line: l.Trim(), Number: i + 1)).Where(l => l.Line.StartsWith("// program ", StringComparison.Ordinal)).ToList();
        for (var m = 0; m + 1 < markers.Count; m++)
        {
            lineRanges[markers[m].Line["// program ".Length..]] = (markers[m].Number, markers[m + 1].Number - 1);
        }
        return text;
    }

    private static string ProgramMarker(string name) => "// program " + name;

    /// <summary>
    /// A method a method may call; <paramref name="IsLeaf"/>: it calls nothing itself, so a loop may
    /// call it; <paramref name="Host"/>: the struct or class it is an instance coroutine of (called on a new one), or null if static.
    /// </summary>
    private sealed record Callee(string Name, bool IsLeaf, string? Host);

    /// <summary>Generates one method; see <see cref="RandomProgramGenerator"/> for the rules.</summary>
    private sealed partial class Writer(Random random, string name, List<Callee> callees, RandomProgramFeatures features, bool isRoot, Host? host)
    {
        private const int MaxDepth = 4;
        private const int MaxLoopNesting = 2;
        private const int MaxCalls = 4;

        private readonly StringBuilder _text = new();
        private readonly List<List<Variable>> _scopes = [];
        private int _indent;
        private int _nextId;
        private int _budget;
        private int _sleeps;
        private int _calls;

        /// <summary>An int variable in scope; <paramref name="IsField"/>: a field of <c>this</c>, not a local (never passed by <c>ref</c> or deconstructed into).</summary>
        private sealed record Variable(string Name, bool Assignable, bool IsField = false);

        /// <summary>Where a statement is: what it may jump to, and what C# lets it do there.</summary>
        private readonly record struct Context(
            int Depth,
            int LoopNesting,
            bool BreakAllowed,
            bool ContinueAllowed,
            bool ReturnAllowed,
            bool RethrowAllowed,
            bool InSwitchSection);

        /// <summary>The <c>[Coroutine]</c> local functions it declared (<see cref="RandomProgramFeatures.LocalFunctionCoroutines"/>), for the async twin.</summary>
        public List<string> LocalFunctions { get; } = [];

        /// <summary>True once the method calls another.</summary>
        public bool MadeCalls => _calls > 0;

        private bool Has(RandomProgramFeatures feature) => (features & feature) == feature;

        public string Method()
        {
            Line("[Coroutine]");
            Line(host is null ? $"public static int {name}(int n)" : $"public int {name}(int n)");
            Open();
            _scopes.Add([new Variable("acc", true), new Variable("n", true)]);
            if (host is not null)
            {
                _scopes[^1].Add(new Variable("F", true, IsField: true)); // this.F, of the copy the coroutine works on
            }
            Line($"Trace.Log(\"{name} starts \" + n);");
            Line("int acc = 0;");
            Prologue();
            var sleepAt = _text.Length;
            var context = new Context(0, 0, false, false, true, false, false);
            // Several top-level statements, each with its own budget for what nests inside it, so
            // that one early construct (a loop over nothing, an if whose condition is false)
            // cannot take the whole program with it. Called methods are smaller.
            for (var top = isRoot ? random.Next(4, 10) : random.Next(2, 6); top > 0; top--)
            {
                _budget = random.Next(1, 9);
                Statement(context);
            }
            Epilogue();
            Close();
            if (_sleeps == 0)
            {
                _text.Insert(sleepAt, new string(' ', 4) + "Yield.Sleep(1);\n");
            }
            return _text.ToString();
        }

        // ------------------------------------------------------------------ statements

        private void Statement(Context context)
        {
            _budget--;
            var nested = context.Depth < MaxDepth && _budget > 2;
            if (callees.Count > 0 && _calls < MaxCalls && random.Next(100) < CallPercent && Call(context))
            {
                return;
            }
            if (host is { IsStruct: false } && random.Next(100) < 8)
            {
                BaseAccess(context);
                return;
            }
            if (nested && Has(RandomProgramFeatures.Goto) && random.Next(100) < 6)
            {
                Goto(context);
                return;
            }
            var loops = context.LoopNesting < MaxLoopNesting;
            var roll = random.Next(100);
            switch (roll)
            {
                case < 14:
                    Log();
                    break;
                case < 30:
                    Sleep();
                    break;
                case < 38:
                    Declare();
                    break;
                case < 44:
                    Assign();
                    break;
                case < 50 when nested:
                    If(context);
                    break;
                case < 57 when nested && loops && Has(RandomProgramFeatures.Loops):
                    Loop(context);
                    break;
                case < 62 when nested && loops && Has(RandomProgramFeatures.ForEach):
                    ForEach(context);
                    break;
                case < 72 when nested && Has(RandomProgramFeatures.TryCatchFinally):
                    Try(context);
                    break;
                case < 77 when nested && Has(RandomProgramFeatures.Using):
                    Using(context);
                    break;
                case < 80 when !context.InSwitchSection && Has(RandomProgramFeatures.Using):
                    UsingDeclaration(context);
                    break;
                case < 86 when nested && Has(RandomProgramFeatures.Switch):
                    Switch(context);
                    break;
                case < 90:
                    Throw();
                    break;
                case < 92 when context.RethrowAllowed:
                    Line($"if ({JumpCondition()}) throw;");
                    break;
                case < 95 when context.BreakAllowed:
                    Line($"if ({JumpCondition()}) break;");
                    break;
                case < 97 when context.ContinueAllowed:
                    Line($"if ({JumpCondition()}) continue;");
                    break;
                case < 99 when context.ReturnAllowed:
                    Line($"if ({JumpCondition()}) return {Expression()};");
                    break;
                default:
                    if (random.Next(3) == 0)
                    {
                        Line($"Trace.Log(100 / ({Read()} % 3));"); // DivideByZeroException now and then
                    }
                    else
                    {
                        Log();
                    }
                    break;
            }
        }

        /// <summary>
        /// A backward <c>goto</c> loop that sleeps, or a forward <c>goto</c> over a block
        /// (<see cref="RandomProgramFeatures.Goto"/>). Labels are unique; the skipped block scopes its locals.
        /// </summary>
        private void Goto(Context context)
        {
            var id = Id();
            if (random.Next(2) == 0)
            {
                Line($"int g{id} = 0;");
                _scopes[^1].Add(new Variable($"g{id}", false));
                Line($"again{id}:");
                Line($"g{id}++;");
                Line($"Trace.Log(\"goto{id} \" + g{id});");
                Sleep();
                Line($"if (g{id} < {random.Next(1, 4)}) goto again{id};");
                return;
            }
            Line($"if ({JumpCondition()}) goto skip{id};");
            Block(context, BlockSize(), $"Trace.Log(\"not skipped{id}\");");
            Line($"skip{id}:");
            Line($"Trace.Log(\"after skip{id}\");");
        }

        private void Block(Context context, int statements, string? first = null)
        {
            Open();
            _scopes.Add([]);
            if (first is not null)
            {
                Line(first);
            }
            for (var i = 0; i < statements && _budget > 0; i++)
            {
                Statement(context with { Depth = context.Depth + 1 });
            }
            _scopes.RemoveAt(_scopes.Count - 1);
            Close();
        }

        private int BlockSize() => random.Next(1, 5);

        private void Log()
        {
            var id = Id();
            Line(random.Next(3) == 0
                ? $"Trace.Log(\"s{id}\");"
                : $"Trace.Log(\"s{id} \" + {Read()} + \" \" + {Read()});");
        }

        private void Sleep()
        {
            _sleeps++;
            Line(random.Next(4) == 0
                ? $"Yield.Sleep({Read()} & 3);"
                : $"Yield.Sleep({Pick(0, 1, 1, 2, 3, 5)});");
        }

        private void Declare()
        {
            var variable = $"v{Id()}";
            Line($"int {variable} = {Expression()};");
            Line($"Trace.Log(\"{variable}=\" + {variable});");
            _scopes[^1].Add(new Variable(variable, true));
        }

        private void Assign()
        {
            var variable = Assignable();
            switch (random.Next(3))
            {
                case 0:
                    Line($"{variable} += {Expression()};");
                    break;
                case 1:
                    Line($"{variable}++;");
                    break;
                default:
                    Line($"{variable} = {Read()} * 2 + {random.Next(1, 5)};");
                    break;
            }
            Line($"Trace.Log(\"{variable}:=\" + {variable});");
        }

        private void If(Context context)
        {
            var id = Id();
            Line($"if ({Condition()})");
            Block(context, BlockSize(), $"Trace.Log(\"then{id}\");");
            if (random.Next(2) == 0)
            {
                Line("else");
                Block(context, BlockSize(), $"Trace.Log(\"else{id}\");");
            }
        }

        private void Loop(Context context)
        {
            var id = Id();
            var inner = context with { LoopNesting = context.LoopNesting + 1, BreakAllowed = true, ContinueAllowed = true, InSwitchSection = false };
            var count = random.Next(10) == 0 ? 0 : random.Next(1, 4);
            var closures = Has(RandomProgramFeatures.ClosuresInLoops) && random.Next(3) == 0;
            if (closures)
            {
                Line($"var fs{id} = new List<Func<int>>();");
            }
            switch (random.Next(3))
            {
                case 0:
                    Line($"for (int i{id} = 0; i{id} < {count}{InLoopCondition(context)}; i{id}++)");
                    _scopes.Add([new Variable($"i{id}", false)]);
                    // The for variable is one variable for the whole loop: every closure sees its last value.
                    Block(inner, BlockSize(), $"Trace.Log(\"for{id} \" + i{id});" + (closures ? Capture(id, $"i{id}", $"i{id}") : ""));
                    _scopes.RemoveAt(_scopes.Count - 1);
                    break;
                case 1:
                    Line($"int w{id} = 0;");
                    _scopes[^1].Add(new Variable($"w{id}", false));
                    Line($"while (w{id} < {count}{InLoopCondition(context)})");
                    Block(inner, BlockSize(), $"w{id}++; Trace.Log(\"while{id} \" + w{id});" + (closures ? Capture(id, $"w{id}", "acc") : ""));
                    break;
                default:
                    Line($"int d{id} = 0;");
                    _scopes[^1].Add(new Variable($"d{id}", false));
                    Line("do");
                    Block(inner, BlockSize(), $"d{id}++; Trace.Log(\"do{id} \" + d{id});" + (closures ? Capture(id, $"d{id}", "n") : ""));
                    Line($"while (d{id} < {count}{InLoopCondition(context)});");
                    break;
            }
            if (closures)
            {
                CallClosures(id);
            }
        }

        private void ForEach(Context context)
        {
            var id = Id();
            var inner = context with { LoopNesting = context.LoopNesting + 1, BreakAllowed = true, ContinueAllowed = true, InSwitchSection = false };
            var items = string.Join(", ", Enumerable.Range(0, random.Next(10) == 0 ? 0 : random.Next(1, 4)).Select(_ => random.Next(0, 4).ToString(CultureInfo.InvariantCulture)));
            var suspending = Has(RandomProgramFeatures.UsingAndForEachExpressions) && random.Next(3) == 0 ? Suspending(context) : null;
            var collection = random.Next(3) switch
            {
                _ when suspending is not null => random.Next(2) == 0 ? $"new[] {{ {Read()}, {suspending} }}" : $"Iter(\"it{id}\", {suspending} & 3)",
                0 => items.Length == 0 ? "new int[0]" : $"new[] {{ {items} }}",
                1 => $"new List<int> {{ {items} }}",
                _ => $"Iter(\"it{id}\", {random.Next(0, 4)})",
            };
            if (random.Next(5) == 0)
            {
                // Deconstruction of tuples, from an array or a list.
                var pairs = string.Join(", ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"({random.Next(0, 4)}, {random.Next(0, 4)})"));
                Line(random.Next(2) == 0
                    ? $"foreach (var (x{id}, y{id}) in new[] {{ {pairs} }})"
                    : $"foreach ((int x{id}, int y{id}) in new List<(int, int)> {{ {pairs} }})");
                _scopes.Add([new Variable($"x{id}", false), new Variable($"y{id}", false)]);
                Block(inner, BlockSize(), $"Trace.Log(\"foreach{id} \" + x{id} + \",\" + y{id});");
                _scopes.RemoveAt(_scopes.Count - 1);
                return;
            }
            var closures = Has(RandomProgramFeatures.ClosuresInLoops) && random.Next(3) == 0;
            if (closures)
            {
                Line($"var fs{id} = new List<Func<int>>();");
            }
            Line($"foreach (var x{id} in {collection})");
            _scopes.Add([new Variable($"x{id}", false)]);
            // Each iteration has its own foreach variable: each closure sees its own.
            Block(inner, BlockSize(), $"Trace.Log(\"foreach{id} \" + x{id});" + (closures ? Capture(id, $"x{id}", $"x{id}") : ""));
            _scopes.RemoveAt(_scopes.Count - 1);
            if (closures)
            {
                CallClosures(id);
            }
        }

        /// <summary>
        /// Statements for the start of a loop body (<see cref="RandomProgramFeatures.ClosuresInLoops"/>):
        /// a per-iteration copy of <paramref name="copied"/>, a lambda capturing it and
        /// <paramref name="captured"/>, added to <c>fs{id}</c>, then a sleep, so the captured
        /// variables live across a suspension.
        /// </summary>
        private string Capture(int id, string copied, string captured)
        {
            _sleeps++;
            return $" int copy{id} = {copied} * 10; fs{id}.Add(() => copy{id} + {captured}); Yield.Sleep({random.Next(0, 2)});";
        }

        /// <summary>After the loop: calls every closure it made, in order.</summary>
        private void CallClosures(int id) =>
            Line($"foreach (var f{id} in fs{id}) Trace.Log(\"closure{id} \" + f{id}());");

        private static readonly string[] ExceptionTypes = ["AppException", "OtherException", "InvalidOperationException", "DivideByZeroException", "Exception"];

        private void Try(Context context)
        {
            var id = Id();
            Line("try");
            Block(context, BlockSize(), $"Trace.Log(\"try{id}\");");

            var catches = random.Next(0, 3);
            var hasFinally = catches == 0 || random.Next(2) == 0;
            var unfiltered = new List<string>();
            var emitted = 0;
            for (var c = 0; c < catches; c++)
            {
                var type = ExceptionTypes[random.Next(ExceptionTypes.Length)];
                var general = random.Next(8) == 0;
                if (unfiltered.Contains("Exception") || (!general && unfiltered.Contains(type)))
                {
                    continue; // an earlier clause already catches it (CS0160, CS1058)
                }
                var handler = context with { RethrowAllowed = true };
                emitted++;
                if (general)
                {
                    Line("catch");
                    Block(handler, BlockSize(), $"Trace.Log(\"catch{id}.{c}\");");
                    break; // a general catch must be last
                }
                var variable = $"e{id}x{c}";
                var filter = random.Next(3) == 0 ? Filter(type, variable) : null;
                if (filter is null)
                {
                    unfiltered.Add(type);
                }
                Line($"catch ({type} {variable}){(filter is null ? "" : $" when ({filter})")}");
                Block(handler, BlockSize(), $"Trace.Log(\"catch{id}.{c} \" + {variable}.GetType().Name + \": \" + {variable}.Message);");
            }
            if (hasFinally || emitted == 0)
            {
                Line("finally");
                // Nothing may leave a finally: no break, continue or return to anything outside it, and no `throw;`.
                var inFinally = context with { BreakAllowed = false, ContinueAllowed = false, ReturnAllowed = false, RethrowAllowed = false, InSwitchSection = false };
                Block(inFinally, BlockSize(), $"Trace.Log(\"finally{id}\");");
            }
        }

        private string Filter(string type, string variable) => type == "AppException"
            ? $"{variable}.Code {Pick(">", "<", "==", "!=")} {random.Next(0, 4)}"
            : $"{variable}.Message.Length {Pick(">", "<")} {random.Next(2, 12)}";

        private void Using(Context context)
        {
            var id = Id();
            if (random.Next(4) == 0)
            {
                Line($"using (var r{id} = new StructRes(\"r{id}\"))");
                Block(context with { InSwitchSection = false }, BlockSize(), $"Trace.Log(\"using{id}\");");
                return;
            }
            Line($"using (var r{id} = new Res(\"r{id}\"{ResourceSuffix(context)}))");
            Block(context with { InSwitchSection = false }, BlockSize(), $"r{id}.Use(\"using{id}\");");
        }

        private void UsingDeclaration(Context context)
        {
            var id = Id();
            Line($"using var r{id} = new Res(\"r{id}\"{ResourceSuffix(context)});");
            Line($"r{id}.Use(\"declared{id}\");");
        }

        private void Switch(Context context)
        {
            var id = Id();
            Line($"switch ({SwitchValue(context)} % 4)");
            Open();
            var constants = new List<int> { -1, 0, 1, 2, 3 }.OrderBy(_ => random.Next()).ToList();
            var sectionCount = random.Next(1, 4);
            var hasDefault = random.Next(2) == 0;
            var defaultSection = hasDefault ? random.Next(sectionCount + 1) : -1;
            var sections = new List<List<string>>();
            var relational = false; // two `case > n` labels: the second could be subsumed (CS8120)
            for (var s = 0; s < sectionCount + (hasDefault ? 1 : 0); s++)
            {
                var labels = new List<string>();
                if (s == defaultSection)
                {
                    labels.Add("default:");
                }
                else
                {
                    var kind = random.Next(6);
                    if (kind == 1 && !relational)
                    {
                        relational = true;
                        labels.Add($"case > {random.Next(5, 9)}:");
                    }
                    else if (kind > 1)
                    {
                        for (var l = random.Next(1, 3); l > 0 && constants.Count > 0; l--)
                        {
                            labels.Add($"case {constants[0]}:");
                            constants.RemoveAt(0);
                        }
                    }
                    if (labels.Count == 0)
                    {
                        labels.Add($"case int z{id}x{s} when z{id}x{s} {Pick(">", "<", "!=")} {random.Next(-1, 3)}:");
                    }
                }
                sections.Add(labels);
            }

            var sectionContext = context with { Depth = context.Depth + 1, BreakAllowed = true, InSwitchSection = true };
            for (var s = 0; s < sections.Count; s++)
            {
                foreach (var label in sections[s])
                {
                    Line(label);
                }
                _indent++;
                _scopes.Add([]);
                var patternVariable = sections[s][0].StartsWith($"case int z{id}x", StringComparison.Ordinal) ? $"z{id}x{s}" : null;
                Line(patternVariable is null ? $"Trace.Log(\"section{id}.{s}\");" : $"Trace.Log(\"section{id}.{s} \" + {patternVariable});");
                if (patternVariable is not null)
                {
                    _scopes[^1].Add(new Variable(patternVariable, true));
                }
                for (var i = BlockSize(); i > 0 && _budget > 0; i--)
                {
                    Statement(sectionContext);
                }
                // With a default, the last section breaks: otherwise the end of the switch could be unreachable (CS0162).
                Line(hasDefault && s == sections.Count - 1 ? "break;" : SectionEnd(context, sections, s));
                _scopes.RemoveAt(_scopes.Count - 1);
                _indent--;
            }
            Close();
        }

        /// <summary>How a section ends: break, or a forward goto case / goto default, or a jump to something outside.</summary>
        private string SectionEnd(Context outside, List<List<string>> sections, int section)
        {
            var later = sections.Skip(section + 1).SelectMany(l => l)
                .Where(l => l == "default:" || (l.StartsWith("case ", StringComparison.Ordinal) && !l.StartsWith("case int", StringComparison.Ordinal) && !l.StartsWith("case >", StringComparison.Ordinal)))
                .ToList();
            var roll = random.Next(10);
            if (roll < 3 && later.Count > 0)
            {
                var label = later[random.Next(later.Count)];
                return label == "default:" ? "goto default;" : $"goto {label.TrimEnd(':')};";
            }
            if (roll == 3 && outside.ContinueAllowed)
            {
                return "continue;";
            }
            if (roll == 4 && outside.ReturnAllowed)
            {
                return $"return {Expression()};";
            }
            if (roll == 5)
            {
                return $"throw new AppException(\"switch{Id()}\", {random.Next(0, 4)});";
            }
            return "break;";
        }

        private void Throw()
        {
            var id = Id();
            var exception = random.Next(3) switch
            {
                0 => $"new AppException(\"a{id}\", {random.Next(0, 4)})",
                1 => $"new OtherException(\"o{id}\")",
                _ => $"new InvalidOperationException(\"i{id}\")",
            };
            Line($"if ({JumpCondition()}) throw {exception};");
        }

        // ------------------------------------------------------------------ expressions

        private IEnumerable<Variable> Visible() => _scopes.SelectMany(s => s);

        private string Assignable()
        {
            var all = Visible().Where(v => v.Assignable).ToList();
            return all[random.Next(all.Count)].Name;
        }

        private string Read()
        {
            var all = Visible().ToList();
            return all[random.Next(all.Count)].Name;
        }

        private string Expression() => random.Next(4) switch
        {
            0 => random.Next(0, 10).ToString(CultureInfo.InvariantCulture),
            1 => $"{Read()} + {random.Next(1, 5)}",
            2 => $"{Read()} * 2 - {Read()}",
            _ => $"acc + {Read()}",
        };

        private string Condition() => random.Next(4) switch
        {
            0 => $"{Read()} % 2 == {random.Next(0, 2)}",
            1 => Compare(Read(), Read()),
            _ => $"{Read()} {Pick("<", ">", "==", "!=", "<=", ">=")} {random.Next(0, 6)}",
        };

        /// <summary>A condition for a jump or a throw: usually false, so most programs run on past it.</summary>
        private string JumpCondition() => random.Next(3) switch
        {
            0 => Condition(),
            1 => $"{Read()} == {random.Next(1, 6)}",
            _ => $"{Read()} % 5 == {random.Next(1, 5)}",
        };

        // `x > x` is warning CS1718: compare with a constant instead.
        private string Compare(string left, string right) => left == right ? $"{left} > {random.Next(0, 6)}" : $"{left} > {right}";

        private T Pick<T>(params T[] choices) => choices[random.Next(choices.Length)];

        private int Id() => ++_nextId;

        private void Line(string line) => _text.Append(' ', _indent * 4).Append(line).Append('\n');

        private void Open()
        {
            Line("{");
            _indent++;
        }

        private void Close()
        {
            _indent--;
            Line("}");
        }
    }
}
