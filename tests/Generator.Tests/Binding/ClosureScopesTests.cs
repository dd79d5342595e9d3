using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Coroutines.Generator.Tests.Binding;

/// <summary>
/// Capture analysis for closures (Binding/ClosureScopes): which captured hoisted locals need a
/// fresh variable on each entry to their scope, and which scope that is.
/// </summary>
public sealed class ClosureScopesTests
{
    [Fact]
    public void A_loop_local_and_a_foreach_variable_get_their_scopes_and_a_for_variable_none()
    {
        var bound = Passes.Bind(Passes.Program("""
                    var readers = new List<Func<int>>();
                    int once = 1;
                    for (int i = 0; i < 2; i++)
                    {
                        int copy = i;
                        readers.Add(() => copy + i + once);
                        Yield.Sleep(1);
                    }
                    foreach (var item in new[] { 1 })
                    {
                        int twice = item * 2;
                        readers.Add(() => item + twice);
                        Yield.Sleep(1);
                    }
            """), "Run");

        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        var closures = bound.Captures!.Closures!;
        var scopes = closures.ScopeOf.ToDictionary(static p => p.Key.Name, static p => p.Value);
        Assert.Equal(new[] { "copy", "item", "twice" }, scopes.Keys.Order().ToArray());
        Assert.IsType<BlockSyntax>(scopes["copy"]);
        // The foreach body is entered once per iteration: its locals share the iteration's environment.
        Assert.IsType<ForEachStatementSyntax>(scopes["item"]);
        Assert.Same(scopes["item"], scopes["twice"]);
        Assert.Equal(2, closures.Scopes.Count);
    }

    [Fact]
    public void A_scope_entered_once_needs_no_environment()
    {
        var bound = Passes.Bind(Passes.Program("""
                    int counter = 0;
                    Func<int> read = () => counter;
                    Yield.Sleep(1);
                    if (counter == 0)
                    {
                        int inner = 2;
                        read = () => inner;
                        Yield.Sleep(1);
                    }
            """), "Run");

        Assert.True(bound.Succeeded);
        Assert.Empty(bound.Captures!.Closures!.ScopeOf);
    }

    [Fact]
    public void A_variable_of_a_loop_condition_has_the_loop_as_its_scope_new_at_each_test()
    {
        var bound = Passes.Bind(Passes.Program("""
                    var readers = new List<Func<int>>();
                    object o = 3;
                    for (int k = 0; k < 2; k++)
                    {
                        while (o is int n && n > 0)
                        {
                            readers.Add(() => n);
                            Yield.Sleep(1);
                            o = n - 1;
                        }
                    }
            """), "Run");

        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        var scope = Assert.Single(bound.Captures!.Closures!.ScopeOf, static p => p.Key.Name == "n").Value;
        Assert.IsType<WhileStatementSyntax>(scope);
    }

