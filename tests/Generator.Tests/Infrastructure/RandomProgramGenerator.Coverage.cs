using System.Linq;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// The part of <see cref="RandomProgramGenerator"/> that writes the rows of docs/csharp-support.md
/// marked supported that the random programs did not write before (<see cref="RandomProgramFeatures.CoverageConstructs"/>):
/// anonymous-type values across suspensions, nullable-struct parts of longer <c>?.</c> chains, queries
/// suspending in their first <c>from</c> or a <c>join</c>, jumps out of a <c>try</c> whose <c>finally</c>
/// suspends, ref locals between suspensions, and other positions; each form under its own flag.
/// </summary>
public static partial class RandomProgramGenerator
{
    private sealed partial class Writer
    {
        /// <summary>
        /// An anonymous object whose member suspends, kept in a local across a suspension (read again,
        /// nested in another, captured by a lambda, copied by <c>with</c>); a <c>List&lt;anonymous&gt;</c>
        /// and an array of them; anonymous operands evaluated before a suspension in an expression.
        /// </summary>
        private void AnonymousTypeForms(Context context, int id)
        {
            switch (random.Next(4))
            {
                case 0:
                    Line($"var an{id} = new {{ A = {Read()}, B = {S(context)} }};");
                    Line($"var ao{id} = new {{ In = an{id}, C = {S(context)} }};");
                    Line($"Func<int> af{id} = () => an{id}.A + ao{id}.C;");
                    Sleep();
                    Line($"var aw{id} = an{id} with {{ A = {S(context)} }};");
                    Line($"Trace.Log(\"an{id} \" + an{id} + \" \" + ao{id} + \" \" + aw{id} + \" \" + af{id}());");
                    break;
                case 1:
                    Line($"var al{id} = ListOf(new {{ K = {Read()}, Name = \"k\" }});");
                    Line($"al{id}.Add(new {{ K = {S(context)}, Name = \"s\" }});");
                    Sleep();
                    Line($"Trace.Log(\"al{id} \" + string.Join(\",\", al{id}) + \" \" + al{id}[^1].K);");
                    break;
                case 2:
                    Line($"var aa{id} = new[] {{ new {{ K = {Read()} }}, new {{ K = {S(context)} }} }};");
                    Sleep();
                    Line($"aa{id}[0] = new {{ K = aa{id}[1].K + {S(context)} }};");
                    Line($"Trace.Log(\"aa{id} \" + aa{id}[0] + \" \" + aa{id}[1]);");
                    break;
                default:
                    Line(random.Next(2) == 0
                        ? $"Trace.Log(\"ae{id} \" + new {{ A = {Read()}, B = {S(context)} }} + \" \" + {S(context)});"
                        : $"Trace.Log(\"ae{id} \" + ({Condition()} ? new {{ A = {Read()} }} : null) + \" \" + {S(context)});");
                    break;
            }
        }

        /// <summary>
        /// A struct coroutine called on a part of a longer <c>?.</c> chain: a nullable struct field
        /// (<c>h?.NS?.M(x)</c>, on a copy of its value), a struct field (<c>h?.S.M(x)</c>, in place) or
        /// property (<c>h?.P.M(x)</c>, on a copy) of a nullable holder. The holder is not read after the
        /// call (the original method, run directly, changes its field in place; the coroutine, as C# async, a copy).
        /// </summary>
        private void NullableStructChainForms(Context context, int id)
        {
            var structs = Hosted(context, 'S');
            if (structs.Count == 0)
            {
                PlainCalls(context, id);
                return;
            }
            var callee = structs[random.Next(structs.Count)];
            Line($"{callee.Host}Holder? h{id} = {Read()} % 3 == 2 ? null : new {callee.Host}Holder({Read()});");
            var part = Pick("NS?.", "S.", "P.");
            Line($"Trace.Log(\"h{id} \" + {StructCall(callee, $"h{id}?.{part}")} + \" \" + {Read()});");
        }

