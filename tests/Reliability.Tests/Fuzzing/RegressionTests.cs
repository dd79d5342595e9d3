using System.Linq;
using System.Threading;
using Xunit;

namespace Coroutines.Reliability.Tests.Fuzzing;

/// <summary>
/// Minimal inputs the fuzzer found that crashed the generator or made it emit code that does not
/// compile with no error of its own to explain it. Each must pass the same check as every mutant:
/// no exception, no COR0017, and output that compiles unless a COR error (or the user's own
/// compiler error) explains why not. A test here fails until its bug is fixed in src/Generator;
/// its entry in <see cref="KnownIssues"/> keeps the fuzz run looking for other bugs meanwhile.
/// </summary>
public sealed class RegressionTests
{
    private static void AssertPasses(string source)
    {
        var result = GeneratorCheck.Check(source, CancellationToken.None, checkDeterminism: true);
        Assert.False(result.IsFailure, result.Describe());
    }

    // Found by mutants that renamed a type or member to what the generator adds for a coroutine M:
    // a nested class MStateMachine and a factory MCoroutine. The generator declared them anyway;
    // the output then fails with CS0542 / CS0102 / CS0111 / CS0694 and no COR diagnostic says why.
    [Theory]
    [InlineData("partial class MCoroutine { [Coroutine] static void M() { Yield.Sleep(1); } }")]        // CS0542: factory named like its type
    [InlineData("partial class MStateMachine { [Coroutine] static void M() { Yield.Sleep(1); } }")]     // CS0542: nested class named like its type
    [InlineData("partial class C { int MStateMachine; [Coroutine] static void M() { Yield.Sleep(1); } }")] // CS0102
    [InlineData("partial class C { bool MCoroutine => true; [Coroutine] static void M() { Yield.Sleep(1); } }")] // CS0102
    [InlineData("partial class C { static object MCoroutine() => null!; [Coroutine] static void M() { Yield.Sleep(1); } }")] // CS0111
    [InlineData("partial class C<MStateMachine> { [Coroutine] static void M() { Yield.Sleep(1); } }")] // CS0102: type parameter
    [InlineData("partial class C { [Coroutine] static void M<MStateMachine>() { Yield.Sleep(1); } }")] // CS0694: method type parameter
    [InlineData("class B { protected int MStateMachine; } partial class C : B { [Coroutine] void M() { Yield.Sleep(1); MStateMachine++; } }")] // CS0572: inherited member hidden
    [InlineData("partial class O<MStateMachine> { partial class C { System.Collections.Generic.List<MStateMachine> _l = new(); [Coroutine] void M(MStateMachine k) { Yield.Sleep(1); _l.Add(k); } } }")] // CS1503: outer type parameter hidden
    [InlineData("class MStateMachine { } partial class C { MStateMachine _m = new(); [Coroutine] void M() { Yield.Sleep(1); } }")] // CS0029: a type outside hidden
    [InlineData("class MCoroutine { } partial class C { MCoroutine _m = new(); [Coroutine] void M() { Yield.Sleep(1); } }")] // CS0118: a type outside hidden by the factory
    public void Generated_names_must_not_collide_with_the_users_names(string type) =>
        AssertPasses("using Coroutines;\n" + type);

    // Found by mutants of the composition seed: a coroutine that calls one whose own errors stop
    // the generator (COR0007 when it was found; `F() + 1` is spilled since issue 14) has no factory
    // to call; and a property named `var` assigned by the value of a call, which must become
    // @this.var like any other instance member.
    [Theory]
    [InlineData("partial class C { [Coroutine] static int F() { Yield.Sleep(1); var x = F() + 1; return x; } [Coroutine] static int G() { var y = F(); return y; } }")]
    [InlineData("partial class C { int var { get; set; } [Coroutine] static int F() { Yield.Sleep(1); return 1; } [Coroutine] void G() { var = F(); var x = var; var = x + F(); } }")]
    [InlineData("partial class C { int var { get; set; } [Coroutine] static int F() { Yield.Sleep(1); return 1; } [Coroutine] void G() { var = F(); var x = var; } }")]
    public void Calls_between_coroutines_compile_or_are_explained(string type) =>
        AssertPasses("using Coroutines;\n" + type);

    // Found by a mutant that renamed a pattern variable to `state`. A pattern variable declared in an
    // `if` condition at the top level of the body is scoped to the enclosing block, which in the
    // generated code is Step() itself: it hides the field `state` (and likewise the inherited
    // Complete and ThrowPending that Step() calls).
    [Theory]
    [InlineData("state")]
    [InlineData("Complete")]
    [InlineData("ThrowPending")]
    public void A_local_in_kept_code_must_not_shadow_what_Step_uses(string name) =>
        AssertPasses($$"""
            using Coroutines;
            partial class C
            {
                [Coroutine]
                static int M(object value)
                {
                    Yield.Sleep(1);
                    if (value is string {{name}} && {{name}}.Length > 0) { return {{name}}.Length; }
                    Yield.Sleep(2);
                    return 0;
                }
            }
            """);

