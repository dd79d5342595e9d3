using Coroutines.Generator.Binding;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// A part of a statement that suspends (the condition of an <c>if</c>, a <c>while</c>, a <c>do</c> or a <c>for</c>, a returned or thrown value,
/// the value of a <c>switch</c> or a <c>lock</c>, the collection of a <c>foreach</c>) that still
/// evaluates, after the statement's suspensions, a lambda made in a block that keeps the environments (see Binding/ClosureScopes.KeptBeforeSuspension).
/// </summary>
internal sealed partial class ExpressionSpiller
{
    /// <summary>
    /// Stores what <paramref name="part"/> still evaluates once its suspensions are spilled into a temporary, in a block that keeps the environments
    /// (<c>{ Closure1 captured1 = closure1; test_after1 = next1 &gt; 0 &amp;&amp; (rows.AsSpan()[0] = x =&gt; x.A + captured1.item) is null; }</c>, see
    /// BodyLowerer.Store), right where the statement evaluates it, which then reads the temporary in its place; nothing when it evaluates no such lambda.
    /// The temporary has the type Binding/ResumedParts gives: the part's own (an <c>object</c> read back through its shape for one that holds an anonymous
    /// type), or, for a ref struct C# converts there, the converted one.
    /// </summary>
    public void KeepAfterResume(ExpressionSyntax part)
    {
        if (!_lowerer.EvaluatesKeptLambda(part) || ResumedParts.FieldTypeOf(Model, part) is not { } type)
        {
            return; // its lambda, made where it is, is refused (COR0013): the binder only keeps a part whose value a field can keep
        }
        var own = Model.GetTypeInfo(part).Type;
        var tested = ResumedParts.IsTestedByItsOperatorTrue(Model, part);
        var field = NewKept(
            Names.GeneratedNames.KeptAfterResume(NameOf(part), _lowerer.NextState - 1),
            DeclaredNullability.OfValue(part, type, Model),
            $"{Quote(part)} (line {BodyLowerer.LineOf(part)}), evaluated after the suspensions before it, in a block that keeps the environments of the lambda in it" +
            (tested ? ", tested by its operator true as C# tests it there" : own is null || SymbolEqualityComparer.Default.Equals(type, own) ? "" : $", converted to {SymbolText.Type(type)} as C# converts it there"),
            part);
        Add(_lowerer.Store(field, part, tested));
        _scope.Spilled[part] = field;
    }
}
