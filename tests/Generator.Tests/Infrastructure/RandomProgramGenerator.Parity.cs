using System.Collections.Generic;
using System.Linq;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// The part of <see cref="RandomProgramGenerator"/> that writes what the generator learnt for C#
/// parity after the random programs' last extension (<see cref="RandomProgramFeatures.ParityConstructs"/>):
/// parts of <c>?.</c> chains, struct variable receivers, <c>with</c> on a record with its own copy
/// constructor, indexers' nested initializers, user-defined <c>&amp;&amp;</c>/<c>||</c>, virtual
/// dispatch, <c>[Coroutine]</c> local functions and base indexers; each form under its own flag.
/// </summary>
public static partial class RandomProgramGenerator
{
    private sealed partial class Writer
    {
        /// <summary>The callees that are instance coroutines of a struct (<c>P000001_2S</c>) or of a derived class (<c>P000001_2D</c>).</summary>
        private List<Callee> Hosted(Context context, char kind) =>
            Allowed(context).Where(c => c.Host is { } h && h[^1] == kind).ToList();

        /// <summary>A call of a struct callee with simple arguments (no nested call: the async twin's <c>?.</c> form needs them).</summary>
        private string StructCall(Callee callee, string receiver)
        {
            _calls++;
            return $"{receiver}{callee.Name}({Read()} + {random.Next(0, 3)})";
        }

        private void ChainPartForms(Context context, int id)
        {
            var structs = Hosted(context, 'S');
            if (structs.Count > 0 && random.Next(2) == 0)
            {
                var callee = structs[random.Next(structs.Count)];
                Line($"{callee.Host}? v{id} = {Read()} % 2 == 0 ? new {callee.Host}({Read()}) : null;");
                Line($"Trace.Log(\"v{id} \" + {StructCall(callee, $"v{id}?.")} + \" \" + v{id}?.F);");
                return;
            }
            Line(random.Next(2) == 0
                ? $"Trace.Log(\"m{id} \" + MaybeBox(new Box({Read()}), {Read()})?.Maybe({S(context)})?.Sum({Read()}));"
                : $"Trace.Log(\"m{id} \" + MaybeBox(new Box({Read()}), {Read()})?.Maybe({Read()})?.Sum({S(context)}));");
        }

        private void StructVariableForms(Context context, int id)
        {
            var structs = Hosted(context, 'S');
            if (structs.Count == 0)
            {
                PlainCalls(context, id);
                return;
            }
            // The struct is not read after the call: the original method, run directly, changes it in
            // place, whereas the coroutine (as C# async) works on a copy of it (StructReceiverTests shows that against C# async).
            var callee = structs[random.Next(structs.Count)];
            Line($"var sv{id} = new {callee.Host}({Read()});");
            Line($"int c{id} = {Read()} * 2 - {StructCall(callee, $"sv{id}.")};");
            Declared($"c{id}");
        }

        private void WithForms(Context context, int id)
        {
            Line($"var rc{id} = new Rec({Read()}, {Read()});");
            Line(random.Next(2) == 0
                ? $"var rw{id} = rc{id} with {{ A = {S(context)}, B = {Read()} }};"
                : $"var rw{id} = rc{id} with {{ B = {Read()}, A = {S(context)} }};");
            Line($"Trace.Log(\"rw{id} \" + rw{id} + \" \" + rc{id});");
        }

        private void IndexerInitializerForms(Context context, int id)
        {
            Line(random.Next(2) == 0
                ? $"var sh{id} = new Shelf {{ [{Read()}] = {{ {S(context)}, {Read()} }}, [{Read()} + 1] = {{ {Read()} }} }};"
                : $"var sh{id} = new Shelf {{ [{S(context)} & 3] = {{ {Read()}, {S(context)} }} }};");
            Line($"Trace.Log(\"sh{id} \" + sh{id});");
        }

        private void UserShortCircuitForms(Context context, int id)
        {
            if (random.Next(2) == 0)
            {
                Line($"var u{id} = RFlag.Of(\"u{id}a\", {Read()}) {Pick("&&", "||")} RFlag.Of(\"u{id}b\", {S(context)});");
                Line($"Trace.Log(\"u{id} \" + u{id});");
                return;
            }
            Line($"if (RFlag.Of(\"u{id}a\", {Read()}) {Pick("&&", "||")} RFlag.Of(\"u{id}b\", {S(context)}))");
            Block(context, BlockSize(), $"Trace.Log(\"then{id}\");");
        }

        private void DispatchForms(Context context, int id)
        {
            var classes = Hosted(context, 'D');
            if (classes.Count == 0)
            {
                PlainCalls(context, id);
                return;
            }
            var host = classes[random.Next(classes.Count)].Host;
            _calls++;
            Line($"{host}Base vb{id} = new {host}({Read()});");
            Line($"int c{id} = vb{id}.{Host.BaseCoroutine}({Read()} & 3);");
            Line($"Trace.Log(\"c{id}=\" + c{id} + \" F=\" + vb{id}.F);");
            _scopes[^1].Add(new Variable($"c{id}", true));
        }