        /// <summary>
        /// A query whose first <c>from</c> collection suspends, or a <c>join</c>'s collection (right after the first <c>from</c>, or after a <c>where</c>),
        /// enumerated after a suspension. The part before a <c>join</c> after a <c>where</c> reads no variable: one captured per
        /// iteration there is refused (COR0007, split the query), and inside a loop (whose closures may capture per iteration) such a query
        /// is refused even when it reads none (C# accepts it: a gap of the generator), so that form is written outside loops only.
        /// </summary>
        private void QueryForms(Context context, int id)
        {
            switch (random.Next(4))
            {
                case 0:
                    Line($"var qy{id} = from qa{id} in new[] {{ {Read()}, {S(context)}, {Read()} }} where qa{id} % 2 == {random.Next(2)} select qa{id} * 10 + {ReadLocal()};");
                    break;
                case 1:
                    Line($"var qy{id} = from qa{id} in Iter(\"q{id}\", {S(context)} & 3) select qa{id} + {ReadLocal()};");
                    break;
                case 3 when context.LoopNesting == 0:
                    Line($"var qy{id} = from qa{id} in new List<int> {{ {random.Next(4)}, 1, 2 }} where qa{id} != {random.Next(3)} join qb{id} in Iter(\"q{id}\", {S(context)} & 3) on qa{id} equals qb{id} select qa{id} - qb{id};");
                    break;
                default:
                    Line($"var qy{id} = from qa{id} in new[] {{ {Read()}, {Read()}, 2 }} join qb{id} in new[] {{ {S(context)}, {Read()} }} on qa{id} & 1 equals qb{id} & 1 select qa{id} * 10 + qb{id};");
                    break;
            }
            Sleep();
            Line($"Trace.Log(\"qy{id} \" + string.Join(\",\", qy{id}));");
        }

        /// <summary>
        /// A <c>goto</c> out of a <c>try</c> whose <c>finally</c> suspends (the finally runs, and sleeps,
        /// before the jump lands), or out of a loop whose body suspends, to a label after it.
        /// </summary>
        private void JumpOutForms(Context context, int id)
        {
            if (random.Next(2) == 0)
            {
                Line("try");
                Open();
                Line($"Trace.Log(\"jt{id} \" + {S(context)});");
                Line($"if ({JumpCondition()}) goto out{id};");
                Line($"Trace.Log(\"jt{id} stays\");");
                Close();
                Line("finally");
                Open();
                Line($"Trace.Log(\"jf{id}\");");
                Line($"Yield.Sleep({random.Next(0, 3)});");
                Close();
                _sleeps++;
            }
            else
            {
                var inLoop = context with { LoopNesting = context.LoopNesting + 1 };
                var suspension = Suspending(inLoop, nested: false);
                _sleeps++;
                Line($"for (int j{id} = 0; j{id} < 3; j{id}++)");
                Open();
                Line(suspension is null ? $"Yield.Sleep(j{id} & 1);" : $"Trace.Log(\"jl{id} \" + j{id} + \" \" + {suspension});");
                Line($"if (j{id} == {Read()} % 4) goto out{id};");
                Close();
            }
            Line($"Trace.Log(\"jt{id} after\");");
            Line($"out{id}:");
            Line($"Trace.Log(\"jt{id} out\");");
        }

        /// <summary>A local or parameter, not a field of <c>this</c> (a lambda in a struct cannot read one, CS1673).</summary>
        private string ReadLocal()
        {
            var locals = Visible().Where(v => !v.IsField).ToList();
            return locals[random.Next(locals.Count)].Name;
        }

        /// <summary>A ref local used between two suspensions, inside a block with none (C# async refuses one that lives across an await).</summary>
        private void RefLocalForms(Context context, int id)
        {
            Line($"int[] rl{id} = {{ {Read()}, {S(context)} }};");
            Open();
            Line($"ref int r{id} = ref rl{id}[{Read()} & 1];");
            Line($"r{id} {Pick("+=", "-=", "*=")} {Read()} + 1;");
            Line($"Trace.Log(\"r{id} \" + r{id});");
            Close();
            Line($"int c{id} = rl{id}[0] - {S(context)};");
            Line($"Trace.Log(\"rl{id} \" + string.Join(\",\", rl{id}) + \" \" + c{id});");
        }
        /// <summary>A <c>switch</c> expression whose arms and <c>when</c> guard suspend, or a <c>case</c> guard of a <c>switch</c> statement that suspends (only when its pattern matched).</summary>
        private void SwitchArmForms(Context context, int id)
        {
            if (random.Next(2) == 0)
            {
                Line($"int c{id} = {Read()} switch {{ 0 => {S(context)}, > {random.Next(1, 4)} when {S(context)} > {random.Next(0, 5)} => {Read()}, < 0 => -1, _ => {Read()} + {S(context)} }};");
                Declared($"c{id}");
                return;
            }
            Line($"switch ({Read()} % 3)");
            Open();
            _scopes.Add([new Variable($"g{id}", false)]);
            Line($"case int g{id} when {S(context)} > g{id} + {random.Next(0, 3)}:");
            _scopes.RemoveAt(_scopes.Count - 1);
            Line($"    Trace.Log(\"guard{id} \" + g{id});");
            Line("    break;");
            Line("case 1:");
            Line($"    Trace.Log(\"one{id}\");");
            Line("    break;");
            Line("default:");
            Line($"    Trace.Log(\"other{id}\");");
            Line("    break;");
            Close();
        }

