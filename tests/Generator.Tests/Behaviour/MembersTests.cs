using System;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests: where a [Coroutine] method can live (static and instance members, generic
/// methods and types, nested types, namespaces, partial files, records) and its signature shapes.
/// </summary>
public sealed class MembersTests
{
    private const string Robot = """
        using System;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public partial class Robot
        {
            private static int s_built;
            private readonly string _name;
            private int _position;

            public Robot()
                : this("r2")
            {
            }

            public Robot(string name)
            {
                _name = name;
                s_built++;
            }

            public int Speed { get; set; } = 2;

            private int Moves { get; set; }

            private void Report(string what) => Trace.Log($"{_name} {what} at {_position} (speed {Speed}, built {s_built})");

            private static int Clamp(int value) => Math.Min(value, 50);

            [Coroutine]
            public int Walk(int steps)
            {
                for (int i = 0; i < steps; i++)
                {
                    _position += Speed;
                    Moves++;
                    Report("moved");
                    Yield.Sleep(Clamp(100 / Speed));
                    this.Speed++;
                }
                Report("stopped");
                return _position * 10 + this.Moves;
            }

            [Coroutine]
            private void Spin(int turns)
            {
                while (turns-- > 0)
                {
                    Yield.Sleep(15);
                    Report($"turn, {turns} left");
                }
            }
        }
        """;

    [Fact]
    public void Instance_method_with_fields_implicit_this_private_members_and_properties()
    {
        var result = Oracle.Compare(Robot, "Demo.Robot", "Walk", 3);

        Assert.Equal("0ms: r2 moved at 2 (speed 2, built 1)", result.Original.Lines[0]);
    }

    [Fact]
    public void Instance_method_on_an_instance_made_by_the_test()
    {
        Oracle.Compare(new OracleCase
        {
            Sources = [("Robot.cs", Robot)],
            TypeName = "Demo.Robot",
            MethodName = "Walk",
            Args = [2],
            CreateInstance = type => Activator.CreateInstance(type, "bb8")!,
        });
    }

    [Fact]
    public void Private_instance_method()
    {
        Oracle.Compare(Robot, "Demo.Robot", "Spin", 3);
    }

    [Fact]
    public void Static_method_with_static_state_and_private_static_helpers()
    {
        Oracle.Compare("""
            using Coroutines;
            using Coroutines.Testing;

            namespace Demo;

            internal static partial class Counter
            {
                private static int s_total;

                private static int Bump(int by)
                {
                    s_total += by;
                    return s_total;
                }

                [Coroutine]
                internal static int Run(int rounds)
                {
                    for (int i = 1; i <= rounds; i++)
                    {
                        Trace.Log($"bump to {Bump(i)}");
                        Yield.Sleep(s_total);
                    }
                    return s_total;
                }
            }
            """, "Demo.Counter", "Run", 4);
    }

    private const string Generics = """
        using System;
        using System.Collections.Generic;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public static partial class Generic
        {
            [Coroutine]
            public static T Echo<T>(T value, int times)
            {
                for (int i = 0; i < times; i++)
                {
                    Trace.Log($"echo {value} ({typeof(T).Name})");
                    Yield.Sleep(10);
                }
                return value;
            }

            [Coroutine]
            public static T Max<T>(T first, T second)
                where T : IComparable<T>
            {
                T best = first;
                Yield.Sleep(1);
                if (second.CompareTo(best) > 0)
                {
                    best = second;
                }
                Trace.Log($"max {best}");
                return best;
            }

            [Coroutine]
            public static List<TOut> Map<TIn, TOut>(List<TIn> items, Func<TIn, TOut> map)
                where TIn : notnull
            {
                var result = new List<TOut>();
                foreach (var item in items)
                {
                    result.Add(map(item));
                }
                Yield.Sleep(items.Count);
                Trace.Log($"mapped {result.Count}");
                return result;
            }
        }

        public partial class Box<T>
        {
            private T _value;

            public Box(T value) => _value = value;

            [Coroutine]
            public T Swap(T next, int delay)
            {
                T old = _value;
                Trace.Log($"swap {old} for {next}");
                Yield.Sleep(delay);
                _value = next;
                Trace.Log($"now {_value}");
                return old;
            }

            [Coroutine]
            public static string Describe(T value)
            {
                Yield.Sleep(3);
                return $"{typeof(T).Name}: {value}";
            }
        }

        public partial class Outer<TOuter>
        {
            public partial class Inner
            {
                [Coroutine]
                public static string Show<TInner>(TOuter outer, TInner inner)
                {
                    Yield.Sleep(2);
                    Trace.Log($"{outer} / {inner}");
                    return $"{typeof(TOuter).Name}+{typeof(TInner).Name}";
                }
            }
        }
        """;

    [Theory]
    [InlineData(42)]
    [InlineData("text")]
    [InlineData(2.5)]
    public void Generic_method(object value)
    {
        Oracle.Compare(new OracleCase
        {
            Sources = [("Generic.cs", Generics)],
            TypeName = "Demo.Generic",
            MethodName = "Echo",
            MethodTypeArguments = [value.GetType()],
            Args = [value, 2],
        });
    }

    [Fact]
    public void Generic_method_with_constraints_and_two_type_parameters()
    {
        Oracle.Compare(new OracleCase
        {
            Sources = [("Generic.cs", Generics)],
            TypeName = "Demo.Generic",
            MethodName = "Max",
            MethodTypeArguments = [typeof(string)],
            Args = ["apple", "pear"],
        });
        Oracle.Compare(new OracleCase
        {
            Sources = [("Generic.cs", Generics)],
            TypeName = "Demo.Generic",
            MethodName = "Map",
            MethodTypeArguments = [typeof(int), typeof(string)],
            Args = [new System.Collections.Generic.List<int> { 1, 2, 3 }, new Func<int, string>(i => new string('*', i))],
        });
    }

    [Fact]
    public void Instance_method_of_a_generic_type()
    {
        Oracle.Compare(new OracleCase
        {
            Sources = [("Generic.cs", Generics)],
            TypeName = "Demo.Box`1",
            TypeArguments = [typeof(string)],
            MethodName = "Swap",
            Args = ["new", 8],
            CreateInstance = type => Activator.CreateInstance(type, "old")!,
        });
    }

    [Fact]
    public void Static_method_of_a_generic_type()
    {
        Oracle.Compare(new OracleCase
        {
            Sources = [("Generic.cs", Generics)],
            TypeName = "Demo.Box`1",
            TypeArguments = [typeof(int)],
            MethodName = "Describe",
            Args = [7],
        });
    }

    [Fact]
    public void Generic_method_in_a_type_nested_in_a_generic_type()
    {
        Oracle.Compare(new OracleCase
        {
            Sources = [("Generic.cs", Generics)],
            TypeName = "Demo.Outer`1+Inner",
            TypeArguments = [typeof(int)],
            MethodName = "Show",
            MethodTypeArguments = [typeof(string)],
            Args = [5, "five"],
        });
    }

    [Fact]
    public void Nested_containing_types_reach_the_outer_types_private_members()
    {
        Oracle.Compare("""
            using Coroutines;
            using Coroutines.Testing;

            namespace Demo;

            public static partial class Outer
            {
                private static int s_secret = 7;

                internal partial class Middle
                {
                    public static partial class Inner
                    {
                        [Coroutine]
                        public static int Peek(int times)
                        {
                            int sum = 0;
                            for (int i = 0; i < times; i++)
                            {
                                Yield.Sleep(s_secret);
                                sum += s_secret;
                                s_secret++;
                                Trace.Log($"peeked {sum}");
                            }
                            return sum;
                        }
                    }
                }
            }
            """, "Demo.Outer+Middle+Inner", "Peek", 3);
    }

    [Fact]
    public void Block_scoped_and_nested_namespaces()
    {
        const string source = """
            using Coroutines;

            namespace Company.Product
            {
                using Coroutines.Testing;

                namespace Feature
                {
                    public static partial class Worker
                    {
                        [Coroutine]
                        public static int Run()
                        {
                            Yield.Sleep(4);
                            Trace.Log("block-scoped");
                            return 4;
                        }
                    }
                }
            }

            namespace Company.Other
            {
                public static partial class Worker
                {
                    [Coroutine]
                    public static int Run()
                    {
                        Yield.Sleep(5);
                        return 5;
                    }
                }
            }
            """;
        Oracle.Compare(source, "Company.Product.Feature.Worker", "Run");
        Oracle.Compare(source, "Company.Other.Worker", "Run");
    }

    [Fact]
    public void File_scoped_namespace()
    {
        Oracle.Compare("""
            namespace Company.FileScoped;

            using Coroutines;
            using Coroutines.Testing;

            public static partial class Worker
            {
                [Coroutine]
                public static void Run()
                {
                    Yield.Sleep(6);
                    Trace.Log("file-scoped");
                }
            }
            """, "Company.FileScoped.Worker", "Run");
    }

    [Fact]
    public void Global_namespace()
    {
        Oracle.Compare("""
            using Coroutines;
            using Coroutines.Testing;

            public static partial class GlobalWorker
            {
                [Coroutine]
                public static void Run()
                {
                    Yield.Sleep(6);
                    Trace.Log("global");
                }
            }
            """, "GlobalWorker", "Run");
    }

    private static readonly SourceFile[] SplitFiles =
    [
        ("Workers.Part1.cs", """
            using Coroutines;
            using Coroutines.Testing;

            namespace Demo;

            public partial class Workers
            {
                [Coroutine]
                public int First(int n)
                {
                    Yield.Sleep(n);
                    Record("first");
                    return Helper(n);
                }
            }
            """),
        ("Workers.Part2.cs", """
            using Coroutines;
            using Coroutines.Testing;

            namespace Demo;

            public partial class Workers
            {
                private int _calls;

                private void Record(string what)
                {
                    _calls++;
                    Trace.Log($"{what} (call {_calls})");
                }

                private int Helper(int n) => n * 100 + _calls;

                [Coroutine]
                public int Second(int n)
                {
                    Record("second, before");
                    Yield.Sleep(n * 2);
                    Record("second, after");
                    return Helper(n);
                }
            }
            """),
    ];

    [Theory]
    [InlineData("First")]
    [InlineData("Second")]
    public void A_type_split_over_two_partial_files(string method)
    {
        Oracle.Compare(new OracleCase { Sources = SplitFiles, TypeName = "Demo.Workers", MethodName = method, Args = [3] });
    }

    [Fact]
    public void Instance_method_of_a_record()
    {
        Oracle.Compare(new OracleCase
        {
            Sources = [("Counter.cs", """
                using Coroutines;
                using Coroutines.Testing;

                namespace Demo;

                public partial record Counter(string Name)
                {
                    public int Ticks { get; private set; }

                    [Coroutine]
                    public string Tick(int times)
                    {
                        while (Ticks < times)
                        {
                            Yield.Sleep(10);
                            Ticks++;
                            Trace.Log($"{Name} tick {Ticks}");
                        }
                        return this.ToString();
                    }
                }
                """)],
            TypeName = "Demo.Counter",
            MethodName = "Tick",
            Args = [3],
            CreateInstance = type => Activator.CreateInstance(type, "rec")!,
        });
    }

    /// <summary>
    /// The state machine is a separate (nested) class, so it cannot reach the primary constructor's
    /// parameters: COR0018 at each use, telling the user to keep the value in a field or property.
    /// </summary>
    [Fact]
    public void Instance_method_of_a_class_with_a_primary_constructor()
    {
        DiagnosticAssert.Fires("COR0018", Microsoft.CodeAnalysis.DiagnosticSeverity.Error, """
            using Coroutines;
            using Coroutines.Testing;

            namespace Demo;

            public partial class Greeter(string greeting, int pause)
            {
                private int _count;

                [Coroutine]
                public string Greet(string name)
                {
                    _count++;
                    Yield.Sleep([|pause|]);
                    Trace.Log($"{[|greeting|]}, {name} (#{_count})");
                    [|pause|] *= 2;
                    Yield.Sleep([|pause|]);
                    return $"{[|greeting|]} {name} {[|pause|]}";
                }
            }
            """, "Greeter.cs");
    }

    /// <summary>The workaround COR0018 suggests: the parameters stored in a field and a property.</summary>
    [Fact]
    public void Instance_method_of_a_class_with_a_primary_constructor_whose_parameters_are_stored_in_members()
    {
        Oracle.Compare(new OracleCase
        {
            Sources = [("Greeter.cs", """
                using Coroutines;
                using Coroutines.Testing;

                namespace Demo;

                public partial class Greeter(string greeting, int pause)
                {
                    private readonly string _greeting = greeting;
                    private int _count;

                    public int Pause { get; set; } = pause;

                    [Coroutine]
                    public string Greet(string name)
                    {
                        _count++;
                        Yield.Sleep(Pause);
                        Trace.Log($"{_greeting}, {name} (#{_count})");
                        Pause *= 2;
                        Yield.Sleep(Pause);
                        return $"{_greeting} {name} {Pause}";
                    }
                }
                """)],
            TypeName = "Demo.Greeter",
            MethodName = "Greet",
            Args = ["Ada"],
            CreateInstance = type => Activator.CreateInstance(type, "Hello", 10)!,
        });
    }

    [Fact]
    public void Expression_bodied_methods()
    {
        const string members = """
            [Coroutine]
            public static void Pause() => Yield.Sleep(5);

            [Coroutine]
            public static void PauseFor(int milliseconds) => Yield.Sleep(milliseconds * 2);
            """;
        var pause = Oracle.Compare(Programs.Static(members), Programs.StaticType, "Pause");
        Oracle.Compare(Programs.Static(members), Programs.StaticType, "PauseFor", 21);

        Assert.Equal(["returned: void", "final clock: 5ms"], pause.Original.Lines);
    }

    [Theory]
    [InlineData(3)]
    [InlineData("three")]
    public void Overloads_get_their_own_state_machines(object argument)
    {
        Oracle.Compare(Programs.Static("""
            [Coroutine]
            public static string Run(int value)
            {
                Yield.Sleep(value);
                return $"int {value}";
            }

            [Coroutine]
            public static string Run(string value)
            {
                Yield.Sleep(value.Length);
                return $"string {value}";
            }
            """), Programs.StaticType, "Run", argument);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Default_parameter_values_and_params_arrays(int given)
    {
        object?[] args = given switch
        {
            0 => [],
            1 => [4],
            _ => [4, new[] { 1, 2 }],
        };
        Oracle.Compare(Programs.Static("""
            [Coroutine]
            public static string Run(int delay = 10, params int[] extra)
            {
                Yield.Sleep(delay);
                foreach (var e in extra)
                {
                    Trace.Log($"extra {e}");
                }
                Yield.Sleep(extra.Length);
                return $"{delay} {extra.Length}";
            }
            """), Programs.StaticType, "Run", args);
    }
}
