using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A compound assignment or <c>??=</c> of a base indexer whose right side declares a variable that code after it
/// reads (<c>base[i] += int.TryParse(s, out var n) ? n : 0; Use(n);</c>), in a block that suspends, in a block kept
/// as written, and with a right side that suspends itself; and <c>nameof(base.E)</c> of a base event and
/// <c>nameof(base.P)</c> of a base property. Against the direct call and the C# <c>async</c> twin: the indexes, the
/// getter, the right side, the setter, never the override; the variable keeps what the right side stored in it.
/// </summary>
public sealed class BaseIndexerDeclaredVariableTests
{
    private static readonly SharedProgram Program = new("""
        using System;
        using System.Threading.Tasks;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public class Store
        {
            private readonly string?[] _names = { null, "kept", null };
            private readonly int[] _slots = { 1, 2, 3 };

            public virtual string? this[int i]
            {
                get { Trace.Log($"get names[{i}] = {_names[i] ?? "null"}"); return _names[i]; }
                set { Trace.Log($"set names[{i}] = {value ?? "null"}"); _names[i] = value; }
            }

            public virtual int this[short i]
            {
                get { Trace.Log($"get slots[{i}] = {_slots[i]}"); return _slots[i]; }
                set { Trace.Log($"set slots[{i}] = {value}"); _slots[i] = value; }
            }

            public virtual int Size => 3;

            public virtual event Action? Changed;

            protected void Raise() => Changed?.Invoke();

            public string Dump() => $"{string.Join(",", Array.ConvertAll(_names, n => n ?? "null"))} {string.Join(",", _slots)}";
        }

        public partial class Cache : Store
        {
            public override string? this[int i] { get => "override"; set => Trace.Log("the override is not called"); }

            public override int this[short i] { get => -1; set => Trace.Log("the override is not called"); }

            public override int Size => -1;

            public override event Action? Changed { add { } remove { } }

            private static short Index(int i)
            {
                Trace.Log($"index {i}");
                return (short)i;
            }

            private static string Text(string text)
            {
                Trace.Log($"text {text}");
                return text;
            }

            [Coroutine]
            private static int Fetch(int x)
            {
                Yield.Sleep(1);
                Trace.Log($"fetch {x}");
                return x * 10;
            }

            private static async Task<int> FetchAsync(int x)
            {
                await Task.Yield();
                Trace.Log($"fetch {x}");
                return x * 10;
            }

            [Coroutine]
            public string Parse(string text, bool nested)
            {
                Yield.Sleep(1);
                base[Index(0)] += int.TryParse(Text(text), out var parsed) ? parsed : -1;
                base[(int)Index(0)] ??= Text(text) is { Length: > 1 } named ? "named " + named : null;
                named = "later";
                string inner = "";
                if (nested)
                {
                    base[Index(1)] -= int.TryParse(Text(text + "1"), out var again) ? again : -2;
                    inner = $"{again}";
                }
                base[Index(2)] += int.TryParse(Fetch(parsed).ToString(), out var fetched) ? fetched : -3;
                var names = $"{nameof(base.Changed)} {nameof(base.Size)} {nameof(base.Dump)}";
                return $"{parsed} {named} {inner} {fetched} {names} {Dump()}";
            }

            public async Task<string> ParseAsync(string text, bool nested)
            {
                await Task.Yield();
                base[Index(0)] += int.TryParse(Text(text), out var parsed) ? parsed : -1;
                base[(int)Index(0)] ??= Text(text) is { Length: > 1 } named ? "named " + named : null;
                named = "later";
                string inner = "";
                if (nested)
                {
                    base[Index(1)] -= int.TryParse(Text(text + "1"), out var again) ? again : -2;
                    inner = $"{again}";
                }
                base[Index(2)] += int.TryParse((await FetchAsync(parsed)).ToString(), out var fetched) ? fetched : -3;
                var names = $"{nameof(base.Changed)} {nameof(base.Size)} {nameof(base.Dump)}";
                return $"{parsed} {named} {inner} {fetched} {names} {Dump()}";
            }
        }
        """);

    [Theory]
    [InlineData("42", true)]
    [InlineData("7", false)]
    [InlineData("x", true)]
    public void A_variable_the_right_side_declares_is_in_scope_after_it(string text, bool nested) =>
        AsyncTwin.Compare(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = "Demo.Cache", MethodName = "Parse", Args = [text, nested] });
}