        /// <summary>Collection expressions with spreads whose elements suspend: the elements in order, a spread's operand evaluated before a later suspension.</summary>
        private void CollectionExpressionForms(Context context, int id)
        {
            Line(random.Next(2) == 0
                ? $"int[] ce{id} = [{Read()}, .. new[] {{ {Read()}, {Read()} }}, {S(context)}];"
                : $"List<int> ce{id} = [.. Iter(\"ce{id}\", {Read()} & 3), {S(context)}, .. Iter(\"cf{id}\", {S(context)} & 3)];");
            Line($"Trace.Log(\"ce{id} \" + string.Join(\",\", ce{id}));");
        }

        /// <summary>A compound assignment or <c>??=</c> used as a value: the value stored (for <c>??=</c>, the one read when it is not null).</summary>
        private void CompoundValueForms(Context context, int id)
        {
            if (random.Next(2) == 0)
            {
                var locals = AssignableLocals();
                var local = locals[random.Next(locals.Count)];
                Line($"Trace.Log(\"cv{id} \" + ({local} {Pick("+=", "-=", "*=")} {S(context)}) + \" \" + {local});");
                return;
            }
            Line($"int? qn{id} = {Read()} % 2 == 0 ? null : {Read()};");
            Line($"Trace.Log(\"cv{id} \" + (qn{id} ??= {S(context)}) + \" \" + qn{id});");
        }

        /// <summary>A <c>for</c> loop whose initializers and incrementors suspend (<c>continue</c> goes to the incrementors).</summary>
        private void ForClauseForms(Context context, int id)
        {
            var inner = context with { LoopNesting = context.LoopNesting + 1, BreakAllowed = true, ContinueAllowed = true, InSwitchSection = false };
            if (context.LoopNesting >= MaxLoopNesting || Allowed(inner).Count == 0)
            {
                PlainCalls(context, id);
                return;
            }
            var start = S(context);
            Line($"for (int fi{id} = {start} & 1, fj{id} = 0; fi{id} < 4; fi{id} += ({S(inner)} & 1) + 1, fj{id}++)");
            _scopes.Add([new Variable($"fi{id}", false), new Variable($"fj{id}", false)]);
            Block(inner, BlockSize(), $"Trace.Log(\"for{id} \" + fi{id} + \" \" + fj{id});");
            _scopes.RemoveAt(_scopes.Count - 1);
        }

        /// <summary>A <c>lock</c> whose operand suspends (the lock taken after the resume), a <c>checked</c> expression around a suspension (it may overflow).</summary>
        private void LockAndCheckedForms(Context context, int id)
        {
            if (random.Next(2) == 0)
            {
                Line($"lock (Gate({S(context)}))");
                Open();
                Line($"Trace.Log(\"locked{id} \" + {Read()});");
                Close();
                return;
            }
            Line($"int c{id} = checked(int.MaxValue - {random.Next(2, 6)} + {S(context)});");
            Declared($"c{id}");
        }

        /// <summary>A deconstruction into an array element and a property, the right side suspending: arrays, indexes and receivers first.</summary>
        private void DeconstructionTargetForms(Context context, int id)
        {
            Line($"int[] dz{id} = {{ {Read()}, 0 }};");
            Line($"var bz{id} = new Box({Read()});");
            Line(random.Next(2) == 0
                ? $"(dz{id}[{Read()} & 1], bz{id}.P) = ({S(context)}, {S(context)});"
                : $"(bz{id}.F, dz{id}[{Read()} & 1]) = ({Read()}, {S(context)});");
            Line($"Trace.Log(\"dz{id} \" + string.Join(\",\", dz{id}) + \" \" + bz{id});");
        }

