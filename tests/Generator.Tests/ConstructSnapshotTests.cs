using System.Collections.Generic;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// Snapshots of the constructs of issue 14 that a reader may want to see lowered
/// (Snapshots/Constructs.*.verified.cs; UPDATE_SNAPSHOTS=1 accepts): a label and a goto beside a
/// sleep (the label renamed to a label of Step()); base.M() and base.P through accessors added to the user's class; a struct's coroutine on a copy of this; a closure over a foreach variable and a loop local through an environment made each iteration; a local function that takes that environment as a parameter, made a delegate and called from a lambda.
/// </summary>
public sealed class ConstructSnapshotTests
{
    /// <summary>The programs of the construct snapshots, in one file.</summary>
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public static partial class Constructs
        {
            [Coroutine]
            public static int Goto(int failures)
            {
                int attempts = 0;
            again:
                attempts++;
                Yield.Sleep(10);
                if (attempts <= failures)
                    goto again;
                return attempts;
            }
        }

        public class Greeter
        {
            public virtual string Greet(string name) => $"Hello, {name}";

            public virtual int Volume { get; set; } = 1;
        }

        public partial class LoudGreeter : Greeter
        {
            public override string Greet(string name) => base.Greet(name).ToUpperInvariant();

            [Coroutine]
            public string Shout(string name)
            {
                base.Volume += 10;
                Yield.Sleep(10);
                return base.Greet(name) + new string('!', base.Volume);
            }
        }

        public static partial class Closures
        {
            [Coroutine]
            public static string Closure(List<string> names)
            {
                var greetings = new List<Func<string>>();
                foreach (var name in names)
                {
                    int length = name.Length;
                    greetings.Add(() => $"{name} has {length} letters");
                    Yield.Sleep(10);
                    length++;
                }
                string all = "";
                foreach (var greet in greetings)
                    all += greet() + "; ";
                return all;
            }
        }

        public partial struct Counter
        {
            public int Count;

            [Coroutine]
            public int Bump(int times)
            {
                for (int i = 0; i < times; i++)
                {
                    Count++;
                    Yield.Sleep(1);
                }
                return Count;
            }
        }

        public static partial class LocalFunctions
        {
            [Coroutine]
            public static string Readers(int count)
            {
                var readers = new List<Func<string>>();
                for (int i = 0; i < count; i++)
                {
                    int copy = i * 10;
                    string Read(string prefix) => prefix + copy;
                    readers.Add(() => Read("then "));
                    Func<string, string> read = Read;
                    Yield.Sleep(10);
                    copy++;
                    Trace.Log(read("now "));
                }
                string all = "";
                foreach (var reader in readers)
                    all += reader() + "; ";
                return all;
            }
        }
        """;

    [Theory]
    [InlineData("Goto")]
    [InlineData("Shout")]
    [InlineData("Bump")]
    [InlineData("Closure")]
    [InlineData("Readers")]
    public void Lowered_construct(string method)
    {
        var run = GeneratorHarness.Run(("Constructs.cs", Source));

        run.AssertNoErrorsOrWarnings();
        Snapshot.Verify(run.GeneratedSource($".{method}StateMachine.g.cs"), $"Constructs.{method}");
    }

    [Theory]
    [InlineData("Goto", 0)]
    [InlineData("Goto", 2)]
    public void Lowered_constructs_run_like_the_original(string method, object argument) =>
        Oracle.Compare(new OracleCase { Sources = [("Constructs.cs", Source)], TypeName = "Demo.Constructs", MethodName = method, Args = [argument] });

    [Fact]
    public void Lowered_closure_runs_like_the_original() =>
        Oracle.Compare(new OracleCase { Sources = [("Constructs.cs", Source)], TypeName = "Demo.Closures", MethodName = "Closure", Args = [new List<string> { "ada", "bo" }] });

    [Fact]
    public void Lowered_local_function_keeps_its_iteration_like_the_original() =>
        Oracle.Compare(new OracleCase { Sources = [("Constructs.cs", Source)], TypeName = "Demo.LocalFunctions", MethodName = "Readers", Args = [3] });

    [Fact]
    public void Lowered_base_access_runs_like_the_original() =>
        Oracle.Compare(new OracleCase { Sources = [("Constructs.cs", Source)], TypeName = "Demo.LoudGreeter", MethodName = "Shout", Args = ["ada"] });
}
