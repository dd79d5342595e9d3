using System;
using System.Collections.Generic;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// The part of <see cref="RandomProgramGenerator"/> that writes kinds of coroutine methods and calls
/// (<see cref="RandomProgramFeatures.MethodKindConstructs"/>): a generic coroutine with a constrained type
/// parameter called with two type arguments, <c>params</c>, optional and named arguments, virtual coroutines
/// called through <c>this</c> and <c>base</c>, <c>[Coroutine]</c> local functions called in loops, and a
/// suspension point of the program's own (<c>[SuspensionPoint]</c> on <c>Bell.Ring</c>); each form under its own flag.
/// </summary>
public static partial class RandomProgramGenerator
{
    /// <summary>The coroutines of <see cref="RandomProgramFeatures.ThisAndBaseDispatch"/>: <c>Hop</c> is virtual, <c>Tour</c> calls it through <c>this</c>.</summary>
    private static readonly string[] DispatchCoroutines = ["Hop", "Tour"];

    /// <summary>The suspension points of <c>Bell</c> (<see cref="RandomProgramHelpers"/>), whose async twins are <c>RingAsync</c> and <c>KnockAsync</c>.</summary>
    private static readonly string[] BellSuspensionPoints = ["Ring", "Knock"];

    private sealed partial class Writer
    {
        /// <summary>Coroutine methods written beside the method (static members of the program's type), for <see cref="GenericForms"/> and <see cref="ParamsForms"/>.</summary>
        public List<string> Members { get; } = [];

        /// <summary>The names of <see cref="Members"/>, for the async twin.</summary>
        public List<string> MemberNames { get; } = [];

        /// <summary>The method's forms of <see cref="RandomProgramFeatures.MethodKindConstructs"/>, each under its flag.</summary>
        private void AddMethodKindForms(List<Action<Context, int>> forms)
        {
            if (Has(RandomProgramFeatures.GenericCoroutines))
            {
                forms.Add(GenericForms);
            }
            if (Has(RandomProgramFeatures.ParamsAndNamedArguments))
            {
                forms.Add(ParamsForms);
            }
            if (Has(RandomProgramFeatures.ThisAndBaseDispatch))
            {
                forms.Add(HopForms);
            }
            if (Has(RandomProgramFeatures.LocalFunctionsInLoops))
            {
                forms.Add(LocalFunctionLoopForms);
            }
            if (Has(RandomProgramFeatures.UserSuspensionPoints))
            {
                forms.Add(BellForms);
            }
        }

        /// <summary>
        /// A generic coroutine whose type parameter is constrained (<c>where T : IComparable&lt;T&gt;</c>), keeping a
        /// <c>T</c> across its suspension, called with <c>int</c> (inferred) and with <c>string</c> or <c>long</c> (written).
        /// </summary>
        private void GenericForms(Context context, int id)
        {
            var function = $"{name}_g{id}";
            MemberNames.Add(function);
            Members.Add($$"""
                [Coroutine]
                public static int {{function}}<T>(T a, T b, int k)
                    where T : IComparable<T>
                {
                    Trace.Log("g{{id}} " + a + " " + b + " " + k);
                    T best = a.CompareTo(b) >= 0 ? a : b;
                    Yield.Sleep(k & 1);
                    Trace.Log("g{{id}} best " + best);
                    return (a.CompareTo(b) * 10) + k;
                }

                """);
            _calls += 2;
            var other = random.Next(2) == 0
                ? $"{function}<string>(\"s\" + {Read()}, \"s\" + {Read()}, {Read()})"
                : $"{function}<long>({Read()} * 3L, {Read()}, {Read()})";
            Line(random.Next(2) == 0
                ? $"int c{id} = {function}({Read()}, {S(context)}, {Read()}) - {other};"
                : $"int c{id} = {other} + {function}({Read()}, {Read()}, {Read()});");
            Declared($"c{id}");
        }

        /// <summary>
        /// A coroutine with an optional parameter and a <c>params</c> array, called with neither, with the array
        /// expanded, with named arguments out of order (evaluated as written, one suspending) and with the array named.
        /// </summary>
        private void ParamsForms(Context context, int id)
        {
            var function = $"{name}_pa{id}";
            MemberNames.Add(function);
            Members.Add($$"""
                [Coroutine]
                public static int {{function}}(int a, int b = 3, params int[] rest)
                {
                    Trace.Log("pa{{id}} " + a + " " + b + " [" + string.Join(",", rest) + "]");
                    Yield.Sleep(a & 1);
                    return (a * 100) + (b * 10) + rest.Length;
                }

                """);
            _calls++;
            var call = random.Next(4) switch
            {
                0 => $"{function}({Read()})",
                1 => $"{function}({Read()}, {Read()}, {Read()}, {S(context)})",
                2 => $"{function}(b: Pair({Read()}, {Read()}), a: {S(context)})",
                _ => $"{function}({Read()}, rest: new[] {{ {S(context)}, {Read()} }})",
            };
            Line($"int c{id} = {call};");
            Declared($"c{id}");
        }

