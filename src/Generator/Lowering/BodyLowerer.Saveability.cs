using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// COR0034: in a saveable coroutine, a value the lowering keeps in a field of its own (not a local:
/// an operand C# evaluates before a suspension, a kept receiver, array or index, the resource of a
/// <c>using</c> without a variable, a switch's value) is written into a snapshot like a local, so
/// its type must be saveable too (Binding/SaveabilityCheck checks the locals and parameters).
/// </summary>
internal sealed partial class BodyLowerer
{
    private HashSet<SyntaxNode>? _reportedUnsaveable;

    /// <summary>Reports <paramref name="value"/>, of <paramref name="type"/>, if the coroutine is saveable, the type is not and the value lives across <paramref name="across"/>.</summary>
    internal void CheckSaveable(ITypeSymbol? type, SyntaxNode value, InvocationExpressionSyntax? across)
    {
        if (!_scope.Saveable || type is null || across is null || SaveabilityCheck.Unsaveable(type) is not { } why ||
            !(_reportedUnsaveable ??= new HashSet<SyntaxNode>()).Add(value))
        {
            return;
        }
        var text = OneLine(value.ToString());
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotSaveableTemporary, value,
            text.Length <= 60 ? text : text.Substring(0, 57) + "...", _scope.MethodName, OneLine(across.ToString()),
            LineOf(across).ToString(System.Globalization.CultureInfo.InvariantCulture), why));
    }

    /// <summary>
    /// In a saveable coroutine, marks <paramref name="field"/>, of <paramref name="type"/>, as saved only while suspended
    /// at <paramref name="state"/> (<see cref="FieldModel.NeverLive"/>: never) when a snapshot could not save its value:
    /// elsewhere the value is spent, and must not make a save fail.
    /// </summary>
    internal void SaveOnlyIn(string field, ITypeSymbol? type, int state)
    {
        if (_scope.Saveable && type is not null && SaveabilityCheck.Unsaveable(type) is not null)
        {
            var index = _fields.FindIndex(f => f.Name == field);
            _fields[index] = _fields[index] with { LiveOnlyIn = state };
        }
    }

    /// <summary>The first suspension inside <paramref name="node"/> (a using's or a switch's body), in source order.</summary>
    private InvocationExpressionSyntax? FirstSuspensionIn(SyntaxNode node) =>
        _suspensions.Statements.Values.Select(static s => s.Call)
            .Concat(_suspensions.Spilled.Values.SelectMany(static s => s.Sites.Keys))
            .Where(call => node.Span.Contains(call.Span))
            .OrderBy(static call => call.SpanStart)
            .FirstOrDefault();
}
