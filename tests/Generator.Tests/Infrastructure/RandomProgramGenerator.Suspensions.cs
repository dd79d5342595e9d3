using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// The part of <see cref="RandomProgramGenerator"/> that puts calls of the program's other
/// coroutines (its suspensions with a value) inside expressions, one form per position of issue 14's
/// point 1, each under its <see cref="RandomProgramFeatures"/> flag; and the struct and derived
/// class that instance coroutines belong to.
/// </summary>
public static partial class RandomProgramGenerator
{
    /// <summary>
    /// The type a program's method is an instance coroutine of (<see cref="RandomProgramFeatures.StructCoroutines"/>,
    /// <see cref="RandomProgramFeatures.BaseMethods"/>): a struct <c>{Name}</c> with a field <c>F</c>,
    /// or a class <c>{Name}</c> deriving from <c>{Name}Base</c>, which overrides a plain method, a
    /// property and the coroutine <see cref="BaseCoroutine"/> (sealed, so a call does not dispatch).
    /// Callers call it on a new value: <c>new {Name}(v).M(x)</c>.
    /// </summary>
    /// <remarks><paramref name="Indexer"/>: the base class has a virtual <c>int?</c> indexer the derived one overrides (<see cref="RandomProgramFeatures.BaseIndexers"/>);
    /// <paramref name="Holder"/>: a class <c>{Name}Holder</c> holds a struct in a field <c>S</c>, a nullable one <c>NS</c> and a property <c>P</c> (<see cref="RandomProgramFeatures.NullableStructChainParts"/>);
    /// <paramref name="Interface"/>: the derived class implements the interface <c>I{Name}</c>'s coroutine <see cref="InterfaceCoroutine"/> explicitly (<see cref="RandomProgramFeatures.ExplicitInterfaceImplementations"/>);
    /// <paramref name="Dispatch"/>: the base class's virtual coroutine <c>Hop</c>, overridden by the derived one, and its <c>Tour</c>, calling <c>Hop</c> through <c>this</c> (<see cref="RandomProgramFeatures.ThisAndBaseDispatch"/>).</remarks>
    private sealed record Host(string Name, bool IsStruct, bool Indexer = false, bool Interface = false, bool Holder = false, bool Dispatch = false)
    {
        /// <summary>The coroutine of the base class, overridden by the derived one, which waits for it.</summary>
        public const string BaseCoroutine = "Walk";

        /// <summary>The coroutine of the interface <c>I{Name}</c> the derived class implements explicitly.</summary>
        public const string InterfaceCoroutine = "Stroll";

        /// <summary>The fields, constructors and plain members (written once, beside both the coroutines and their async twins).</summary>
        public string Declarations() => IsStruct
            ? $$"""
                public partial struct {{Name}}
                {
                    public int F;

                    public {{Name}}(int f)
                    {
                        F = f;
                    }
                }

                """ + (Holder ? StructHolder : "")
            : $$"""
                public partial class {{Name}}Base
                {
                    public int F;

                    public {{Name}}Base(int f)
                    {
                        F = f;
                    }

                    public virtual int Q
                    {
                        get
                        {
                            Trace.Log($"base get Q {F}");
                            return F * 2;
                        }
                        set
                        {
                            Trace.Log($"base set Q {value}");
                            F = value;
                        }
                    }

                    public virtual int Step(int x)
                    {
                        Trace.Log($"base step {x} F={F}");
                        return x + F;
                    }
                {{(Indexer ? BaseIndexer : "")}}}

                public partial class {{Name}} : {{Name}}Base
                {
                    public {{Name}}(int f)
                        : base(f)
                    {
                    }

                    public override int Q
                    {
                        get
                        {
                            Trace.Log("derived get Q");
                            return -1;
                        }
                        set => Trace.Log($"derived set Q {value}");
                    }

                    public override int Step(int x)
                    {
                        Trace.Log($"derived step {x}");
                        return x * 2;
                    }
                {{(Indexer ? DerivedIndexer : "")}}}

                """;

        /// <summary>The class whose struct parts <see cref="RandomProgramFeatures.NullableStructChainParts"/> calls on.</summary>
        private string StructHolder => $$"""
            public sealed class {{Name}}Holder
            {
                public {{Name}} S;

                public {{Name}}? NS;

                public {{Name}}Holder(int f)
                {
                    S = new {{Name}}(f);
                    NS = f % 2 == 0 ? new {{Name}}(f + 1) : null;
                }

                public {{Name}} P
                {
                    get
                    {
                        Trace.Log($"get P {S.F}");
                        return S;
                    }
                }
            }


            """;

