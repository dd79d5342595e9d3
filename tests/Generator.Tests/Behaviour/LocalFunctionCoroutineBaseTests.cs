using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A <c>[Coroutine]</c> local function that uses <c>base</c> (issue 14, point 7), against the direct
/// call and the C# <c>async</c> twin: its state machine is nested in the enclosing coroutine's, so it
/// reaches the base members through non-virtual accessors of the user's class, as the method does,
/// on <c>enclosing.@this</c>: <c>base.M()</c>, <c>base.P</c> read and written, <c>base[i]</c> read,
/// written and updated, and <c>base.M()</c> of a base coroutine, which it waits for.
/// </summary>
public sealed class LocalFunctionCoroutineBaseTests
{
    private static readonly SharedProgram Program = new("""
        using System;
        using System.Threading.Tasks;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public partial class Animal
        {
            private string _name = "animal";
            private readonly int[] _slots = { 1, 2, 3 };

            public virtual string Name
            {
                get => _name;
                set => _name = "animal " + value;
            }

            public virtual int this[int i]
            {
                get => _slots[i];
                set => _slots[i] = value * 10;
            }

            public virtual string Speak(string to) => $"{Name} makes a sound to {to}";

            [Coroutine]
            public virtual int Walk(int steps)
            {
                Yield.Sleep(steps);
                Trace.Log($"animal walks {steps}");
                return steps;
            }

            public virtual async Task<int> WalkAsync(int steps)
            {
                await Task.Yield();
                Trace.Log($"animal walks {steps}");
                return steps;
            }
        }

        public partial class Dog : Animal
        {
            public override string Name
            {
                get => "dog";
                set => Trace.Log($"dog ignores the name {value}");
            }

            public override int this[int i]
            {
                get => -1;
                set => Trace.Log($"dog ignores slot {i}");
            }

            public override string Speak(string to) => $"woof to {to}";

            [Coroutine]
            public override int Walk(int steps)
            {
                Yield.Sleep(1);
                Trace.Log($"dog walks {steps}");
                return steps * 2;
            }

            public override async Task<int> WalkAsync(int steps)
            {
                await Task.Yield();
                Trace.Log($"dog walks {steps}");
                return steps * 2;
            }

            [Coroutine]
            public string Talk(int times)
            {
                int said = 0;
                Trace.Log(Speak("self"));
                for (int i = 0; i < times; i++)
                {
                    Say(i);
                }
                var walked = Stroll(times + 1);
                return $"{said} {walked} {Name} {base.Name} {this[0]} {base[0]} {base[1]} {base[2]}";

                [Coroutine]
                void Say(int i)
                {
                    Yield.Sleep(1);
                    Trace.Log(base.Speak($"friend {i}") + " / " + Speak("me"));
                    base.Name = $"rex {i}";
                    said++;
                    Trace.Log($"{base.Name} {Name} {said}");
                    base[i % 3] += i + 1;
                    Trace.Log($"slot {base[i % 3]}");
                }

                [Coroutine]
                int Stroll(int steps)
                {
                    var own = Walk(steps);   // the override
                    var inherited = base.Walk(steps); // the base coroutine, not the override
                    base[2] = own + inherited;
                    Yield.Sleep(2);
                    return own * 100 + inherited;
                }
            }

            public async Task<string> TalkAsync(int times)
            {
                int said = 0;
                Trace.Log(Speak("self"));
                for (int i = 0; i < times; i++)
                {
                    await Say(i);
                }
                var walked = await Stroll(times + 1);
                return $"{said} {walked} {Name} {base.Name} {this[0]} {base[0]} {base[1]} {base[2]}";

                async Task Say(int i)
                {
                    await Task.Yield();
                    Trace.Log(base.Speak($"friend {i}") + " / " + Speak("me"));
                    base.Name = $"rex {i}";
                    said++;
                    Trace.Log($"{base.Name} {Name} {said}");
                    base[i % 3] += i + 1;
                    Trace.Log($"slot {base[i % 3]}");
                }

                async Task<int> Stroll(int steps)
                {
                    var own = await WalkAsync(steps);
                    var inherited = await base.WalkAsync(steps);
                    base[2] = own + inherited;
                    await Task.Yield();
                    return own * 100 + inherited;
                }
            }
        }
        """);

    /// <summary>Each call of the local functions reads and writes the base members, not the overrides; the method around them sees their writes.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void A_local_function_that_uses_base_reaches_the_base_members_not_the_overrides(int times) =>
        AsyncTwin.Compare(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = "Demo.Dog", MethodName = "Talk", Args = [times] });
}
