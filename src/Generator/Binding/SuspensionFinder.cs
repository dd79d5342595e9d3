using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// Finds the suspending calls in a coroutine body (calls that bind to a method marked
/// <c>[SuspensionPoint]</c> or <c>[Coroutine]</c>) and the statements that contain them, which must be flattened.
/// </summary>
internal sealed class SuspensionFinder
{
    public const string SuspensionPointAttribute = "Coroutines.SuspensionPointAttribute";

    private SuspensionFinder()
    {
    }

    /// <summary>Statements that are a suspension, with the call in them and its form.</summary>
    public Dictionary<StatementSyntax, SuspensionSite> Statements { get; } = new();

    /// <summary>The suspension that is the method's whole expression body (<c>=> Yield.Sleep(1);</c>), if any.</summary>
    public SuspensionSite? ExpressionBody { get; private set; }

    /// <summary>Statements (or the expression body) with suspensions inside their expressions: lowering spills them.</summary>
    public Dictionary<SyntaxNode, SpilledStatement> Spilled { get; } = new();

    /// <summary>Whether the method has a suspension at all.</summary>
    public bool Any => Statements.Count > 0 || Spilled.Count > 0 || ExpressionBody is not null;

    /// <summary>Whether <paramref name="node"/> is part of a statement that is spilled.</summary>
    public bool IsInSpilledStatement(SyntaxNode node) =>
        Spilled.Count > 0 && node.AncestorsAndSelf().FirstOrDefault(static a => a is StatementSyntax or ArrowExpressionClauseSyntax) is { } host && Spilled.ContainsKey(host);

    /// <summary>Every statement that contains a suspension, the body included: these are flattened.</summary>
    public HashSet<SyntaxNode> Flattened { get; } = new();

