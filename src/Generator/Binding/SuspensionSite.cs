using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>What a suspending call binds to.</summary>
internal enum SuspendingCallKind
{
    /// <summary>A static method marked <c>[SuspensionPoint]</c>: its factory and result are static methods of <c>Suspension</c>.</summary>
    StaticPoint,

    /// <summary>An instance method marked <c>[SuspensionPoint]</c>: its factory and result are methods of the same receiver.</summary>
    InstancePoint,

    /// <summary>A <c>[Coroutine]</c> method: the coroutine its generated factory makes runs to completion as part of the caller.</summary>
    CoroutineCall,
}

/// <summary>Where a suspending call stands: what happens to its value once the caller resumes.</summary>
internal enum SuspensionForm
{
    /// <summary><c>F(args);</c>, <c>_ = F(args);</c>, a void method's <c>=&gt; F(args)</c>: the value is discarded.</summary>
    Statement,

    /// <summary><c>var x = F(args);</c> (one declarator): the value goes to the local.</summary>
    Declaration,

    /// <summary><c>x = F(args);</c> to a local, parameter, field or property: the value goes there.</summary>
    Assignment,

    /// <summary><c>return F(args);</c>, a value method's <c>=&gt; F(args)</c>: the value is returned.</summary>
    Return,

    /// <summary>Inside an expression (<c>Log(F(args))</c>): the value goes to a temporary that the rest of the expression reads (spilling).</summary>
    Operand,
}

/// <summary>
/// What a suspending call binds to: the method, and for a suspension point the names its
/// <c>[SuspensionPoint]</c> gives (the factory that builds the <c>Suspension</c>, the method that
/// reads the value back). Parse-time only: it holds symbols.
/// </summary>
internal sealed record SuspendingCall(SuspendingCallKind Kind, IMethodSymbol Method, string? Factory, string? Result)
{
    /// <summary>
    /// The value the call has after the resume can be read: a value-returning coroutine, or a
    /// suspension point with a result method.
    /// </summary>
    public bool HasValue => Kind == SuspendingCallKind.CoroutineCall ? !Method.ReturnsVoid : Result is not null;

    /// <summary><c>Type.Method</c>, as diagnostics name it.</summary>
    public string DisplayName => Method.ContainingType.Name + "." + Method.Name;
}

/// <summary>
/// One suspending call of a coroutine body that the generator rewrites, with the statement it
/// is part of. Parse-time only: it holds syntax and symbols.
/// </summary>
/// <param name="Target">The assigned variable of <see cref="SuspensionForm.Assignment"/>.</param>
/// <param name="Declarator">The declared local of <see cref="SuspensionForm.Declaration"/>.</param>
internal sealed record SuspensionSite(
    SuspendingCall Binding,
    SuspensionForm Form,
    InvocationExpressionSyntax Call,
    ExpressionSyntax? Target,
    VariableDeclaratorSyntax? Declarator);
