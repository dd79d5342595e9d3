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
}
