using System.Linq;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Binding;

/// <summary>
/// Locals whose type is or holds a delegate type C# made for a lambda or a method group (<c>var f = (ref int y) =&gt; y;</c>,
/// <c>var t = Tuple.Create((ref int y) =&gt; y);</c>): no field can name that type, so the state machine declares a
/// delegate type of the same signature (Lowering/NamedDelegates), spells its fields, temporaries and type arguments with
/// it, and converts every lambda and method group of the compiler's type to it: each value of that type in the generated
/// code has the declared type, and each use means the same (only reflection tells: <c>f.GetType()</c>, <c>f.ToString()</c>).
/// </summary>
internal sealed partial class CaptureWalker
{
    /// <summary>
    /// Why a local whose type holds such a delegate type cannot be kept: a delegate type of the same signature cannot be
    /// declared where a part of it has no name either (an anonymous type); null where it can.
    /// </summary>
    private static string? UnnamedDelegateRefusal(ITypeSymbol type)
    {
        foreach (var unnamed in type.UnnamedDelegatesIn())
        {
            if (unnamed.AnonymousPartOfSignature() is { } part)
            {
                var holds = type.IsUnnamedDelegate() ? "" : $"'{type.ToDisplayString()}', which holds ";
                return $"its type is {holds}{Described(unnamed)}, and no delegate type of the same signature can be declared: its part '{part.ToDisplayString()}' has no name in C# either";
            }
        }
        return null;
    }

    private static string Described(ITypeSymbol type) =>
        $"the delegate type '{type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString()}' that the compiler made for a lambda, which has no name in C#";
}