    public static SuspensionFinder Find(SyntaxNode body, BodySyntax shape, IMethodSymbol method, SemanticModel model, GeneratedFactoryTypes factories, List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        var result = new SuspensionFinder();
        result.Flattened.Add(body);
        var calls = new SuspendingCallBinder(model, factories, method.ContainingType);
        var found = new List<(InvocationExpressionSyntax Call, SuspendingCall Binding, SyntaxNode Host)>();
        // Bound only when syntax says the call may suspend (issue 16): its name is that of a method that may be marked.
        // A local function's coroutine, or a body that declares attributed local functions, may call local coroutines: all are bound.
        var facts = method.MethodKind == MethodKind.LocalFunction || shape.HasAttributedLocalFunction ? null : CompilationFacts.Of(model.Compilation);
        foreach (var call in shape.Invocations)
        {
            ct.ThrowIfCancellationRequested();
            if (facts is not null && CalledName(call) is { } calledName && !facts.MayBeSuspending(calledName))
            {
                continue;
            }
            var binding = calls.Bind(call, ct);
            if (binding is null)
            {
                continue;
            }
            var function = call.Ancestors().TakeWhile(a => a != body).FirstOrDefault(IsFunction);
            if (function is not null)
            {
                // A [Coroutine] local function inside the body is a coroutine of its own (bound on its own): its suspensions are its own.
                if (!call.Ancestors().TakeWhile(a => a != body).Any(a => a is LocalFunctionStatementSyntax local && IsCoroutine(local, model, factories)))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SuspensionInLambda, call, call.Expression.ToString(), FunctionKind(function), FixInFunction(function)));
                }
                continue;
            }
            if (ForbiddenAwaitPositions.Find(call, body) is { } forbidden)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SuspensionWhereAwaitIsForbidden, call, call.Expression.ToString(), forbidden.Where, forbidden.CompilerError, forbidden.Fix));
                continue;
            }
            found.Add((call, binding, HostOf(call, body)));
        }
        var callsPerHost = found.GroupBy(static f => f.Host).ToDictionary(static g => g.Key, static g => g.Count());
        foreach (var (call, binding, host) in found)
        {
            var classified = SuspensionForms.Classify(call, binding, body, method.ReturnsVoid, model);
            SuspensionSite site;
            SyntaxNode statement;
            var spilled = classified is null || callsPerHost[host] > 1;
            if (spilled)
            {
                // Inside an expression, or one of several in a statement: lowering spills the statement.
                if (!SpilledStatement.SpillableParts(host).Any(part => part.Span.Contains(call.Span)) && !SpilledStatement.IsInCaseGuard(call, host))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SuspensionInExpression, call, call.Expression.ToString(), ExpressionPositions.DescribeUnspilled(call, host)));
                    continue;
                }
                var asStatement = SpilledStatement.IsForClause(call, host) || SpilledStatement.IsConditionalStatement(call, host);
                site = classified?.Site ?? new SuspensionSite(binding, asStatement ? SuspensionForm.Statement : SuspensionForm.Operand, call, null, null);
                statement = host;
            }
            else
            {
                site = classified!.Value.Site;
                statement = (SyntaxNode?)classified.Value.Statement ?? body;
            }
            if (site.Form != SuspensionForm.Statement && !binding.HasValue && binding.Kind != SuspendingCallKind.CoroutineCall)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SuspensionWithoutValue, call, binding.DisplayName));
                continue;
            }
            if (calls.CheckNamedMethods(binding, call) is { } missing)
            {
                diagnostics.Add(missing);
                continue;
            }
            if (statement == body && !spilled)
            {
                result.ExpressionBody = site;
                continue;
            }
            var unsupported = statement == body ? null : statement.Ancestors().TakeWhile(a => a != body).FirstOrDefault(a => !IsFlattenable(a));
            if (unsupported is LockStatementSyntax)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SuspensionInLock, call, call.Expression.ToString()));
                continue;
            }
            if (unsupported is not null)
            {
                var construct = ConstructNoun(unsupported);
                var article = "aeiou".IndexOf(construct[0]) >= 0 ? "an" : "a";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedConstruct, call, call.Expression.ToString(), $"{article} {construct}", $"Move the call before or after the {construct}"));
                continue;
            }
            if (spilled)
            {
                if (!result.Spilled.TryGetValue(host, out var spill))
                {
                    result.Spilled[host] = spill = new SpilledStatement(host);
                }
                spill.Sites[call] = site;
                if (site.Form != SuspensionForm.Operand && classified is not null)
                {
                    spill.Top = site;
                }
            }
            else
            {
                result.Statements[(StatementSyntax)statement] = site;
            }
            if (statement == body)
            {
                continue;
            }
            result.Flattened.Add(statement);
            foreach (var ancestor in statement.Ancestors().TakeWhile(a => a != body))
            {
                result.Flattened.Add(ancestor); // statements, and the catch/finally clauses and switch sections between them
            }
        }
        result.FlattenUsingScopesWithJumps(body, shape.UsingDeclarations);
        return result;
    }

    /// <summary>
    /// A jump out of kept code to flattened code (a break or continue of a flattened loop, a
    /// return routed through a finally that suspends) becomes a goto to a label after the block;
    /// C# forbids such a goto from a block that has a using declaration (CS8648). Such blocks are
    /// flattened too, so the using declaration becomes the same try/finally the compiler makes of it.
    /// </summary>
    private void FlattenUsingScopesWithJumps(SyntaxNode body, List<LocalDeclarationStatementSyntax> usingDeclarations)
    {
        foreach (var declaration in usingDeclarations)
        {
            var block = (BlockSyntax)declaration.Parent!;
            var jumps = block.DescendantNodes(static n => !IsFunction(n))
                .Any(static n => n is BreakStatementSyntax or ContinueStatementSyntax or ReturnStatementSyntax or GotoStatementSyntax);
            if (!jumps)
            {
                continue;
            }
            Flattened.Add(block);
            foreach (var ancestor in block.Ancestors().TakeWhile(a => a != body))
            {
                Flattened.Add(ancestor);
            }
        }
    }

    /// <summary>How the first suspension inside <paramref name="container"/> is written (its called expression), for messages.</summary>
    public string FirstNameIn(SyntaxNode container) =>
        Statements.Values.Concat(Spilled.Values.SelectMany(static s => s.Sites.Values))
            .Where(s => container.Span.Contains(s.Call.Span)).OrderBy(static s => s.Call.SpanStart).Select(static s => s.Call.Expression.ToString()).FirstOrDefault()
        ?? "the suspension";

    /// <summary>The name of the method <paramref name="call"/> calls, as written (null when it calls a delegate value: <c>f()()</c>).</summary>
    private static string? CalledName(InvocationExpressionSyntax call) => call.Expression switch
    {
        SimpleNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The statement a suspending call is part of: its nearest enclosing statement, or the expression body.</summary>
    private static SyntaxNode HostOf(InvocationExpressionSyntax call, SyntaxNode body) =>
        call.Ancestors().TakeWhile(a => a != body).OfType<StatementSyntax>().FirstOrDefault() ?? body;

    public static bool IsFunction(SyntaxNode node) =>
        node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

    private static bool IsFlattenable(SyntaxNode node) =>
        node is BlockSyntax or IfStatementSyntax or ElseClauseSyntax or WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax
            or TryStatementSyntax or CatchClauseSyntax or FinallyClauseSyntax or UsingStatementSyntax or CommonForEachStatementSyntax
            or SwitchStatementSyntax or SwitchSectionSyntax or LabeledStatementSyntax or CheckedStatementSyntax;

    /// <summary>Whether <paramref name="function"/> is marked <c>[Coroutine]</c>.</summary>
    public static bool IsCoroutine(LocalFunctionStatementSyntax function, SemanticModel model, GeneratedFactoryTypes factories) =>
        function.AttributeLists.Count > 0 && model.GetDeclaredSymbol(function) is IMethodSymbol symbol && factories.IsCoroutine(symbol);

    // C# refuses `await` in a local function that is not async (CS4033) and in a lambda that is not (CS4034): the same fix.
    private static string FixInFunction(SyntaxNode node) => node is LocalFunctionStatementSyntax local
        ? $"mark '{local.Identifier.ValueText}' [Coroutine] to make it a coroutine that the method calls (C# refuses await in a local function that is not async too, CS4033), or move the call into the method body"
        : "only the [Coroutine] method's own statements are rewritten (C# refuses await in a lambda that is not async too, CS4034); move the call into the method body";

    private static string FunctionKind(SyntaxNode node) => node switch
    {
        LocalFunctionStatementSyntax => "local function",
        AnonymousMethodExpressionSyntax => "anonymous method",
        _ => "lambda",
    };

    private static string ConstructNoun(SyntaxNode node) => node switch
    {
        TryStatementSyntax or CatchClauseSyntax or FinallyClauseSyntax => "try statement",
        UsingStatementSyntax => "using statement",
        CommonForEachStatementSyntax => "foreach loop",
        SwitchStatementSyntax or SwitchSectionSyntax => "switch statement",
        LockStatementSyntax => "lock statement",
        CheckedStatementSyntax checkedStatement => $"{checkedStatement.Keyword.ValueText} block",
        UnsafeStatementSyntax => "unsafe block",
        FixedStatementSyntax => "fixed statement",
        _ => "statement",
    };
}