        private const string BaseIndexer = """

                private readonly int?[] _slots = new int?[4];

                public virtual int? this[int i]
                {
                    get
                    {
                        Trace.Log($"base get [{i}] {_slots[i & 3]}");
                        return _slots[i & 3];
                    }
                    set
                    {
                        Trace.Log($"base set [{i}] {value}");
                        _slots[i & 3] = value;
                    }
                }

            """;

        /// <summary>The interface (before its implementing class in <see cref="Wrap"/>) and its explicit implementation.</summary>
        private string ExplicitInterface => $$"""
            public partial interface I{{Name}}
            {
                [Coroutine]
                int {{InterfaceCoroutine}}(int n);
            }

            public partial class {{Name}} : I{{Name}}
            {
                [Coroutine]
                int I{{Name}}.{{InterfaceCoroutine}}(int n)
                {
                    Trace.Log($"explicit strolls {n} F={F}");
                    Yield.Sleep(n & 1);
                    return n + F;
                }
            }


            """;

        /// <summary>The base class's virtual <c>Hop</c> and its <c>Tour</c>, which calls <c>Hop</c> through <c>this</c> (the override runs on a derived object).</summary>
        private const string BaseDispatch = """

                [Coroutine]
                public virtual int Hop(int n)
                {
                    Trace.Log($"base hops {n} F={F}");
                    Yield.Sleep(n & 1);
                    F += 1;
                    return n + F;
                }

                [Coroutine]
                public int Tour(int n)
                {
                    Trace.Log($"tours {n}");
                    int a = this.Hop(n);
                    Yield.Sleep(1);
                    return (a * 10) + Hop(n + 1);
                }

            """;

        /// <summary>The derived class's override of <c>Hop</c> (not sealed: a call through <c>this</c> dispatches), which waits for the base's.</summary>
        private const string DerivedDispatch = """

                [Coroutine]
                public override int Hop(int n)
                {
                    Trace.Log($"derived hops {n}");
                    int b = base.Hop(n + 2);
                    Yield.Sleep(n & 1);
                    return b + Step(n);
                }

            """;

        private const string DerivedIndexer = """

                public override int? this[int i]
                {
                    get
                    {
                        Trace.Log("derived get");
                        return -1;
                    }
                    set => Trace.Log($"derived set {value}");
                }

            """;