        private void ExplicitInterfaceForms(Context context, int id)
        {
            var classes = Hosted(context, 'D');
            if (classes.Count == 0)
            {
                PlainCalls(context, id);
                return;
            }
            var host = classes[random.Next(classes.Count)].Host;
            _calls++;
            Line($"I{host} iw{id} = new {host}({Read()});");
            Line($"int c{id} = iw{id}.{Host.InterfaceCoroutine}({Read()} & 3);");
            Declared($"c{id}");
        }

        /// <summary>A <c>[Coroutine]</c> local function, then a call of it; a capturing one changes the enclosing <c>acc</c>.</summary>
        private void LocalFunctionForms(Context context, int id)
        {
            var function = $"{name}_lf{id}";
            var x = $"lx{id}";
            LocalFunctions.Add(function);
            _calls++;
            Line("[Coroutine]");
            if (random.Next(2) == 0)
            {
                Line($"static int {function}(int {x})");
                Open();
                Line($"Trace.Log(\"lf{id} \" + {x});");
                Line($"Yield.Sleep({x} & 1);");
                Line($"return {x} * 2;");
                Close();
            }
            else
            {
                Line($"int {function}(int {x})");
                Open();
                Line($"Trace.Log(\"lf{id} \" + {x} + \" acc=\" + acc);");
                Line("Yield.Sleep(1);");
                Line($"acc += {x};");
                Line("return acc;");
                Close();
            }
            Line($"int c{id} = {function}({Read()}) - {function}({Read()} + 1);");
            Declared($"c{id}");
        }

        /// <summary>
        /// A loop of two runs whose closures capture a catch filter's variable (<c>fc</c>, new for each
        /// catch, changed by the handler after a suspension) or a <c>foreach</c> collection's <c>out</c>
        /// variable (<c>it</c>, one per run of the <c>foreach</c>), then every closure called in order.
        /// </summary>
        private void CapturedFilterAndCollectionForms(Context context, int id)
        {
            var inLoop = context with { LoopNesting = context.LoopNesting + 1 };
            var suspension = Suspending(inLoop, nested: false) ?? $"Yield.Sleep(j{id} & 1)";
            Line($"var fk{id} = new List<Func<int>>();");
            Line($"for (int j{id} = 0; j{id} < 2; j{id}++)");
            Open();
            if (random.Next(2) == 0)
            {
                Line("try");
                Open();
                Line($"{suspension};");
                Line($"throw new AppException(\"f{id}\", j{id} + {Read()});");
                Close();
                Line($"catch (AppException e{id}) when (e{id}.Code is int fc{id} && fc{id} % {random.Next(1, 3)} == 0 && KeepReader(fk{id}, () => fc{id}))");
                Open();
                Line($"fk{id}.Add(() => fc{id} * 10);");
                Line("Yield.Sleep(1);");
                Line($"fc{id}++;");
                Close();
                Line($"catch (AppException e{id})");
                Open();
                Line($"Trace.Log(\"unfiltered{id} \" + e{id}.Code);");
                Close();
            }
            else
            {
                Line($"foreach (var x{id} in Items(out var it{id}, j{id} + {Read()}))");
                Open();
                Line($"fk{id}.Add(() => it{id} * 10 + x{id});");
                Line($"{suspension};");
                Line($"it{id}++;");
                Close();
            }
            Close();
            Line($"foreach (var f{id} in fk{id}) Trace.Log(\"captured{id} \" + f{id}());");
        }

        /// <summary><see cref="RandomProgramFeatures.BaseIndexers"/>: the derived class's coroutine reads and writes the base indexer, skipping the override.</summary>
        private void BaseIndexerForms(Context context, int id)
        {
            var value = Suspending(context) ?? $"{Host.BaseCoroutine}({Read()} & 3)";
            _calls++;
            switch (random.Next(3))
            {
                case 0:
                    Line($"base[{Read()}] ??= {value};");
                    break;
                case 1:
                    Line($"Trace.Log(\"bi{id} \" + base[{Read()}]++ + \" \" + {value});");
                    break;
                default:
                    var locals = AssignableLocals();
                    var local = locals[random.Next(locals.Count)];
                    Line($"(base[{Read()}], {local}) = ({value}, {Read()} + 1);"); // not ({value}, {local}): CS1717
                    Line($"Trace.Log(\"{local}=\" + {local});");
                    break;
            }
            Line($"Trace.Log(\"bi{id} \" + base[0] + \" \" + base[1] + \" \" + base[2] + \" \" + base[3] + \" \" + this[0]);");
        }
    }
}
