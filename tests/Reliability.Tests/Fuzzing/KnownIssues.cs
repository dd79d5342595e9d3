using System;
using System.Collections.Generic;
using System.Linq;

namespace Coroutines.Reliability.Tests.Fuzzing;

/// <summary>
/// Generator bugs the fuzzer found that are reported and pinned by a test in
/// <see cref="RegressionTests"/> (which fails until the bug is fixed), but are not fixed yet. A
/// mutant that fails exactly this way is counted under the issue instead of failing the fuzz run
/// again, so the fuzz test keeps looking for new bugs meanwhile. Remove an entry once its
/// regression test passes: the fuzz run then guards the fix too.
/// </summary>
internal static class KnownIssues
{
    // No open issue: every bug found so far is fixed, and its regression test passes.
    private static readonly List<(string Id, Func<CheckResult, bool> Matches)> s_issues = [];

    /// <summary>
    /// Every bug the fuzzer has found, open or fixed, for <c>docs/reliability.md</c>. Each has a test
    /// in <see cref="RegressionTests"/>; an open one also has a matcher above.
    /// </summary>
    public static IReadOnlyList<(string Id, bool Fixed, string Summary)> Found { get; } =
    [
        ("duplicate-hint-name", true, "two [Coroutine] methods with one signature (a paste): AddSource threw, CS8785 dropped all generated code"),
        ("name-collision", true, "a user type, member (own or inherited) or type parameter named MCoroutine / MStateMachine: generated code does not compile (CS0542, CS0102, CS0111, CS0694, CS0572, CS1503), no COR diagnostic"),
        ("local-shadows-generated-member", true, "a pattern variable at the top level of a coroutine named state, Complete or ThrowPending: it shadows what the generated Step() uses (CS0844, CS0149, CS0841)"),
        ("label-collision", true, "a label in kept code named like a generated one (resume1, if1_end, ...): CS0158 in the generated Step()"),
        ("unreachable-suspension", true, "a loop with a sleep after `return`: the resume label makes it reachable, Step() lacks a return (CS0161)"),
        ("missing-token-span", true, "half-typed code (a `case` without its switch): a span from a missing token, COR0017 internal error"),
        ("this-parameter-or-local", true, "a parameter named @this (the constructor took it beside the instance, CS0100, CS0229) or a local / lambda parameter named @this kept in Step(), hiding the instance field (CS1061): the instance field is renamed"),
        ("type-parameter-member-clash", true, "a type parameter named like a member of the state machine (state, DefaultName, Step, SuspendAt, ...): CS0102, CS0118 in the generated class; now COR0020"),
        ("catch-without-type", true, "half-typed code (`catch (;`): the catch type binds to nothing, BuildTryCatch threw a NullReferenceException (COR0017)"),
        ("using-without-symbol", true, "half-typed code (a `using` whose declarator is missing tokens) or `using (null)`: no symbol or type, BuildUsing threw a NullReferenceException (COR0017)"),
        ("kept-local-hides-generated-member", true, "a local named Complete, state, ThrowPending, ... in code kept as written: `return x;` there becomes `return Complete(x);` and binds to the local (CS0149); now COR0020"),
    ];

    /// <summary>Ids of the open issues that have a matcher.</summary>
    public static IEnumerable<string> MatchedIds => s_issues.Select(static i => i.Id);

    /// <summary>The id of the known issue <paramref name="result"/> is an instance of, or null.</summary>
    public static string? Match(CheckResult result) =>
        s_issues.FirstOrDefault(i => i.Matches(result)).Id;
}