    // Found by a mutant that inserted `{ resume1: ; }`: a label in code kept as written lands inside
    // Step(), whose own labels (resume1, if1_end, while1_break, ...) it then shadows (CS0158).
    [Theory]
    [InlineData("resume1")]
    [InlineData("if1_end")]
    [InlineData("while1_continue")]
    public void A_label_in_kept_code_must_not_collide_with_generated_labels(string label) =>
        AssertPasses($$"""
            using Coroutines;
            partial class C
            {
                [Coroutine]
                static void M(bool b)
                {
                    while (b)
                    {
                        if (b) { Yield.Sleep(1); }
                    }
                    { {{label}}: ; }
                }
            }
            """);

    // Found by a mutant that inserted a loop with a sleep after `return` (mid-edit code). The
    // method compiles (warning CS0162), but the resume label makes the loop reachable in Step(),
    // whose end then lacks a return (CS0161).
    [Fact]
    public void A_suspension_in_unreachable_code_must_not_break_the_state_machine() =>
        AssertPasses("""
            using Coroutines;
            partial class C
            {
                [Coroutine]
                static int M()
                {
                    return 1;
                    do Yield.Sleep(1); while (System.Environment.TickCount < 0);
                }
            }
            """);

    // Found by truncations and token deletions: a `case` label whose switch header is gone (as when
    // a user deletes a line mid-edit) parses into a statement whose missing tokens sit at position
    // 0; the generator builds a span from them and reports COR0017 ("please report this") with an
    // ArgumentOutOfRangeException instead of leaving the syntax error to the compiler.
    [Fact]
    public void Half_typed_code_with_missing_tokens_must_not_be_an_internal_error() =>
        AssertPasses("""
            using Coroutines;
            partial class C
            {
                [Coroutine]
                static void M(int k)
                {
                    case 1:
                        Yield.Sleep(1);
                }
            }
            """);

    // Found by mutants (FUZZ_SEED=7) that renamed a parameter to `@this`: the state machine's
    // constructor took the instance as `@this` and the parameter under its own name too (CS0100,
    // CS0229). Also a local `var @this` kept in Step(), where it hid the field `@this` that
    // implicit `this` is rewritten to (CS1061).
    [Theory]
    [InlineData("partial class C { int _n; [Coroutine] int M(string @this, int ms) { Yield.Sleep(ms); return _n + @this.Length; } }")]
    [InlineData("partial class C { int _n; [Coroutine] static int M(string @this) { Yield.Sleep(1); return @this.Length; } }")]
    [InlineData("partial class C { int _n; [Coroutine] void M() { Yield.Sleep(1); { var @this = 3; _n += @this; } } }")]
    [InlineData("partial class C { int _n; [Coroutine] void M(int k) { while (k-- > 0) { Yield.Sleep(1); { var @this = 3; _n += @this; } } } }")]
    [InlineData("partial class C { int _n; [Coroutine] void M() { Yield.Sleep(1); System.Func<int, int> f = @this => @this + _n; _n = f(1); } }")]
    public void A_parameter_or_local_named_this_must_not_clash_with_the_instance_field(string type)
    {
        AssertPasses("using Coroutines;\n" + type);
        var result = GeneratorCheck.Check("using Coroutines;\n" + type, CancellationToken.None);
        Assert.True(result.Verdict == Verdict.OutputCompiles, result.Describe()); // renamed, not refused
    }

    // Parameters and locals (hoisted, or kept in Step()) named like the state machine's members.
    [Theory]
    [InlineData("state")]
    [InlineData("Step")]
    [InlineData("DefaultName")]
    [InlineData("SuspendAt")]
    [InlineData("ObservesCancellation")]
    public void A_parameter_or_local_named_like_a_generated_member_compiles(string name) =>
        AssertPasses($$"""
            using Coroutines;
            partial class C
            {
                int _n;
                [Coroutine]
                int M(int {{name}})
                {
                    int k = {{name}};
                    Yield.Sleep(1);
                    { var {{name}}2 = k; _n += {{name}}2; }
                    foreach (var x in new[] { 1 }) { int {{name}}3 = x; _n += {{name}}3; }
                    Yield.Sleep(k);
                    return k + {{name}} + _n;
                }

                [Coroutine]
                int N()
                {
                    Yield.Sleep(1);
                    { int {{name}} = 2; _n += {{name}}; }
                    int y = _n;
                    Yield.Sleep(y);
                    return y;
                }
            }
            """);

