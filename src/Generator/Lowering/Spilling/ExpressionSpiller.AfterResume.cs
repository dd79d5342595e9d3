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
    /// </summary>
    public void KeepAfterResume(ExpressionSyntax part)
    {
        if (!_lowerer.EvaluatesKeptLambda(part) || (Model.GetTypeInfo(part).Type ?? Model.GetTypeInfo(part).ConvertedType) is not { } type ||
            type.IsRefLikeType || type.TypeKind is TypeKind.Error or TypeKind.Pointer or TypeKind.FunctionPointer || AnonymousShape.IsNeeded(type))
        {
            return; // its lambda, made where it is, is refused (COR0013): the binder only keeps a part of a type a field can be given
        }
        var line = BodyLowerer.LineOf(part);
        var field = _lowerer.NewTemporary(
            Names.GeneratedNames.KeptAfterResume(NameOf(part), _lowerer.NextState - 1),
            SymbolText.Type(DeclaredNullability.OfValue(part, type, Model)),
            $"{Quote(part)} (line {line}), evaluated after the suspensions before it, in a block that keeps the environments of the lambda in it",
            !type.IsValueType);
        Add(_lowerer.Store(field, part));
        _scope.Spilled[part] = field;
    }
}
