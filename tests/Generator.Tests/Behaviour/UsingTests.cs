using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests: Yield.Sleep inside <c>using</c> statements and after <c>using</c> declarations.
/// The test resources (<c>Res</c>, <c>StructRes</c> in <see cref="Programs.TestTypes"/>) log when
/// they open and every time they are disposed, so the traces show that each resource is disposed
/// exactly once, in reverse order, at the right time, on every way out.
/// </summary>
public sealed class UsingTests
{
    private static readonly SharedProgram Program = new(Programs.Static(Programs.TestTypes + """
        [Coroutine]
        public static string UsingStatement(int mode)
        {
            using (var r = new Res("r"))
            {
                r.Use("before");
                Yield.Sleep(10);
                r.Use("after");
                if (mode == 1) throw new AppException("inside the using");
                if (mode == 2) return "returned";
                Yield.Sleep(5);
            }
            Trace.Log("after the using");
            Yield.Sleep(1);
            return "end";
        }

        [Coroutine]
        public static string UsingDeclarations(int mode)
        {
            using var first = new Res("first");
            Yield.Sleep(3);
            using var second = new Res("second");
            first.Use("a");
            Yield.Sleep(4);
            if (mode == 1) throw new AppException("between the declarations");
            using Res third = new Res("third"), fourth = new Res("fourth");
            Yield.Sleep(5);
            if (mode == 2) return "early";
            second.Use("b");
            Trace.Log("end of the method");
            return "end";
        }

        [Coroutine]
        public static string UsingDeclarationInANestedBlock(int mode)
        {
            Trace.Log("start");
            {
                using var inner = new Res("inner");
                Yield.Sleep(2);
                if (mode == 1)
                {
                    using var deeper = new Res("deeper");
                    Yield.Sleep(3);
                    deeper.Use("x");
                }
                Trace.Log("end of the block");
            }
            Trace.Log("after the block");
            Yield.Sleep(1);
            return "done";
        }

        [Coroutine]
        public static string SeveralDeclarators(int mode)
        {
            using (Res a = new Res("a"), b = new Res("b"))
            {
                Yield.Sleep(4);
                a.Use("1");
                b.Use("2");
                if (mode == 1) throw new OtherException("boom");
            }
            return "ok";
        }

        private static Res Make(string name) => new Res(name);

        [Coroutine]
        public static string UsingAnExpression(int mode)
        {
            using (Make("made"))
            {
                Yield.Sleep(6);
                Trace.Log("inside");
                if (mode == 1) Fail(1);
            }
            Res? kept = Make("kept");
            using (kept)
            {
                Yield.Sleep(1);
                kept = null;
                Trace.Log("the variable was cleared; the using still holds the resource");
            }
            return kept is null ? "cleared" : "still set";
        }

        [Coroutine]
        public static string NullResource(int mode)
        {
            using (Res? r = mode == 0 ? null : new Res("maybe"))
            {
                Yield.Sleep(2);
                Trace.Log($"resource is {(r is null ? "null" : "set")}");
            }
            using Res? declared = null;
            Yield.Sleep(1);
            return "ok";
        }

        [Coroutine]
        public static string StructResource(int mode)
        {
            using (var s = new StructRes("s"))
            {
                s.Use();
                Yield.Sleep(3);
                s.Use();
                if (mode == 1) throw new AppException("struct");
            }
            using var t = new StructRes("t");
            t.Use();
            Yield.Sleep(1);
            t.Use();
            return "ok";
        }

        [Coroutine]
        public static string NullableStructResource(int mode)
        {
            StructRes? maybe = mode == 0 ? null : new StructRes("nullable");
            using (maybe)
            {
                Yield.Sleep(2);
                Trace.Log($"has value {maybe.HasValue}");
            }
            return "ok";
        }

        [Coroutine]
        public static int UsingInALoop(int stopAt)
        {
            int i = 0;
            for (; i < 5; i++)
            {
                using (var r = new Res($"loop {i}"))
                {
                    Yield.Sleep(i);
                    if (i == 1) continue;
                    if (i == stopAt) break;
                    if (i == 3 && stopAt == 9) return -1;
                    r.Use("body");
                }
                Trace.Log($"after the using {i}");
            }
            return i;
        }

        [Coroutine]
        public static string NestedUsingsAndFinally(int mode)
        {
            try
            {
                using (var outer = new Res("outer"))
                {
                    Yield.Sleep(1);
                    using (var inner = new Res("inner"))
                    {
                        Yield.Sleep(2);
                        if (mode == 1) throw new AppException("deep");
                        inner.Use("x");
                    }
                    Yield.Sleep(3);
                    outer.Use("y");
                }
            }
            catch (AppException e)
            {
                Trace.Log($"caught {e.Message}");
                Yield.Sleep(4);
            }
            finally
            {
                Trace.Log("finally");
            }
            return "ok";
        }

        public sealed class ThrowingRes : IDisposable
        {
            public void Dispose()
            {
                Trace.Log("dispose throws");
                throw new OtherException("from Dispose");
            }
        }

        [Coroutine]
        public static string DisposeThatThrows(int mode)
        {
            try
            {
                using (new ThrowingRes())
                {
                    Yield.Sleep(1);
                    if (mode == 1) throw new AppException("from the body");
                }
            }
            catch (Exception e)
            {
                Trace.Log($"caught {e.GetType().Name}: {e.Message}");
            }
            return "ok";
        }

        [Coroutine]
        public static string ConstructorThatThrows(int mode)
        {
            using var first = new Res("first");
            Yield.Sleep(1);
            using (var second = mode == 1 ? throw new AppException("no second") : new Res("second"))
            {
                Yield.Sleep(2);
            }
            return "ok";
        }

        [Coroutine]
        public static string SleepInsideAFinallyInsideAUsing(int mode)
        {
            using var r = new Res("r");
            try
            {
                Yield.Sleep(1);
                if (mode == 1) throw new AppException("x");
            }
            finally
            {
                Yield.Sleep(2);
                r.Use("in the finally");
            }
            return "ok";
        }
        """))
    {
        AllowedDiagnosticIds = ["CS0728"], // UsingAnExpression assigns the local a using holds, on purpose
    };

