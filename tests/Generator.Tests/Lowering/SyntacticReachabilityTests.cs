using System.Linq;
using Coroutines.Generator.Lowering;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering;

/// <summary>
/// The syntactic answers the lowering gives before a semantic query (issue 16) against the
/// compiler's own: <see cref="SyntacticReachability"/> never calls an end reachable that C#'s flow
/// analysis calls unreachable, and <see cref="ConstantConditions"/> never calls a constant condition
/// not constant. Each method below holds the cases, reachable and not.
/// </summary>
public sealed class SyntacticReachabilityTests
{
    private const string Source = """
        #nullable enable
        public static class Cases
        {
            private const bool Flag = true;
            private const int Limit = 3;

            public static int Plain(int n, string? s)
            {
                int total = n;
                total++;
                for (int i = 0; i < n; i++) { total += i; if (total > Limit) { total--; } else { total++; } total *= 2; }
                while (total > 100) { total -= 7; }
                return total;
            }

            public static void Unreachable(int n)
            {
                while (true) { n++; }
                n--;
            }

            public static void ConstantFalse(int n)
            {
                if (false) { n++; n--; }
                while (Flag == false) { n++; }
                for (; Limit < 0;) { n++; }
                if (nameof(n) == "m") { n++; }
                n = 0;
            }

            public static void AfterReturn(int n)
            {
                if (n > 0) { return; n++; } else { throw new System.Exception(); }
                n--;
            }

            public static void Shadowed(int n)
            {
                const int k = 2;
                while (k > n) { n++; }
                System.Func<int, bool> f = n => n > k;
                {
                    goto end;
                    n++;
                }
                end: n--;
            }
        }
        """;

    [Fact]
    public void Syntactic_reachability_agrees_with_the_compilers_flow_analysis()
    {
        var (tree, model) = Compile();
        var checkedStatements = 0;
        var certain = 0;
        var reachability = new SyntacticReachability(); // one per body in the lowering: answers are remembered
        foreach (var statement in tree.GetRoot().DescendantNodes().OfType<StatementSyntax>().Where(static s => s.Parent is BlockSyntax))
        {
            // A remembered answer is the one a fresh instance gives (order of questions does not matter).
            Assert.Equal(new SyntacticReachability().EndCertainlyReachable(statement), reachability.EndCertainlyReachable(statement));
            if (!reachability.EndCertainlyReachable(statement))
            {
                continue;
            }
            certain++;
            var flow = model.AnalyzeControlFlow(statement);
            Assert.True(flow!.Succeeded);
            Assert.True(flow.EndPointIsReachable, $"said reachable but C# says not: {statement} (line {statement.GetLocation().GetLineSpan().StartLinePosition.Line + 1})");
            checkedStatements++;
        }
        Assert.True(certain >= 8, $"only {certain} statements answered from syntax: the test no longer exercises the rule");
        Assert.Equal(certain, checkedStatements);
        // And the unreachable ones are not claimed (what the rule must never say).
        var unreachable = tree.GetRoot().DescendantNodes().OfType<ExpressionStatementSyntax>()
            .Where(s => model.AnalyzeControlFlow(s) is { Succeeded: true, EndPointIsReachable: false }).ToList();
        Assert.True(unreachable.Count >= 5, $"only {unreachable.Count} unreachable statements in the cases");
        Assert.All(unreachable, s => Assert.False(reachability.EndCertainlyReachable(s), s.ToString()));
    }

    [Fact]
    public void A_condition_called_not_constant_is_not_constant()
    {
        var (tree, model) = Compile();
        var conditions = tree.GetRoot().DescendantNodes()
            .Select(static n => n switch
            {
                IfStatementSyntax i => i.Condition,
                WhileStatementSyntax w => w.Condition,
                ForStatementSyntax f => f.Condition,
                _ => null,
            })
            .OfType<ExpressionSyntax>()
            .ToList();
        var notConstant = conditions.Where(ConstantConditions.CannotBeConstant).ToList();
        Assert.True(notConstant.Count >= 4, $"only {notConstant.Count} conditions answered from syntax");
        Assert.All(notConstant, c => Assert.False(model.GetConstantValue(c).HasValue, $"said not constant, but C# folds it: {c}"));
        var constants = conditions.Where(c => model.GetConstantValue(c).HasValue).ToList();
        Assert.True(constants.Count >= 5, $"only {constants.Count} constant conditions in the cases");
        Assert.All(constants, c => Assert.False(ConstantConditions.CannotBeConstant(c), c.ToString()));
    }

    private static (SyntaxTree Tree, SemanticModel Model) Compile()
    {
        var tree = CSharpSyntaxTree.ParseText(Source);
        var compilation = CSharpCompilation.Create("Reachability", [tree], Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error));
        return (tree, compilation.GetSemanticModel(tree));
    }
}
