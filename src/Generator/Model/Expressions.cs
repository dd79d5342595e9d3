namespace Coroutines.Generator.Model;

/// <summary>
/// An expression of the generated code: the user's, kept as (rewritten) text, or one the
/// generator makes around a suspension. The emitter writes them; nothing else spells them.
/// </summary>
internal abstract record CodeExpression
{
    /// <summary>User code, or a name: kept as text.</summary>
    public static implicit operator CodeExpression(string text) => new TextExpression(text);
}

/// <summary>An expression kept as C# text: the user's code after rewriting, a field's name, a literal.</summary>
internal sealed record TextExpression(string Text) : CodeExpression;

/// <summary>
/// <c>Receiver.Method(Arguments)</c>: what a suspension calls: a suspension point's factory (before
/// it) and result method (after the resume), <c>Suspension.Call</c>, a finished callee's <c>GetResult</c>.
/// </summary>
internal sealed record CallExpression(string Receiver, string Method, string Arguments) : CodeExpression;

/// <summary><c>Receiver.Member</c>: a finished callee's <c>Result</c>.</summary>
internal sealed record MemberExpression(string Receiver, string Member) : CodeExpression;
