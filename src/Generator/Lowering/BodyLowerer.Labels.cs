using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// The user's labels and <c>goto</c>s. A label of a flattened block (or switch section) becomes a
/// label of <c>Step()</c>, renamed by <see cref="GeneratedNames.UserLabel"/> since flattened
/// sibling blocks now share one level; a <c>goto</c> to it becomes a jump, routed through each
/// suspending finally it leaves like a <c>break</c>. C# only lets a <c>goto</c> reach a label of
/// an enclosing block, never one inside a try it is not in, so the jump always stays legal.
/// Labels inside code kept as written keep their names.
/// </summary>
internal sealed partial class BodyLowerer
{
    private readonly Dictionary<ILabelSymbol, JumpTarget> _userLabels = new(SymbolEqualityComparer.Default);

    /// <summary><c>L: S</c> at a flattened level: the label, then the statement it labels at the same level.</summary>
    private Statement BuildLabeled(LabeledStatementSyntax labeled, JumpContext context)
    {
        var target = _scope.Model.GetDeclaredSymbol(labeled) is ILabelSymbol label ? UserLabel(label) : null;
        var inner = Build(labeled.Statement, context);
        if (target is null)
        {
            return inner; // half-typed code: the compiler reports it
        }
        return new BlockStatement(new Statement[]
        {
            new LabelStatement(target.Label),
            new CommentStatement(labeled.Identifier.ValueText + ":"),
            inner,
        }.ToEquatableArray(), LineOf(labeled));
    }

    /// <summary>The jump target of a <c>goto</c> to <paramref name="label"/>, or null when the label stays in code kept as written.</summary>
    private JumpTarget? UserLabel(ILabelSymbol label)
    {
        if (_userLabels.TryGetValue(label, out var known))
        {
            return known;
        }
        if (label.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not LabeledStatementSyntax labeled || !IsFlattenedLabel(labeled))
        {
            return null;
        }
        var target = new JumpTarget(GeneratedNames.UserLabel(label.Name, Next("label")), FrameDepthOf(labeled));
        _userLabels[label] = target;
        return target;
    }

    /// <summary>The target of <c>goto L;</c> when <c>L</c> is a flattened label.</summary>
    private JumpTarget? GotoTarget(GotoStatementSyntax statement) =>
        statement.IsKind(SyntaxKind.GotoStatement) && statement.Expression is not null &&
        _scope.Model.GetSymbolInfo(statement.Expression).Symbol is ILabelSymbol label
            ? UserLabel(label)
            : null;

    private bool IsFlattenedLabel(LabeledStatementSyntax labeled) =>
        labeled.Parent is { } parent && _suspensions.Flattened.Contains(parent is SwitchSectionSyntax section ? section.Parent! : parent);

    /// <summary>
    /// How many suspending finallys enclose <paramref name="node"/>: the depth of the
    /// <see cref="JumpContext"/> it is lowered in (a try's body and catches are inside its frame, its finally outside).
    /// </summary>
    private int FrameDepthOf(SyntaxNode node) =>
        node.Ancestors()
            .OfType<TryStatementSyntax>()
            .Count(t => t.Finally is { } finallyClause && _suspensions.Flattened.Contains(finallyClause.Block) && !finallyClause.Span.Contains(node.Span));
}