    private static void Compare(string method, params object?[] args) => Program.Compare(Programs.StaticType, method, args);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Using_statement_disposes_once_on_every_exit(int mode) => Compare("UsingStatement", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Using_declarations_dispose_in_reverse_order_at_the_end_of_the_block(int mode) => Compare("UsingDeclarations", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Using_declaration_in_a_nested_block_is_disposed_when_the_block_ends(int mode) => Compare("UsingDeclarationInANestedBlock", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Several_declarators_in_one_using(int mode) => Compare("SeveralDeclarators", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Using_an_expression_holds_the_value_it_had_at_the_start(int mode) => Compare("UsingAnExpression", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_null_resource_is_not_disposed(int mode) => Compare("NullResource", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_struct_resource(int mode) => Compare("StructResource", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_nullable_struct_resource(int mode) => Compare("NullableStructResource", mode);

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(7)]
    public void Using_in_a_loop_with_continue_break_and_return(int stopAt) => Compare("UsingInALoop", stopAt);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Nested_usings_inside_try_catch_finally(int mode) => Compare("NestedUsingsAndFinally", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_Dispose_that_throws(int mode) => Compare("DisposeThatThrows", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_resource_whose_creation_throws_is_not_disposed(int mode) => Compare("ConstructorThatThrows", mode);

    /// <summary>
    /// Its own program: a return (a jump once lowered) before a using declaration, in a block that
    /// does not sleep inside a try whose finally does. C# forbids a goto past a using declaration.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_return_before_a_using_declaration_in_a_block_kept_as_written(int mode)
    {
        Oracle.Compare(Programs.Static(Programs.TestTypes + """
            [Coroutine]
            public static int Run(int mode)
            {
                try
                {
                    Trace.Log("in the try");
                    if (mode == 1) return 1;
                    using var r = new Res("r");
                    r.Use("after the return");
                }
                finally
                {
                    Yield.Sleep(1);
                    Trace.Log("finally");
                }
                return 0;
            }
            """), Programs.StaticType, "Run", mode);
    }

    /// <summary>
    /// Its own program: a break (a forward jump once its loop is lowered) before a using
    /// declaration, in a block kept as written inside a loop that sleeps.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_break_before_a_using_declaration_in_a_block_kept_as_written(int n)
    {
        Oracle.Compare(Programs.Static(Programs.TestTypes + """
            [Coroutine]
            public static int Run(int n)
            {
                int i = 0;
                for (; i < n; i++)
                {
                    Yield.Sleep(1);
                    {
                        if (i == 1) break;
                        using var r = new Res($"r{i}");
                        r.Use("after the break");
                    }
                }
                return i;
            }
            """), Programs.StaticType, "Run", n);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_sleeping_finally_inside_a_using_declaration_scope(int mode) => Compare("SleepInsideAFinallyInsideAUsing", mode);
}