    // Found by a mutant (FUZZ_SEED=7, 40,000 mutants) that inserted `string Complete = "c";` into an
    // `if` kept as written: the local stays a local in Step(), where the `return false;` beside it
    // became `return Complete(false);` and bound to the string (CS0149). Now COR0020 on the local.
    [Theory]
    [InlineData("Complete")]
    [InlineData("state")]
    [InlineData("ThrowPending")]
    public void A_local_in_kept_code_must_not_hide_what_the_rewritten_code_calls(string name)
    {
        var source = $$"""
            using Coroutines;
            partial class C
            {
                [Coroutine]
                static bool M(System.Func<bool> seen, int timeoutMs)
                {
                    var waited = 0;
                    while (!seen())
                    {
                        if (waited >= timeoutMs)
                        {
                            string {{name}} = "c";
                            return {{name}}.Length > 0;
                        }
                        Yield.Sleep(100);
                        waited += 100;
                    }
                    return true;
                }
            }
            """;
        AssertPasses(source);
        var result = GeneratorCheck.Check(source, CancellationToken.None);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "COR0020" && d.GetMessage().Contains($"'{name}'", System.StringComparison.Ordinal));
    }

    // Found by mutants (FUZZ_SEED=7) that renamed a type parameter to `state` or `DefaultName`:
    // the state machine declares the method's type parameters and also a field `state` and the
    // members it inherits from Coroutine (DefaultName, Step, ...): CS0102, CS0118.
    [Theory]
    [InlineData("state")]
    [InlineData("DefaultName")]
    [InlineData("Step")]
    [InlineData("SuspendAt")]
    public void A_type_parameter_must_not_collide_with_the_state_machines_members(string name)
    {
        var source = $"using Coroutines;\npartial class C {{ [Coroutine] static {name} M<{name}>({name} value) {{ Yield.Sleep(1); return value; }} }}";
        AssertPasses(source);
        var result = GeneratorCheck.Check(source, CancellationToken.None);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "COR0020" && d.Location != Microsoft.CodeAnalysis.Location.None && d.GetMessage().Contains($"'{name}'", System.StringComparison.Ordinal));
    }

    // Found by token duplications (FUZZ_SEED=7): a `catch (` with neither type nor block, as
    // half-typed code has it, made BuildTryCatch throw a NullReferenceException (COR0017); so did
    // a `using` left with a declarator of missing tokens (BuildUsingDeclarators), and `using (null)`.
    [Theory]
    [InlineData("partial class C {\n    [Coroutine    public int WithTry(int ms    {\n        try\n        catch (;\n            Yield.Sleep(ms\n")]
    [InlineData("partial class C { [Coroutine] public int WithTry(int ms) { try { Yield.Sleep(ms); } catch (; return 1; } }")]
    [InlineData("partial class C { [Coroutine] public int WithTry(int ms) { try { Yield.Sleep(ms); } catch (System.Exception e) Yield.Sleep(ms); return 1; } }")]
    [InlineData("namespace         [Coroutine        public ? Lookup(            {\n                {\n                }\nusing             }\n")] // a return type that is only `?`
    [InlineData("partial class C { [Coroutine] static void M() { Yield.Sleep(1); using (null) { Yield.Sleep(2); } } }")] // valid: nothing to dispose
    public void A_half_typed_catch_clause_must_not_be_an_internal_error(string type) =>
        AssertPasses("using Coroutines;\n" + type);

    // Found by a mutant of samples/GameLoop (FUZZ_SEED=20260108, mutant 2575): a `?.` with its name
    // missing inside the argument of a factory call; binding a rewritten copy of it speculatively
    // crashed inside Roslyn (NullReferenceException, COR0017). Broken syntax is left to the compiler.
    [Theory]
    [InlineData("partial class {\nMenu(    {\n    }\n    [Coroutine]\nvoid WaveScope(world;\n    [Coroutine]\nvoid Level(    {\n        var wave = Yield.Spawn(WaveScopeCoroutine(world?. (wave\n")]
    [InlineData("partial class C { [Coroutine] static void W(object o) { Yield.Sleep(1); } [Coroutine] static void L(object o) { var w = Yield.Spawn(WCoroutine(o?. (w))); } }")]
    public void A_factory_call_around_broken_syntax_must_not_be_an_internal_error(string type) =>
        AssertPasses("using Coroutines;\n" + type);

    // Found by the first fuzz runs (fixed since): two [Coroutine] methods with the same signature
    // (a duplicate the compiler reports as CS0111, typical after a paste) got the same hint name,
    // and AddSource threw: CS8785 removed every generated file of the project.
    [Fact]
    public void Duplicate_coroutines_must_not_crash_the_generator()
    {
        var source = """
            using Coroutines;
            static partial class C
            {
                [Coroutine] public static int M(int n) { Yield.Sleep(n); return n; }
                [Coroutine] public static int M(int n) { Yield.Sleep(n); return n; }
                [Coroutine] public static int Other(int n) { Yield.Sleep(n); return n; }
            }
            """;
        AssertPasses(source);
        var result = GeneratorCheck.Check(source, CancellationToken.None);
        Assert.Contains(result.Generated, static g => g.HintName.Contains("Other", System.StringComparison.Ordinal)); // the rest still generates
    }

    [Fact]
    public void Every_open_bug_has_a_matcher_and_every_matcher_an_open_bug() =>
        Assert.Equal(
            KnownIssues.Found.Where(static b => !b.Fixed).Select(static b => b.Id).Order(),
            KnownIssues.MatchedIds.Order());
}