        /// <summary>The coroutine <paramref name="method"/> inside its type (and, for a class, the base and overriding coroutines).</summary>
        public string Wrap(string method, string methodName)
        {
            var body = string.Join("\n", method.TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? l : "    " + l));
            return IsStruct
                ? $"public partial struct {Name}\n{{\n{body}\n}}\n"
                : $$"""
                    public partial class {{Name}}Base
                    {
                        [Coroutine]
                        public virtual int {{BaseCoroutine}}(int n)
                        {
                            Trace.Log($"base walks {n} F={F}");
                            Yield.Sleep(n & 1);
                            F += n;
                            return F;
                        }
                    {{(Dispatch ? BaseDispatch : "")}}}

                    {{(Interface ? ExplicitInterface : "")}}public partial class {{Name}}
                    {
                        [Coroutine]
                        public sealed override int {{BaseCoroutine}}(int n)
                        {
                            Trace.Log($"derived walks {n}");
                            int w = base.{{BaseCoroutine}}(n + 1);
                            Yield.Sleep(1);
                            return w * 2;
                        }
                    {{(Dispatch ? DerivedDispatch : "")}}
                    """.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n" + body + "\n}\n";
        }
    }

    private sealed partial class Writer
    {
        private bool _objects;

        /// <summary>How often (percent) a statement is a call, when there is a method to call.</summary>
        private int CallPercent => (features & RandomProgramFeatures.ExpressionPositions) == RandomProgramFeatures.SuspensionsInExpressions ? 12 : 18;

        /// <summary>
        /// The objects the forms of <see cref="RandomProgramFeatures.CompoundAssignments"/>,
        /// <see cref="RandomProgramFeatures.Receivers"/>, <see cref="RandomProgramFeatures.ArrayIndexesAndSizes"/>
        /// and <see cref="RandomProgramFeatures.ShortCircuit"/> work on: a class, an array, a struct
        /// and a nullable, method-wide locals (live across every suspension).
        /// </summary>
        private void Prologue()
        {
            const RandomProgramFeatures objectFeatures = RandomProgramFeatures.CompoundAssignments | RandomProgramFeatures.Receivers |
                RandomProgramFeatures.ArrayIndexesAndSizes | RandomProgramFeatures.ShortCircuit;
            if ((features & objectFeatures) == 0 || callees.Count == 0)
            {
                return;
            }
            _objects = true;
            Line("var box = new Box(n);");
            Line("int[] arr = { n, 1, 2, 3 };");
            Line("var sbox = new SBox();");
            Line("int? q = n % 2 == 0 ? null : n;");
        }

        /// <summary>The method's last statements: the objects' final state, then <c>return acc;</c> (or with a call, <see cref="RandomProgramFeatures.Returns"/>).</summary>
        private void Epilogue()
        {
            if (_objects)
            {
                Line("Trace.Log(\"end \" + box + \" \" + sbox + \" [\" + string.Join(\",\", arr) + \"] \" + q);");
            }
            var top = new Context(0, 0, false, false, true, false, false);
            Line(Has(RandomProgramFeatures.Returns) && _calls < MaxCalls && random.Next(3) == 0 && Suspending(top) is { } call
                ? $"return acc - {call};"
                : "return acc;");
        }

        private List<Callee> Allowed(Context context) => context.LoopNesting == 0 ? callees : callees.Where(c => c.IsLeaf).ToList();

        /// <summary>A call of a method <paramref name="context"/> allows (null if none), sometimes with a nested call as its argument.</summary>
        private string? Suspending(Context context, bool nested = true)
        {
            var allowed = Allowed(context);
            if (allowed.Count == 0)
            {
                return null;
            }
            var callee = allowed[random.Next(allowed.Count)];
            _calls++;
            var argument = nested && Has(RandomProgramFeatures.Arguments) && random.Next(8) == 0
                ? Suspending(context, nested: false)!
                : random.Next(2) == 0 ? Read() : $"{Read()} + {random.Next(1, 4)}";
            return callee.Host is null ? $"{callee.Name}({argument})" : $"new {callee.Host}({Read()}).{callee.Name}({argument})";
        }

        /// <summary>A loop condition's suspending part (<see cref="RandomProgramFeatures.Conditions"/>), tested each time: <c> &amp;&amp; F(x) != k</c>, or nothing.</summary>
        private string InLoopCondition(Context context)
        {
            var inLoop = context with { LoopNesting = context.LoopNesting + 1 };
            return Has(RandomProgramFeatures.Conditions) && _calls < MaxCalls && random.Next(4) == 0 && Suspending(inLoop, nested: false) is { } call
                ? $" && {call} != {random.Next(0, 6)}"
                : "";
        }

        /// <summary>A using resource's name suffix with a call (<see cref="RandomProgramFeatures.UsingAndForEachExpressions"/>), or nothing.</summary>
        private string ResourceSuffix(Context context) =>
            Has(RandomProgramFeatures.UsingAndForEachExpressions) && _calls < MaxCalls && random.Next(3) == 0 && Suspending(context) is { } call
                ? $" + \".\" + {call}"
                : "";

        /// <summary>The value a switch statement tests: a variable, or a call (<see cref="RandomProgramFeatures.Conditions"/>).</summary>
        private string SwitchValue(Context context) =>
            Has(RandomProgramFeatures.Conditions) && _calls < MaxCalls && random.Next(3) == 0 && Suspending(context) is { } call
                ? $"({call} + {Read()})"
                : Read();

        /// <summary>Locals (not fields) that may be assigned, passed by <c>ref</c>/<c>out</c> or deconstructed into.</summary>
        private List<string> AssignableLocals() => Visible().Where(v => v.Assignable && !v.IsField).Select(v => v.Name).Distinct().ToList();

        /// <summary>
        /// A statement with one or more calls of later methods of the program, in one of the forms
        /// the features switch on. False if no method may be called here (in a loop, only one that calls nothing).
        /// </summary>
        private bool Call(Context context)
        {
            if (Allowed(context).Count == 0)
            {
                return false;
            }
            var forms = new List<Action<Context, int>>();
            void Add(RandomProgramFeatures feature, params Action<Context, int>[] written)
            {
                if (Has(feature))
                {
                    forms.AddRange(written);
                }
            }
            Add(RandomProgramFeatures.Calls, PlainCalls);
            Add(RandomProgramFeatures.SuspensionsInExpressions, FirstExpressionForms);
            Add(RandomProgramFeatures.Arguments, ArgumentForms);
            Add(RandomProgramFeatures.RefArguments, RefArgumentForms);
            Add(RandomProgramFeatures.Operands, OperandForms);
            Add(RandomProgramFeatures.ShortCircuit, ShortCircuitForms);
            Add(RandomProgramFeatures.ArrayIndexesAndSizes, ArrayForms);
            Add(RandomProgramFeatures.Initializers, InitializerForms);
            Add(RandomProgramFeatures.InterpolatedStrings, InterpolatedForms);
            Add(RandomProgramFeatures.SwitchExpressions, SwitchExpressionForms);
            Add(RandomProgramFeatures.IsPatterns, PatternForms);
            Add(RandomProgramFeatures.Tuples, TupleForms);
            Add(RandomProgramFeatures.ThrowExpressions, ThrowForms);
            Add(RandomProgramFeatures.Returns, ReturnForms);
            Add(RandomProgramFeatures.ConditionalChainParts, ChainPartForms);
            Add(RandomProgramFeatures.StructVariableReceivers, StructVariableForms);
            Add(RandomProgramFeatures.WithOwnCopyConstructor, WithForms);
            Add(RandomProgramFeatures.IndexerNestedInitializers, IndexerInitializerForms);
            Add(RandomProgramFeatures.UserDefinedShortCircuit, UserShortCircuitForms);
            Add(RandomProgramFeatures.VirtualDispatch, DispatchForms);
            Add(RandomProgramFeatures.LocalFunctionCoroutines, LocalFunctionForms);
            Add(RandomProgramFeatures.CapturedFilterAndCollectionVariables, CapturedFilterAndCollectionForms);
            Add(RandomProgramFeatures.ExplicitInterfaceImplementations, ExplicitInterfaceForms);
            Add(RandomProgramFeatures.AnonymousTypes, AnonymousTypeForms);
            Add(RandomProgramFeatures.NullableStructChainParts, NullableStructChainForms);
            Add(RandomProgramFeatures.QuerySuspensions, QueryForms);
            Add(RandomProgramFeatures.JumpsOut, JumpOutForms);
            Add(RandomProgramFeatures.RefLocalsBetweenSuspensions, RefLocalForms);
            Add(RandomProgramFeatures.SwitchArmsAndGuards, SwitchArmForms);
            Add(RandomProgramFeatures.CollectionExpressions, CollectionExpressionForms);
            Add(RandomProgramFeatures.CompoundAssignmentValues, CompoundValueForms);
            Add(RandomProgramFeatures.ForClauses, ForClauseForms);
            Add(RandomProgramFeatures.LockAndChecked, LockAndCheckedForms);
            Add(RandomProgramFeatures.DeconstructionTargets, DeconstructionTargetForms);
            Add(RandomProgramFeatures.NestedInitializersAndWith, NestedInitializerAndWithForms);
            Add(RandomProgramFeatures.FilterAssignedCatchVariables, FilterAssignmentForms);
            Add(RandomProgramFeatures.FreshVariableClosures, FreshVariableClosureForms);
            AddMethodKindForms(forms);
            if (_objects)
            {
                Add(RandomProgramFeatures.CompoundAssignments, CompoundForms);
                Add(RandomProgramFeatures.Receivers, ReceiverForms);
            }
            if (forms.Count == 0)
            {
                return false;
            }
            forms[random.Next(forms.Count)](context, Id());
            return true;
        }

        private string S(Context context) => Suspending(context)!;

        private void Declared(string variable)
        {
            Line($"Trace.Log(\"{variable}=\" + {variable});");
            _scopes[^1].Add(new Variable(variable, true));
        }

        /// <summary>Where a call could stand before spilling: a statement, a declaration, an assignment, a return.</summary>
        private void PlainCalls(Context context, int id)
        {
            switch (random.Next(5))
            {
                case 0:
                    Line($"int c{id} = {S(context)};");
                    Declared($"c{id}");
                    break;
                case 1:
                    var target = Assignable();
                    Line($"{target} = {S(context)};");
                    Line($"Trace.Log(\"{target}:=\" + {target});");
                    break;
                case 2:
                    Line($"{S(context)};");
                    break;
                case 3 when context.ReturnAllowed:
                    Line($"if ({JumpCondition()}) return {S(context)};");
                    break;
                default:
                    Line($"_ = {S(context)};");
                    break;
            }
        }

        /// <summary>The first forms spilling accepted: <c>x += F()</c>, operands of a logged concatenation, an <c>if</c> condition, two calls in one declaration.</summary>
        private void FirstExpressionForms(Context context, int id)
        {
            switch (random.Next(4))
            {
                case 0:
                    var compound = Assignable();
                    Line($"{compound} += {S(context)};");
                    Line($"Trace.Log(\"{compound}:=\" + {compound});");
                    break;
                case 1:
                    Line($"Trace.Log(\"c{id} \" + {Read()} + \" \" + {S(context)} + \" \" + {Read()});");
                    break;
                case 2:
                    Line($"if ({S(context)} {Pick("<", ">", "==")} {Read()})");
                    Block(context, BlockSize(), $"Trace.Log(\"then{id}\");");
                    break;
                default:
                    Line($"int c{id} = {Read()} * 2 - {S(context)} + {S(context)};");
                    Declared($"c{id}");
                    break;
            }
        }

        private void ArgumentForms(Context context, int id)
        {
            switch (random.Next(3))
            {
                case 0:
                    Line($"Trace.Log(\"a{id} \" + Pair({Read()}, {S(context)}));");
                    break;
                case 1:
                    Line($"int c{id} = Three({S(context)}, {Read()}, {S(context)});");
                    Declared($"c{id}");
                    break;
                default:
                    Line($"Trace.Log(\"a{id} \" + Pair({S(context)}, Pair({Read()}, {S(context)})));");
                    break;
            }
        }

        private void RefArgumentForms(Context context, int id)
        {
            var locals = AssignableLocals();
            var local = locals[random.Next(locals.Count)];
            switch (random.Next(4))
            {
                case 0:
                    Line($"int c{id} = AddTo(ref {local}, {S(context)});");
                    Line($"Trace.Log(\"c{id}=\" + c{id} + \" {local}=\" + {local});");
                    _scopes[^1].Add(new Variable($"c{id}", true));
                    break;
                case 1:
                    Line($"int c{id} = Halve({S(context)}, out int h{id});");
                    Line($"Trace.Log(\"c{id}=\" + c{id} + \" h{id}=\" + h{id});");
                    _scopes[^1].Add(new Variable($"c{id}", true));
                    _scopes[^1].Add(new Variable($"h{id}", true));
                    break;
                case 2:
                    Line($"int c{id} = Halve({Read()} + {S(context)}, out {local});");
                    Line($"Trace.Log(\"c{id}=\" + c{id} + \" {local}=\" + {local});");
                    _scopes[^1].Add(new Variable($"c{id}", true));
                    break;
                default:
                    Line($"int c{id} = Peek(in {local}, {S(context)});");
                    Declared($"c{id}");
                    break;
            }
        }

        private void OperandForms(Context context, int id)
        {
            switch (random.Next(4))
            {
                case 0:
                    Line($"int c{id} = -{S(context)} + {Read()} * {S(context)};");
                    Declared($"c{id}");
                    break;
                case 1:
                    Line($"Trace.Log(\"o{id} \" + ({Read()} < {S(context)}) + \" \" + ~{S(context)});");
                    break;
                case 2:
                    Line($"int c{id} = {Read()} % 7 - {S(context)} * 2;");
                    Declared($"c{id}");
                    break;
                default:
                    var target = Assignable();
                    Line($"{target} = {Read()} - {S(context)};");
                    Line($"Trace.Log(\"{target}:=\" + {target});");
                    break;
            }
        }

        private void ShortCircuitForms(Context context, int id)
        {
            switch (random.Next(_objects ? 5 : 3))
            {
                case 0:
                    Line($"if ({Condition()} && {S(context)} > {Read()})");
                    Block(context, BlockSize(), $"Trace.Log(\"then{id}\");");
                    break;
                case 1:
                    Line($"bool b{id} = {Condition()} || {S(context)} % 2 == 0;");
                    Line($"Trace.Log(\"b{id}=\" + b{id});");
                    break;
                case 2:
                    Line($"int c{id} = {Condition()} ? {S(context)} : {Read()} + {S(context)};");
                    Declared($"c{id}");
                    break;
                case 3:
                    Line($"int c{id} = q ?? {S(context)};");
                    Declared($"c{id}");
                    break;
                default:
                    Line($"q ??= {S(context)};");
                    Line("Trace.Log(\"q=\" + q);");
                    break;
            }
        }

        private void CompoundForms(Context context, int id)
        {
            var (target, log) = random.Next(7) switch
            {
                0 => (Assignable(), (string?)null),
                1 => ("box.F", null),
                2 => ("box.P", null),
                3 => ($"arr[{Read()} & 3]", "string.Join(\",\", arr)"),
                4 => ($"box[{Read()}]", "box"),
                5 => ("sbox.F", "sbox"),
                _ => ("sbox.P", "sbox"),
            };
            // `local += F()` is SuspensionsInExpressions' form: a local gets the other operators.
            var op = log is null && !target.Contains('.', StringComparison.Ordinal) ? Pick("-=", "*=", "^=", "|=") : Pick("+=", "-=", "*=", "^=", "|=");
            Line($"{target} {op} {S(context)};");
            Line($"Trace.Log(\"x{id} \" + {log ?? target});");
            if (random.Next(4) == 0)
            {
                Line($"box.N ??= {S(context)};");
                Line($"Trace.Log(\"N=\" + box.N);");
            }
        }

        private void ArrayForms(Context context, int id)
        {
            switch (random.Next(5))
            {
                case 0:
                    Line($"int[] a{id} = new int[({S(context)} & 3) + 1];");
                    Line($"Trace.Log(\"a{id} \" + a{id}.Length);");
                    break;
                case 1:
                    Line($"int[] a{id} = new[] {{ {Read()}, {S(context)}, {Read()} }};");
                    Line($"Trace.Log(\"a{id} \" + string.Join(\",\", a{id}));");
                    break;
                case 2 when _objects:
                    Line($"arr[{S(context)} & 3] = {Read()};");
                    Line($"Trace.Log(\"arr \" + string.Join(\",\", arr));");
                    break;
                case 3 when _objects:
                    Line($"arr[{Read()} & 3] = {S(context)};");
                    Line($"Trace.Log(\"arr \" + string.Join(\",\", arr));");
                    break;
                default:
                    Line($"int[] a{id} = {{ {Read()}, 1, 2, 3 }};");
                    Line($"Trace.Log(\"a{id} \" + a{id}[{Read()} & 3] + \" \" + a{id}[{S(context)} & 3]);");
                    break;
            }
        }

        private void InitializerForms(Context context, int id)
        {
            switch (random.Next(4))
            {
                case 0:
                    Line($"var b{id} = new Box({Read()}) {{ F = {S(context)}, P = {Read()} }};");
                    Line($"Trace.Log(\"b{id} \" + b{id});");
                    break;
                case 1:
                    Line($"var l{id} = new List<int> {{ {Read()}, {S(context)}, {Read()} }};");
                    Line($"Trace.Log(\"l{id} \" + string.Join(\",\", l{id}));");
                    break;
                case 2:
                    Line($"var d{id} = new Dictionary<int, int> {{ [{Read()} & 3] = {S(context)}, [{S(context)} & 3] = {Read()} }};");
                    Line($"Trace.Log(\"d{id} \" + string.Join(\",\", d{id}));");
                    break;
                default:
                    Line($"var d{id} = new Dictionary<int, int> {{ {{ {Read()} & 3, {S(context)} }}, {{ {S(context)} & 3, {Read()} }} }};");
                    Line($"Trace.Log(\"d{id} \" + string.Join(\",\", d{id}));");
                    break;
            }
        }

        private void ReceiverForms(Context context, int id)
        {
            switch (random.Next(5))
            {
                case 0:
                    Line($"Trace.Log(\"r{id} \" + ({S(context)}).CompareTo({Read()}) + \" \" + ({S(context)}).ToString(\"D3\").Length);");
                    break;
                case 1:
                    Line($"Trace.Log(\"r{id} \" + box.Sum({S(context)}));");
                    break;
                case 2:
                    Line($"Trace.Log(\"r{id} \" + new Box({Read()}).Sum({S(context)}));");
                    break;
                case 3:
                    Line($"Trace.Log(\"r{id} \" + MaybeBox(box, {Read()})?.Sum({S(context)}));");
                    break;
                default:
                    Line($"Trace.Log(\"r{id} \" + sbox.Bump({S(context)}) + \" \" + sbox.F);");
                    break;
            }
        }

        private void InterpolatedForms(Context context, int id) =>
            Line($"Trace.Log($\"i{id} {{{Read()}}} {{{S(context)}}} {{{S(context)}:D4}}\");");

        private void SwitchExpressionForms(Context context, int id)
        {
            var value = random.Next(2) == 0 ? $"({S(context)})" : $"({Read()} + {S(context)})";
            Line($"int c{id} = {value} switch {{ 0 => {Read()}, > {random.Next(1, 5)} => {random.Next(0, 9)}, < 0 => -1, _ => {Read()} + 1 }};");
            Declared($"c{id}");
        }

        private void PatternForms(Context context, int id)
        {
            switch (random.Next(3))
            {
                case 0:
                    var low = random.Next(0, 4);
                    Line($"if (({S(context)}) is > {low} and < {random.Next(low + 2, 12)})"); // never empty (CS8518)
                    Block(context, BlockSize(), $"Trace.Log(\"then{id}\");");
                    break;
                case 1:
                    Line($"Trace.Log(\"p{id} \" + (({S(context)}) is 0 or 3));");
                    break;
                default:
                    Line($"if (({S(context)}) is var k{id} && k{id} > {Read()})");
                    Block(context, BlockSize(), $"Trace.Log(\"k{id} \" + k{id});");
                    break;
            }
        }

        private void TupleForms(Context context, int id)
        {
            var locals = AssignableLocals();
            switch (random.Next(locals.Count > 1 ? 4 : 3))
            {
                case 0:
                    Line($"var (t{id}, u{id}) = ({S(context)}, {Read()});");
                    Line($"Trace.Log(\"t{id}=\" + t{id} + \" u{id}=\" + u{id});");
                    _scopes[^1].Add(new Variable($"t{id}", true));
                    _scopes[^1].Add(new Variable($"u{id}", true));
                    break;
                case 1:
                    Line($"var t{id} = ({S(context)}, {Read()} + 1);");
                    Line($"Trace.Log(\"t{id} \" + t{id});");
                    break;
                case 2:
                    Line($"(int, int) t{id} = ({Read()}, {S(context)});");
                    Line($"Trace.Log(\"t{id} \" + (t{id}.Item1 - t{id}.Item2));");
                    break;
                default:
                    var first = locals[random.Next(locals.Count)];
                    var second = locals.Where(l => l != first).ElementAt(random.Next(locals.Count - 1));
                    Line($"({first}, {second}) = ({second}, {S(context)});"); // not ({first}, ...): CS1717
                    Line($"Trace.Log(\"{first}=\" + {first} + \" {second}=\" + {second});");
                    break;
            }
        }

        private void ThrowForms(Context context, int id)
        {
            if (random.Next(2) == 0)
            {
                Line($"if ({JumpCondition()}) throw new AppException(\"t{id}\", {S(context)});");
                return;
            }
            Line($"int c{id} = {JumpCondition()} ? throw new AppException(\"te{id}\", {S(context)}) : {Read()};");
            Declared($"c{id}");
        }

        private void ReturnForms(Context context, int id)
        {
            if (!context.ReturnAllowed)
            {
                PlainCalls(context, id);
                return;
            }
            Line($"if ({JumpCondition()}) return {Read()} + {S(context)} * 2;");
        }

        /// <summary><c>base.</c> members in a derived class's coroutine (<see cref="RandomProgramFeatures.BaseMethods"/>).</summary>
        private void BaseAccess(Context context)
        {
            var id = Id();
            if (host is { Dispatch: true } && random.Next(3) == 0)
            {
                HopForms(context, id);
                return;
            }
            switch (random.Next(Has(RandomProgramFeatures.BaseIndexers) ? 6 : 3))
            {
                case > 2:
                    BaseIndexerForms(context, id);
                    break;
                case 0:
                    Line($"Trace.Log(\"b{id} \" + base.Step({Read()}) + \" \" + Step({Read()}));");
                    break;
                case 1:
                    Line($"base.Q += {Read()};");
                    Line($"Trace.Log(\"b{id} \" + base.Q + \" \" + Q + \" \" + F);");
                    break;
                default:
                    _calls++;
                    var call = random.Next(2) == 0 ? "base." + Host.BaseCoroutine : Host.BaseCoroutine;
                    Line($"int c{id} = {call}({Read()} & 3);");
                    Declared($"c{id}");
                    break;
            }
        }
    }
}
