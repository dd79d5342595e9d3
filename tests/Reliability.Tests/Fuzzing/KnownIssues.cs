using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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
    private static readonly List<(string Id, Func<CheckResult, bool> Matches)> s_issues =
    [
        // RegressionTests.Generated_names_must_not_collide_with_the_users_names
        ("name-collision", static r => r.Verdict == Verdict.BrokenOutput &&
            (HasError(r, "CS0542", "CS0102", "CS0111", "CS0694") || MentionsGeneratedTypeOrFactoryName(r.Source))),
        // RegressionTests.A_local_in_kept_code_must_not_shadow_what_Step_uses
        ("local-shadows-generated-member", static r => r.Verdict == Verdict.BrokenOutput && DeclaresLocalNamedLikeStepMembers(r.Source)),
        // RegressionTests.A_label_in_kept_code_must_not_collide_with_generated_labels
        ("label-collision", static r => r.Verdict == Verdict.BrokenOutput && HasError(r, "CS0158", "CS0140")),
        // RegressionTests.A_suspension_in_unreachable_code_must_not_break_the_state_machine
        ("unreachable-suspension", static r => r.Verdict == Verdict.BrokenOutput && r.OutputErrors.All(static e => e.Id == "CS0161")),
        // RegressionTests.Half_typed_code_with_missing_tokens_must_not_be_an_internal_error
        ("missing-token-span", static r => r.Verdict == Verdict.InternalError && r.Detail is { } d && d.Contains("'end' must not be less than 'start'", StringComparison.Ordinal)),
    ];

    /// <summary>
    /// Every bug the fuzzer has found, open or fixed, for <c>docs/reliability.md</c>. Each has a test
    /// in <see cref="RegressionTests"/>; an open one also has a matcher above.
    /// </summary>
    public static IReadOnlyList<(string Id, bool Fixed, string Summary)> Found { get; } =
    [
        ("duplicate-hint-name", true, "two [Coroutine] methods with one signature (a paste): AddSource threw, CS8785 dropped all generated code"),
        ("name-collision", false, "a user type, member (own or inherited) or type parameter named MCoroutine / MStateMachine: generated code does not compile (CS0542, CS0102, CS0111, CS0694, CS0572, CS1503), no COR diagnostic"),
        ("local-shadows-generated-member", false, "a pattern variable at the top level of a coroutine named state, Complete or ThrowPending: it shadows what the generated Step() uses (CS0844, CS0149, CS0841)"),
        ("label-collision", false, "a label in kept code named like a generated one (resume1, if1_end, ...): CS0158 in the generated Step()"),
        ("unreachable-suspension", false, "a loop with a sleep after `return`: the resume label makes it reachable, Step() lacks a return (CS0161)"),
        ("missing-token-span", false, "half-typed code (a `case` without its switch): a span from a missing token, COR0017 internal error"),
    ];

    /// <summary>Ids of the open issues that have a matcher.</summary>
    public static IEnumerable<string> MatchedIds => s_issues.Select(static i => i.Id);

    /// <summary>The id of the known issue <paramref name="result"/> is an instance of, or null.</summary>
    public static string? Match(CheckResult result) =>
        s_issues.FirstOrDefault(i => i.Matches(result)).Id;

    private static bool HasError(CheckResult result, params string[] ids) =>
        result.OutputErrors.Any(e => ids.Contains(e.Id));

    private static IEnumerable<MethodDeclarationSyntax> CoroutineMethods(SyntaxNode root) =>
        root.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Where(static m => m.AttributeLists.SelectMany(static l => l.Attributes).Any(static a => a.Name.ToString().Contains("Coroutine", StringComparison.Ordinal)));

    /// <summary>The source uses, anywhere, the name of a state machine (<c>MStateMachine</c>, <c>M_..StateMachine</c>) or factory (<c>MCoroutine</c>) the generator adds.</summary>
    private static bool MentionsGeneratedTypeOrFactoryName(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source, GeneratorCheck.ParseOptions).GetRoot();
        var names = CoroutineMethods(root).Select(static m => m.Identifier.ValueText).Distinct().ToList();
        return root.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && names.Any(n =>
            t.ValueText == n + "Coroutine" ||
            (t.ValueText.StartsWith(n, StringComparison.Ordinal) && t.ValueText.EndsWith("StateMachine", StringComparison.Ordinal))));
    }

    /// <summary>A coroutine body declares a local or pattern variable named like a member the generated Step() calls or assigns.</summary>
    private static bool DeclaresLocalNamedLikeStepMembers(string source)
    {
        string[] members = ["state", "Complete", "ThrowPending", "Hoist", "Rethrow", "RethrowPending", "Dispose"];
        var root = CSharpSyntaxTree.ParseText(source, GeneratorCheck.ParseOptions).GetRoot();
        return CoroutineMethods(root).SelectMany(static m => m.DescendantTokens())
            .Any(t => t.IsKind(SyntaxKind.IdentifierToken) && members.Contains(t.ValueText) &&
                      t.Parent is SingleVariableDesignationSyntax or VariableDeclaratorSyntax or ForEachStatementSyntax or CatchDeclarationSyntax);
    }
}