    [Theory]
    // Neither made with its call (whose value is a ref struct, a lambda cannot return one) or a value around it, nor in a statement that
    // keeps the environments in a block of its own or before the suspension of its statement: the span kept in a variable whose value holds a
    // collection expression of a span type (C# makes it for the block it is in) that cannot be kept in a local before that block (after an argument made with a lambda given to a call whose value is a span:
    // Behaviour/LambdaKeptInItsScopeCaptureTests, LambdaKeptCollectionsCaptureTests and LambdaKeptArgumentsCaptureTests for those that can), looped over by a foreach that suspends; assigned
    // to an element of a span after the suspension of some statements (below); the span used by reference other than by a ref local's declaration (through its receiver
    // or the first argument of a method named without one, after arguments that evaluate nothing or are kept before it: not one made with such a lambda).
    [InlineData("var span = Filled(Filled(new int[1], rows, y => y.A), rows, x => x.A + copy, [3]);\n Console.WriteLine(span.Length);")]
    [InlineData("foreach (var value in Spanned(rows, x => x.A + copy)) Console.WriteLine(value + Fetch(value));")]
    // After the first suspension of a declaration of a ref local whose index comes after an index that evaluates something (Binding/KeptAroundSuspensionTests has
    // the statements where it is kept, after a receiver of a reference type too).
    [InlineData("ref int cell = ref Grid()[Cells().Length - 2, Fetch(copy) + ((Slots(rows[0]).AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1)];\n Console.WriteLine(cell);")]
    // After the first suspension of a `switch` value or a `foreach` collection of a ref struct type, which C# reads as it is (no field can keep it).
    [InlineData("switch (Fetch(copy) > 0 && (Slots(rows[0]).AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is not null ? rows.AsSpan() : default) { case [var a]: Console.WriteLine(a.A); break; }")]
    [InlineData("foreach (var row in Fetch(copy) > 0 && (Slots(rows[0]).AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is not null ? rows.AsSpan() : default) Console.WriteLine(row.A);")]
    [InlineData("ref var picked = ref Second(Filled(new int[1], rows, y => y.A)[0], ref Filled(new int[1], rows, x => x.A + copy)[0]);\n Console.WriteLine(picked);")]
    [InlineData("var span = Filled([Sum(Filled([1], rows, x => x.A + copy))], rows, x => x.A + copy);\n Console.WriteLine(span.Length);")]
    public void A_closure_the_state_machine_cannot_make_per_iteration_is_refused(string statement)
    {
        var bound = Passes.Bind(Passes.Program($$"""
                    static ReadOnlySpan<int> Spanned<T>(T[] items, Func<T, int> value) => Array.ConvertAll(items, x => value(x));
                    static Span<int> Filled<T>(Span<int> into, T[] items, Func<T, int> value, Span<int> after = default)
                    {
                        into[0] = value(items[0]);
                        return into;
                    }
                    static Action<T>[] Slots<T>(T sample) => new Action<T>[1];
                    static ref int Second(int first, ref int value) => ref value;
                    static int[] Cells() => new int[2];
                    static int[,] Grid() => new int[2, 2];
                    static int Sum(ReadOnlySpan<int> values) => values.Length;
                    [Coroutine]
                    static int Fetch(int x)
                    {
                        Yield.Sleep(1);
                        return x;
                    }
                    static Coroutine<T> Awaited<T>(T x) => null!;
                    var rows = new[] { new { A = 1 } };
                    var holder = new { Slot = Slots(rows[0])[0], Tag = 0 };
                    for (int i = 0; i < 2; i++)
                    {
                        int copy = i;
                        {{statement}}
                        Yield.Sleep(1);
                    }
            """), "Run");

        var diagnostic = Assert.Single(bound.Diagnostics, static d => d.Id == "COR0013");
        Assert.Equal("copy", diagnostic.Arguments[0]);
        Assert.Contains("nor in a statement that keeps them in a block of its own (an expression statement, a declaration of a block's or a switch section's locals with values, or the condition of an `if`, a `while`, a `do` or a `for` or the collection of a `foreach`, that does not suspend and whose variables that code after it reads can live in fields or, of a ref struct type, are declared by an `out` argument or a pattern), nor in a part of a statement that suspends evaluated before its first suspension, an argument of a coroutine's call or of a suspension point (not of a suspension point one of whose arguments is of a ref struct type that holds an anonymous type, nor passed to one by reference) or a part evaluated after a suspension of an expression statement, a declaration of a block's or a `for` loop's locals, a `return`, a `throw`, the condition of an `if`, a `while`, a `do` or a `for`, the value of a `switch` or a `lock`, the collection of a `foreach`, the resource of a `using` statement or of a declaration of one `using` local, a `for` initializer or incrementor, a `?.` statement, a declaration of ref struct locals or of ref locals in an index or an argument passed by value that holds the local's suspensions and is evaluated first or after a receiver of a reference type (not another declaration of ref locals, a declaration of several `using` locals, nor another value, or the value of a compound assignment, of a ref struct type that C# does not convert there (a `switch` value, a `foreach` collection, an operand of an operator of its own) or of a type holding an anonymous type whose shape the generated code cannot write)", diagnostic.Arguments[1], System.StringComparison.Ordinal);
    }