        /// <summary>A nested collection initializer of a member (<c>Items = { F(x) }</c>), a <c>with</c> on a positional record and on a struct, whose values suspend.</summary>
        private void NestedInitializerAndWithForms(Context context, int id)
        {
            switch (random.Next(3))
            {
                case 0:
                    Line($"var bn{id} = new Box({Read()}) {{ Items = {{ {Read()}, {S(context)} }}, F = {S(context)} }};");
                    Line($"Trace.Log(\"bn{id} \" + bn{id});");
                    break;
                case 1:
                    Line($"var pr{id} = new PRec({Read()}, {Read()});");
                    Line(random.Next(2) == 0
                        ? $"var pw{id} = pr{id} with {{ A = {S(context)}, B = {Read()} }};"
                        : $"var pw{id} = pr{id} with {{ B = {Read()}, A = {S(context)} }};");
                    Line($"Trace.Log(\"pw{id} \" + pw{id} + \" \" + pr{id});");
                    break;
                default:
                    Line($"var sw{id} = new SBox {{ F = {Read()} }} with {{ P = {S(context)} }};");
                    Line($"Trace.Log(\"sw{id} \" + sw{id});");
                    break;
            }
        }
        /// <summary>
        /// A catch filter that assigns the catch variable (<c>when ((e = new AppException(...)) != null)</c>), seen by
        /// its handler after a suspension; <c>throw;</c> there rethrows the exception caught, not the one assigned.
        /// </summary>
        private void FilterAssignmentForms(Context context, int id)
        {
            Line("try");
            Open();
            Line($"throw new AppException(\"fa{id}\", {S(context)});");
            Close();
            Line($"catch (AppException e{id}) when ((e{id} = new AppException(\"fb{id}\", e{id}.Code + 1)) != null)");
            Open();
            Sleep();
            Line($"Trace.Log(\"fa{id} \" + e{id}.Message + \" \" + e{id}.Code);");
            if (context.RethrowAllowed || random.Next(3) == 0)
            {
                Line($"if ({JumpCondition()}) throw;");
            }
            Close();
        }
        /// <summary>
        /// Closures capturing a variable that is new each time its scope is entered again in a run that
        /// suspends: a catch variable and a local of a <c>switch</c> section (assigned in another section)
        /// in a loop, a block's local entered again by a backward <c>goto</c>; every closure called after.
        /// </summary>
        private void FreshVariableClosureForms(Context context, int id)
        {
            _sleeps++;
            Line($"var fz{id} = new List<Func<int>>();");
            switch (random.Next(3))
            {
                case 0:
                    Line($"for (int j{id} = 0; j{id} < 2; j{id}++)");
                    Open();
                    Line("try");
                    Open();
                    Line($"throw new AppException(\"cz{id}\", j{id} + {ReadLocal()});");
                    Close();
                    Line($"catch (AppException ce{id})");
                    Open();
                    Line($"fz{id}.Add(() => ce{id}.Code * 10);");
                    Line("Yield.Sleep(1);");
                    Close();
                    Close();
                    break;
                case 1:
                    Line($"for (int j{id} = 0; j{id} < 2; j{id}++)");
                    Open();
                    Line($"switch ((j{id} + {ReadLocal()}) % 2)");
                    Open();
                    Line("case 0:");
                    Line($"    int sz{id} = j{id} * 10 + 1;");
                    Line($"    fz{id}.Add(() => sz{id});");
                    Line("    Yield.Sleep(1);");
                    Line($"    sz{id}++;");
                    Line("    break;");
                    Line("default:");
                    Line($"    sz{id} = j{id} * 10 + 2;");
                    Line($"    fz{id}.Add(() => sz{id});");
                    Line("    Yield.Sleep(0);");
                    Line("    break;");
                    Close();
                    Close();
                    break;
                default:
                    Line($"int gz{id} = 0;");
                    Line($"agz{id}:");
                    Open();
                    Line($"int gv{id} = gz{id} * 10 + {ReadLocal()};");
                    Line($"fz{id}.Add(() => gv{id});");
                    Line("Yield.Sleep(1);");
                    Line($"gv{id}++;");
                    Close();
                    Line($"gz{id}++;");
                    Line($"if (gz{id} < 2) goto agz{id};");
                    break;
            }
            Line($"foreach (var f{id} in fz{id}) Trace.Log(\"fz{id} \" + f{id}());");
        }
    }
}