        /// <summary>
        /// <see cref="RandomProgramFeatures.ThisAndBaseDispatch"/>: in a derived class's coroutine, the virtual <c>Hop</c>
        /// through <c>this</c> (the override runs, which waits for the base's) and through <c>base</c>, and the base class's
        /// <c>Tour</c>, which calls <c>Hop</c> through <c>this</c>; elsewhere, <c>Tour</c> on a new derived object.
        /// </summary>
        private void HopForms(Context context, int id)
        {
            var classes = Hosted(context, 'D');
            _calls++;
            if (host is { IsStruct: false, Dispatch: true })
            {
                Line(random.Next(3) switch
                {
                    0 => $"int c{id} = this.Hop({Read()} & 3) - base.Hop({Read()} & 3);",
                    1 => $"int c{id} = base.Tour({Read()} & 3) + Hop({Read()} & 3);",
                    _ => $"int c{id} = this.Tour({Read()} & 3);",
                });
                Line($"Trace.Log(\"c{id}=\" + c{id} + \" F=\" + F);");
                _scopes[^1].Add(new Variable($"c{id}", true));
                return;
            }
            if (classes.Count == 0)
            {
                _calls--;
                PlainCalls(context, id);
                return;
            }
            var derived = classes[random.Next(classes.Count)].Host;
            Line($"var hd{id} = new {derived}({Read()});");
            Line($"{derived}Base hb{id} = hd{id};");
            Line($"int c{id} = hd{id}.Tour({Read()} & 3) + hb{id}.Hop({Read()} & 3);");
            Line($"Trace.Log(\"c{id}=\" + c{id} + \" F=\" + hd{id}.F);");
            _scopes[^1].Add(new Variable($"c{id}", true));
        }

        /// <summary>
        /// A <c>[Coroutine]</c> local function called in a loop: declared before it (static, or capturing <c>acc</c>,
        /// which it changes), or declared in the loop body capturing that iteration's local (which a lambda captures too).
        /// </summary>
        private void LocalFunctionLoopForms(Context context, int id)
        {
            var function = $"{name}_ll{id}";
            LocalFunctions.Add(function);
            _calls++;
            _sleeps++;
            if (random.Next(2) == 0)
            {
                var capturing = random.Next(2) == 0;
                Line("[Coroutine]");
                Line(capturing ? $"int {function}(int lx{id})" : $"static int {function}(int lx{id})");
                Open();
                Line($"Trace.Log(\"lf{id} \" + lx{id});");
                Line($"Yield.Sleep(lx{id} & 1);");
                Line(capturing ? $"acc += lx{id};" : $"lx{id} *= 2;");
                Line(capturing ? "return acc;" : $"return lx{id};");
                Close();
                Line($"for (int j{id} = 0; j{id} < {random.Next(1, 4)}; j{id}++)");
                Open();
                Line($"int c{id} = {function}(j{id} + {ReadLocal()});");
                Line($"Trace.Log(\"c{id}=\" + c{id});");
                Close();
                return;
            }
            Line($"var fl{id} = new List<Func<int>>();");
            Line($"for (int j{id} = 0; j{id} < 2; j{id}++)");
            Open();
            Line($"int lc{id} = j{id} * 10 + {ReadLocal()};");
            Line("[Coroutine]");
            Line($"int {function}(int lx{id})");
            Open();
            Line($"Yield.Sleep(lx{id} & 1);");
            Line($"lc{id} += lx{id};");
            Line($"return lc{id};");
            Close();
            Line($"fl{id}.Add(() => lc{id});");
            Line($"Trace.Log(\"li{id} \" + {function}(j{id}) + \" \" + {function}(1) + \" \" + lc{id});");
            Close();
            Line($"foreach (var f{id} in fl{id}) Trace.Log(\"fl{id} \" + f{id}());");
        }

        /// <summary>
        /// <see cref="RandomProgramFeatures.UserSuspensionPoints"/>: <c>Bell.Ring(x)</c> (a value, which may throw after the
        /// resume) and <c>Bell.Knock(x)</c> (a statement), suspension points declared by the program, not the runtime;
        /// in an expression beside a coroutine call, as a coroutine call's argument and in a condition.
        /// </summary>
        private void BellForms(Context context, int id)
        {
            _sleeps++;
            Line($"var bl{id} = new Bell(\"bl{id}\");");
            switch (random.Next(3))
            {
                case 0:
                    Line($"int c{id} = bl{id}.Ring({Read()}) + {S(context)} * bl{id}.Ring({Read()} + 1);");
                    Declared($"c{id}");
                    break;
                case 1:
                    Line($"bl{id}.Knock({Read()});");
                    Line($"int c{id} = {S(context)} - bl{id}.Ring({Read()});");
                    Declared($"c{id}");
                    break;
                default:
                    Line($"if (bl{id}.Ring({Read()}) > {Read()})");
                    Block(context, BlockSize(), $"bl{id}.Knock({Read()} & 3);");
                    break;
            }
            Line($"Trace.Log(\"bl{id} rang \" + bl{id}.Rings);");
        }
    }
}