    [Theory]
    // An argument of a call whose value is a ref struct, outside an expression statement of its own: the value around the call that
    // first has another type is made through the environments, in a declaration, a condition, a `return`, a statement that suspends.
    [InlineData("var length = Spanned(rows, x => x.A + copy).Length;", "Spanned(rows, x => x.A + copy).Length")]
    [InlineData("int first = Sum(Spanned(rows, x => x.A + copy)), second = 2;", "Sum(Spanned(rows, x => x.A + copy))")]
    [InlineData("if (Spanned(rows, x => x.A + copy)[0] > 0) Console.WriteLine(copy);", "Spanned(rows, x => x.A + copy)[0]")]
    [InlineData("while (Sum(Spanned(rows, x => x.A + copy)) < 3) copy++;", "Sum(Spanned(rows, x => x.A + copy))")]
    [InlineData("if (copy > 5) return Spanned(rows, x => x.A + copy).Length;", "Spanned(rows, x => x.A + copy).Length")]
    [InlineData("var fetched = Fetch(Spanned(rows, x => x.A + copy).Length);", "Spanned(rows, x => x.A + copy).Length")]
    [InlineData("Console.WriteLine(Spanned(rows, x => x.A + copy).Length + (int.TryParse(\"1\", out var n) ? n : 0));", "Spanned(rows, x => x.A + copy).Length")]
    public void A_call_whose_value_is_a_ref_struct_is_made_with_the_value_around_it(string statement, string around)
    {
        var bound = Passes.Bind(Passes.Program($$"""
                    static ReadOnlySpan<int> Spanned<T>(T[] items, Func<T, int> value) => Array.ConvertAll(items, x => value(x));
                    static int Sum(ReadOnlySpan<int> values) => values.Length > 0 ? values[0] : 0;
                    [Coroutine]
                    static int Fetch(int x)
                    {
                        Yield.Sleep(1);
                        return x;
                    }
                    var rows = new[] { new { A = 1 } };
                    for (int i = 0; i < 2; i++)
                    {
                        int copy = i;
                        {{statement}}
                        Yield.Sleep(1);
                    }
                    return 0;
            """, returnType: "int"), "Run");

        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        Assert.Equal(around, Assert.Single(bound.Captures!.Closures!.ValuesMadeAround).ToString());
        Assert.Empty(bound.Captures.Closures.KeepingStatements);
    }

