using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Binding;

/// <summary>
/// The copy of the compilation that declares stand-ins (issue 16) is made once per type, not once per coroutine body that needs
/// one: each body below types <c>F(one)</c> as Echo's class, which only a stand-in tells, so each asks for the copy.
/// </summary>
public sealed class StandInCompilationsTests
{
    private const string Helpers = Behaviour.NestedFactoryVarOtherArgumentTests.Factories + """
        public static T F<T>(T value) => value;

        public static string Name<T>(T value) => typeof(T).Name;
        """;

    /// <summary>A coroutine whose local <c>f</c> has the class of <paramref name="factory"/>'s call, as C# infers it through <c>F</c>.</summary>
    private static string User(string name, string factory = "Program.EchoCoroutine") => $$"""

        [Coroutine]
        public static string {{name}}(int n)
        {
            var one = {{factory}}(n);
            var f = F(one);
            Yield.Sleep(1);
            return Name(f);
        }
        """;

    [Fact]
    public void A_type_with_many_coroutines_that_need_stand_ins_makes_one_copy_of_the_compilation()
    {
        const int coroutines = 24;
        var compilation = GeneratorHarness.CreateCompilation(new[]
        {
            new SourceFile(GeneratorHarness.DefaultPath, Programs.Static(Helpers + string.Concat(Enumerable.Range(0, coroutines).Select(static i => User($"Use{i}"))))),
        });

        var run = GeneratorHarness.Run(compilation);

        run.AssertNoErrorsOrWarnings();
        for (var i = 0; i < coroutines; i++)
        {
            // `f` kept across the suspension with the class C# gives it (Coroutine<int> without a stand-in, COR0009 before them).
            Assert.Contains("EchoStateMachine? f", run.GeneratedSource($".Use{i}StateMachine.g.cs"));
        }
        Assert.Equal(1, StandInCompilations.Of(compilation).CopiesMade);
    }

    [Fact]
    public void Each_type_that_needs_stand_ins_has_its_own_copy_nested_classes_structs_and_generic_records_included()
    {
        var source = Programs.Static(Helpers + User("Use0") + User("Use1") + """

            public partial record Holder<X>
            {
            """ + User("Held0") + User("Held1") + """

            }

            public partial struct Boxed
            {
            """ + User("Boxed0") + """

            }

            public partial record struct Paired<X, Y>
            {
            """ + User("Paired0") + """

            }
            """);
        var compilation = GeneratorHarness.CreateCompilation(new[] { new SourceFile(GeneratorHarness.DefaultPath, source) });

        var run = GeneratorHarness.Run(compilation);

        run.AssertNoErrorsOrWarnings();
        foreach (var user in new[] { "Use1", "Held1", "Boxed0", "Paired0" })
        {
            Assert.Contains("EchoStateMachine? f", run.GeneratedSource($".{user}StateMachine.g.cs"));
        }
        Assert.Equal(4, StandInCompilations.Of(compilation).CopiesMade);
    }

    [Fact]
    public void A_body_that_meets_a_class_the_copy_does_not_declare_has_it_made_again_and_later_bodies_share_that_one()
    {
        var source = Programs.Static(Helpers + User("Use0") + User("Counted", "Program.CountCoroutine") + User("Use1") + User("Use2"));
        var compilation = GeneratorHarness.CreateCompilation(new[] { new SourceFile(GeneratorHarness.DefaultPath, source) });

        var run = GeneratorHarness.Run(compilation);

        run.AssertNoErrorsOrWarnings();
        Assert.Contains("CountStateMachine? f", run.GeneratedSource(".CountedStateMachine.g.cs"));
        Assert.Contains("EchoStateMachine? f", run.GeneratedSource(".Use2StateMachine.g.cs"));
        Assert.Equal(2, StandInCompilations.Of(compilation).CopiesMade);
    }
}
