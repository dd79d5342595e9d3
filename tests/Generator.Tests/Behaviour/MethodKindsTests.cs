using System;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle and diagnostic tests (issue 14, point 7): every kind of method C# lets be <c>async</c>,
/// as a <c>[Coroutine]</c>: virtual, override, <c>new</c>, abstract, interface (default and
/// explicit) methods, extension methods, methods of records and record structs, partial methods,
/// generic methods with constraints, local functions, <c>params</c>, optional and named arguments.
/// Each works as the original method does, or is refused with a COR diagnostic that says why.
/// </summary>
public sealed class MethodKindsTests
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        """;

    private const string Hierarchy = Header + """
        public partial class Walker
        {
            [Coroutine]
            public virtual int Walk(int steps)
            {
                for (int i = 0; i < steps; i++)
                {
                    Yield.Sleep(10);
                    Trace.Log($"walker step {i}");
                }
                return steps;
            }

            [Coroutine]
            public int Run(int steps)
            {
                Yield.Sleep(1);
                Trace.Log("walker runs");
                return steps * 2;
            }
        }

        public partial class Runner : Walker
        {
            [Coroutine]
            public override int Walk(int steps)
            {
                Trace.Log("runner walks");
                Yield.Sleep(5);
                return steps * 10;
            }

            [Coroutine]
            public new int Run(int steps)
            {
                Yield.Sleep(2);
                Trace.Log("runner runs");
                return steps * 3;
            }
        }

        public abstract partial class Shape
        {
            public abstract int Draw(int size);
        }

        public sealed partial class Square : Shape
        {
            [Coroutine]
            public override int Draw(int size)
            {
                Yield.Sleep(size);
                Trace.Log($"square {size}");
                return size * size;
            }
        }
        """;

    [Fact]
    public void Virtual_method()
    {
        Oracle.Compare(new OracleCase { Sources = [("Hierarchy.cs", Hierarchy)], TypeName = "Demo.Walker", MethodName = "Walk", Args = [2] });
    }

    [Fact]
    public void Override_of_a_virtual_coroutine()
    {
        Oracle.Compare(new OracleCase { Sources = [("Hierarchy.cs", Hierarchy)], TypeName = "Demo.Runner", MethodName = "Walk", Args = [2] });
    }

    [Fact]
    public void New_method_hiding_a_coroutine()
    {
        Oracle.Compare(new OracleCase { Sources = [("Hierarchy.cs", Hierarchy)], TypeName = "Demo.Runner", MethodName = "Run", Args = [2] });
    }

    [Fact]
    public void Override_of_an_abstract_method()
    {
        Oracle.Compare(new OracleCase { Sources = [("Hierarchy.cs", Hierarchy)], TypeName = "Demo.Square", MethodName = "Draw", Args = [3] });
    }

    /// <summary>C# refuses <c>async</c> on an abstract method too: the attribute goes on the overrides.</summary>
    [Fact]
    public void Abstract_method_is_refused()
    {
        DiagnosticAssert.Fires("COR0005", DiagnosticSeverity.Error, Header + """
            public abstract partial class Job
            {
                [Coroutine]
                public abstract int [|Run|](int n);
            }
            """);
    }

    [Fact]
    public void Interface_default_method()
    {
        Oracle.Compare(new OracleCase
        {
            Sources = [("Greeter.cs", Header + """
                public partial interface IGreeter
                {
                    string Name { get; }

                    [Coroutine]
                    int Greet(int times)
                    {
                        for (int i = 0; i < times; i++)
                        {
                            Yield.Sleep(3);
                            Trace.Log($"hello from {Name}");
                        }
                        return times;
                    }
                }

                public partial class Greeter : IGreeter
                {
                    public string Name => "greeter";
                }
                """)],
            TypeName = "Demo.IGreeter",
            MethodName = "Greet",
            Args = [2],
            CreateInstance = type => Activator.CreateInstance(type.Assembly.GetType("Demo.Greeter")!)!,
        });
    }

    /// <summary>
    /// Refused (COR0016): the factory of an explicit implementation could only be private, and
    /// callers reach the method only through the interface (a virtual call, COR0024). The message
    /// says what to write instead; the workaround runs as the original does.
    /// </summary>
    [Fact]
    public void Explicit_interface_implementation_is_refused_with_the_workaround()
    {
        var run = DiagnosticAssert.Fires("COR0016", DiagnosticSeverity.Error, Header + """
            public interface IJob
            {
                int Run(int n);
            }

            public partial class Job : IJob
            {
                [Coroutine]
                int IJob.[|Run|](int n)
                {
                    Yield.Sleep(n);
                    return n + 1;
                }
            }
            """);
        Assert.Contains(
            "[Coroutine] is not supported on the explicit interface implementation 'IJob.Run': move the body into a coroutine method of 'Job' and implement 'IJob.Run' by calling that method",
            run.GeneratorDiagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));

        Oracle.Compare(new OracleCase
        {
            Sources = [("Job.cs", Header + """
                public interface IJob
                {
                    int Run(int n);
                }

                public partial class Job : IJob
                {
                    int IJob.Run(int n) => RunCore(n);

                    [Coroutine]
                    public int RunCore(int n)
                    {
                        Yield.Sleep(n);
                        Trace.Log("through the interface");
                        return n + 1;
                    }
                }
                """)],
            TypeName = "Demo.Job",
            MethodName = "RunCore",
            Args = [4],
        });
    }

    [Fact]
    public void Extension_method()
    {
        Oracle.Compare(new OracleCase
        {
            Sources = [("Extensions.cs", Header + """
                public static partial class TextExtensions
                {
                    [Coroutine]
                    public static int Spell(this string text, int pause)
                    {
                        foreach (var letter in text)
                        {
                            Trace.Log(letter);
                            Yield.Sleep(pause);
                        }
                        return text.Length;
                    }

                    [Coroutine]
                    public static int SpellTwice(string text)
                    {
                        var first = text.Spell(1); // a call of a coroutine extension method, as an extension
                        var second = TextExtensions.Spell(text.ToUpperInvariant(), 2);
                        return first + second;
                    }
                }
                """)],
            TypeName = "Demo.TextExtensions",
            MethodName = "SpellTwice",
            Args = ["abc"],
        });
    }

    [Fact]
    public void Static_method_of_a_record_struct()
    {
        Oracle.Compare(new OracleCase
        {
            Sources = [("Point.cs", Header + """
                public partial record struct Point(int X, int Y)
                {
                    [Coroutine]
                    public static Point Walk(Point start, int steps)
                    {
                        var at = start;
                        for (int i = 0; i < steps; i++)
                        {
                            Yield.Sleep(5);
                            at = at with { X = at.X + 1 };
                            Trace.Log(at);
                        }
                        return at;
                    }

                    [Coroutine]
                    public static string Run(int steps)
                    {
                        var end = Walk(new Point(1, 2), steps);
                        return end.ToString();
                    }
                }
                """)],
            TypeName = "Demo.Point",
            MethodName = "Run",
            Args = [3],
        });
    }

    /// <summary>
    /// An instance coroutine of a record struct is one of a struct: its state machine works on a
    /// copy of <c>this</c>, as C# async does (issue 14, point 4; StructTests has the async twin).
    /// </summary>
    [Fact]
    public void Instance_method_of_a_record_struct()
    {
        Oracle.Compare(new OracleCase
        {
            Sources =
            [
                ("Point.cs", Header + """
                public partial record struct Point(int X, int Y)
                {
                    [Coroutine]
                    public int Sum()
                    {
                        Yield.Sleep(1);
                        X += 10;
                        Yield.Sleep(1);
                        return X + Y;
                    }
                }
                """),
            ],
            TypeName = "Demo.Point",
            MethodName = "Sum",
            CreateInstance = static t => System.Activator.CreateInstance(t, 1, 2)!,
        });
    }

    [Fact]
    public void Partial_method_with_the_attribute_on_the_implementing_part()
    {
        Oracle.Compare(new OracleCase
        {
            Sources =
            [
                ("Declaration.cs", Header + """
                public static partial class Jobs
                {
                    public static partial int Count(int to);
                }
                """),
                ("Implementation.cs", Header + """
                public static partial class Jobs
                {
                    [Coroutine]
                    public static partial int Count(int to)
                    {
                        int total = 0;
                        for (int i = 1; i <= to; i++)
                        {
                            Yield.Sleep(i);
                            total += i;
                            Trace.Log($"counted {i}");
                        }
                        return total;
                    }
                }
                """),
            ],
            TypeName = "Demo.Jobs",
            MethodName = "Count",
            Args = [3],
        });
    }

    /// <summary>On the declaring part (no body) the attribute is refused, saying where it goes (C# puts async on the implementing part too).</summary>
    [Fact]
    public void Partial_method_with_the_attribute_on_the_declaring_part_is_refused()
    {
        DiagnosticAssert.Fires("COR0005", DiagnosticSeverity.Error, Header + """
            public static partial class Jobs
            {
                [Coroutine]
                public static partial int [|Count|](int to);

                public static partial int Count(int to)
                {
                    Yield.Sleep(to);
                    return to;
                }
            }
            """);
    }

    [Fact]
    public void Generic_methods_with_constraints_calling_each_other()
    {
        Oracle.Compare(new OracleCase
        {
            Sources = [("Generic.cs", Header + """
                public static partial class Pick
                {
                    [Coroutine]
                    public static T Largest<T>(IReadOnlyList<T> items)
                        where T : struct, IComparable<T>
                    {
                        var best = items[0];
                        foreach (var item in items)
                        {
                            Yield.Sleep(1);
                            if (item.CompareTo(best) > 0)
                            {
                                best = item;
                                Trace.Log($"best so far {best}");
                            }
                        }
                        return best;
                    }

                    [Coroutine]
                    public static TResult Convert<TSource, TResult>(TSource value, Func<TSource, TResult> convert)
                        where TSource : notnull
                        where TResult : class
                    {
                        Yield.Sleep(2);
                        return convert(value);
                    }

                    [Coroutine]
                    public static string Run(int seed)
                    {
                        int largest = Largest<int>(new[] { seed, 7, seed * 3, 2 });
                        string text = Convert<int, string>(largest, v => $"<{v}>");
                        return text;
                    }
                }
                """)],
            TypeName = "Demo.Pick",
            MethodName = "Run",
            Args = [4],
        });
    }

    /// <summary>
    /// Local functions, static and not, called before and after sleeps; the non-static one reads
    /// and writes a local and a parameter that live across them.
    /// </summary>
    [Fact]
    public void Static_and_non_static_local_functions_in_a_coroutine()
    {
        Oracle.Compare(Programs.Static("""
            [Coroutine]
            public static int Run(int start)
            {
                int total = start;
                Yield.Sleep(1);
                Add(2);
                Trace.Log($"after add {total} {Twice(total)}");
                Yield.Sleep(Twice(1));
                Add(start);
                Trace.Log($"total {total}");
                return Twice(total);

                void Add(int amount)
                {
                    total += amount;
                    start++;
                    Trace.Log($"add {amount} -> {total}, start {start}");
                }

                static int Twice(int value) => value * 2;
            }
            """), Programs.StaticType, "Run", 5);
    }

    /// <summary>
    /// A local function that is not a coroutine cannot suspend (COR0006), as C# refuses <c>await</c>
    /// in a local function that is not <c>async</c> (CS4033): the message says to mark it
    /// <c>[Coroutine]</c>. <c>[Coroutine]</c> local functions: LocalFunctionCoroutineTests.
    /// </summary>
    [Theory]
    [InlineData("static")]
    [InlineData("")]
    public void Suspending_inside_a_local_function_that_is_not_a_coroutine_is_refused(string modifier)
    {
        var run = DiagnosticAssert.Fires("COR0006", DiagnosticSeverity.Error, Programs.Static($$"""
            [Coroutine]
            public static int Run()
            {
                Yield.Sleep(1);
                return Inner();

                {{modifier}} int Inner()
                {
                    [|Yield.Sleep(1);|]
                    return 1;
                }
            }
            """));
        Assert.Contains(
            "'Yield.Sleep' cannot suspend inside a local function: mark 'Inner' [Coroutine] to make it a coroutine that the method calls (C# refuses await in a local function that is not async too, CS4033), or move the call into the method body",
            run.GeneratorDiagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Calls between coroutines with a <c>params</c> array (expanded and not), optional parameters
    /// left out, and named arguments out of order: the arguments are evaluated in the order written,
    /// as C# does, before the callee starts.
    /// </summary>
    [Fact]
    public void Params_optional_and_named_arguments_in_calls_between_coroutines()
    {
        Oracle.Compare(Programs.Static("""
            private static int Arg(string name, int value)
            {
                Trace.Log($"argument {name} = {value}");
                return value;
            }

            [Coroutine]
            public static int Sum(int scale = 1, string label = "sum", params int[] values)
            {
                int total = 0;
                foreach (var v in values)
                {
                    Yield.Sleep(v);
                    total += v * scale;
                }
                Trace.Log($"{label}: {total}");
                return total;
            }

            [Coroutine]
            public static int Run()
            {
                int a = Sum(2, "expanded", 1, 2, 3);
                int b = Sum(values: new[] { Arg("values", 4) }, label: "named", scale: Arg("scale", 3));
                int c = Sum();
                int d = Sum(label: "label only");
                int e = Sum(Arg("scale", 1), Arg("label", 0).ToString(), Arg("first", 5), Arg("second", 1));
                return a + b + c + d + e;
            }
            """), Programs.StaticType, "Run");
    }
}