    [Theory]
    // Assigned through a ref local, to an element of a span (a lambda captures neither; a span lives in a block without a suspension,
    // as in C# async), an argument of a call whose value is a ref struct: the expression statement keeps the environments in locals of a block of its own.
    [InlineData("static Action<T>[] Slots<T>(T sample) => new Action<T>[1];\n var slots = Slots(new { A = 1 });\n ref var slot = ref slots[0];\n slot = copy > 0 ? x => Console.WriteLine(x.A + copy) : x => Console.WriteLine(x.A);", true)]
    [InlineData("static Action<T>[] Slots<T>(T sample) => new Action<T>[1];\n {\n var slots = Slots(new { A = 1 }).AsSpan();\n slots[0] = x => Console.WriteLine(x.A + copy);\n }", true)]
    [InlineData("static ReadOnlySpan<int> Spanned<T>(T[] items, Func<T, int> value) => Array.ConvertAll(items, x => value(x));\n Console.WriteLine(Spanned(new[] { new { A = 1 } }, x => x.A + copy).Length);", true)]
    // A local of a ref struct type it declares: written without its value, assigned in a block of its own that keeps the environments.
    // The collection of a foreach, the condition of an `if` or a `while` that does not suspend: the statement is written in such a block.
    [InlineData("static ReadOnlySpan<int> Spanned<T>(T[] items, Func<T, int> value) => Array.ConvertAll(items, x => value(x));\n foreach (var value in Spanned(new[] { new { A = 1 } }, x => x.A + copy))\n Console.WriteLine(value);", true)]
    [InlineData("static Action<T>[] Slots<T>(T sample) => new Action<T>[1];\n var slots = Slots(new { A = 1 });\n ref var slot = ref slots[0];\n if ((slot = x => Console.WriteLine(x.A + copy)) is not null) Console.WriteLine(copy);", true)]
    [InlineData("static Action<T>[] Slots<T>(T sample) => new Action<T>[1];\n var slots = Slots(new { A = 1 }).AsSpan();\n while ((slots[0] = x => Console.WriteLine(x.A + copy)) is null) Console.WriteLine(copy);", true)]
    [InlineData("static ReadOnlySpan<int> Spanned<T>(T[] items, Func<T, int> value) => Array.ConvertAll(items, x => value(x));\n var span = Spanned(new[] { new { A = 1 } }, x => x.A + copy);\n Console.WriteLine(span.Length);", true)]
    // Also of a switch section, whose value reads a ref struct variable or a stackalloc (`scoped`), or referred into by a ref local.
    [InlineData("static ReadOnlySpan<int> Spanned<T>(T[] items, Func<T, int> value) => Array.ConvertAll(items, x => value(x));\n switch (copy)\n {\n case 1:\n var span = Spanned(new[] { new { A = 1 } }, x => x.A + copy);\n Console.WriteLine(span.Length);\n break;\n }", true)]
    [InlineData("static Span<int> Filled<T>(Span<int> into, T[] items, Func<T, int> value) => into;\n Span<int> buffer = stackalloc int[1];\n var span = Filled(buffer, new[] { new { A = 1 } }, x => x.A + copy);\n var other = Filled(stackalloc int[1], new[] { new { A = 1 } }, x => x.A + copy);\n Console.WriteLine(span.Length + other.Length);", true)]
    [InlineData("static ReadOnlySpan<int> Spanned<T>(T[] items, Func<T, int> value) => Array.ConvertAll(items, x => value(x));\n ref readonly var first = ref Spanned(new[] { new { A = 1 } }, x => x.A + copy)[0];\n Console.WriteLine(first);", true)]
    // In a `with` or an object initializer (the left side names a member of the object being made): the copy, or the assignment
    // of the `new()`, is made through the environments as a whole.
    [InlineData("static Action<T>[] Slots<T>(T sample) => new Action<T>[1];\n var holder = new { Slot = Slots(new { A = 1 })[0] };\n var next = holder with { Slot = x => Console.WriteLine(x.A + copy) };", false)]
    [InlineData("static Box<T> BoxOf<T>(T sample) => new Box<T>();\n var box = BoxOf(new { A = 1 });\n box.Inner = new() { Slot = x => Console.WriteLine(x.A + copy) };", false)]
    public void A_closure_assigned_where_a_lambda_cannot_make_the_assignment_is_made_another_way(string statement, bool keepingStatement)
    {
        var bound = Passes.Bind(Passes.Program($$"""
                    for (int i = 0; i < 2; i++)
                    {
                        int copy = i;
                        {{statement}}
                        Yield.Sleep(1);
                    }
            """) + "\npublic sealed class Box<T>\n{\n    public Box<T>? Inner { get; set; }\n\n    public Action<T>? Slot { get; set; }\n}\n", "Run");

        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        Assert.Equal(keepingStatement, bound.Captures!.Closures!.KeepingStatements.Any(static s => s is ExpressionStatementSyntax or LocalDeclarationStatementSyntax or IfStatementSyntax or WhileStatementSyntax or ForEachStatementSyntax));
    }

    [Theory]
    // The same through a ref local or a span that the statement uses after its suspension: C# async refuses them too (CS9217, CS4007).
    [InlineData("ref var slot = ref slots[0];\n slot = Fetch(copy) > 0 ? x => x.A + copy : x => x.A;", "slot")]
    [InlineData("{\n var span = slots.AsSpan();\n span[Fetch(0)] = x => x.A + copy;\n }", "span")]
    public void A_ref_local_or_a_span_used_across_its_statements_suspension_is_refused_as_csharp_async_refuses_it(string statement, string local)
    {
        var bound = Passes.Bind(Passes.Program($$"""
                    static Func<T, int>[] Readers<T>(T sample) => new Func<T, int>[2];
                    [Coroutine]
                    static int Fetch(int x)
                    {
                        Yield.Sleep(1);
                        return x;
                    }
                    var slots = Readers(new { A = 1 });
                    for (int i = 0; i < 2; i++)
                    {
                        int copy = i;
                        {{statement}}
                    }
            """), "Run");

        var refused = Assert.Single(bound.Diagnostics, static d => d.Id == "COR0009");
        Assert.Equal(local, refused.Arguments[0]);
        Assert.Contains("C# refuses a ref", string.Join(" ", refused.Arguments), System.StringComparison.Ordinal);
    }
}
