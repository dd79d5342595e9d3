using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Playground.Runner.Compiling;

/// <summary>
/// Lets the runner watch every scheduler the program creates, without a playground-only API in
/// the program: each <c>new Scheduler(...)</c> becomes <c>PlaygroundHook.Track(new Scheduler(...))</c>
/// (the runner sets its observer there), and every clock becomes a virtual one, so a program that
/// sleeps for minutes runs instantly with the same times.
/// </summary>
public static class SchedulerHook
{
    public const string TypeName = "PlaygroundHook";
    public const string CallbackField = "OnScheduler";

    public const string Source = """
        internal static class PlaygroundHook
        {
            public static global::System.Action<global::Coroutines.Scheduler>? OnScheduler;

            public static global::Coroutines.Scheduler Track(global::Coroutines.Scheduler scheduler)
            {
                OnScheduler?.Invoke(scheduler);
                return scheduler;
            }
        }
        """;

    /// <summary>The program with its schedulers hooked and its clocks virtual; line breaks are kept, so lines do not move.</summary>
    public static SyntaxNode Rewrite(SyntaxNode root, SemanticModel model) => new Rewriter(model).Visit(root);

    private sealed class Rewriter(SemanticModel model) : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitObjectCreationExpression(ObjectCreationExpressionSyntax node) =>
            Replace(node, base.VisitObjectCreationExpression(node));

        public override SyntaxNode? VisitImplicitObjectCreationExpression(ImplicitObjectCreationExpressionSyntax node) =>
            Replace(node, base.VisitImplicitObjectCreationExpression(node));

        private SyntaxNode? Replace(BaseObjectCreationExpressionSyntax original, SyntaxNode? visited)
        {
            if (visited is not ExpressionSyntax rewritten || model.GetTypeInfo(original).Type is not INamedTypeSymbol type)
            {
                return visited;
            }
            var name = type.ToDisplayString();
            if (name == "Coroutines.SystemClock")
            {
                return SyntaxFactory.ParseExpression("new global::Coroutines.VirtualClock()").WithTriviaFrom(original);
            }
            if (name != "Coroutines.Scheduler")
            {
                return visited;
            }
            if (rewritten is BaseObjectCreationExpressionSyntax { ArgumentList: null or { Arguments.Count: 0 } } creation)
            {
                // new Scheduler(): a system clock by default, a virtual one here.
                rewritten = creation.WithArgumentList(SyntaxFactory.ParseArgumentList("(new global::Coroutines.VirtualClock())"));
            }
            var call = SyntaxFactory.ParseExpression($"global::{TypeName}.Track(x)") as InvocationExpressionSyntax
                ?? throw new InvalidOperationException("The hook call does not parse.");
            return call
                .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(rewritten.WithoutTrivia()))))
                .WithTriviaFrom(original);
        }
    }
}
