using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests for <c>base</c> in an instance coroutine, against the direct call and the C#
/// <c>async</c> twin: <c>base.M()</c> calls the base's method although the class overrides it
/// (generic, with a default, with <c>ref</c> and <c>params</c>, from a lambda), <c>base.P</c>
/// reads and writes the base's property, <c>base[i]</c> its indexer, <c>base.E += h</c> its event, and <c>base.M()</c> of a base coroutine from its
/// override waits for the base's state machine; a generic base method of a generic base class.
/// </summary>
public sealed class BaseAccessTests
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

            public virtual string Name
            {
                get => _name;
                set => _name = "animal " + value;
            }

            protected virtual int Legs => 4;

            private readonly string[] _slots = { "a", "b", "c" };

            public virtual string this[int i]
            {
                get => _slots[i];
                set => _slots[i] = "animal " + value;
            }

            public virtual event Action<string>? Noise;

            protected void MakeNoise(string what) => Noise?.Invoke(what);

            public virtual string Speak(string to) => $"{Name} makes a sound to {to}";

            public virtual string Echo<T>(T value, string suffix = "!") => $"{value}{suffix}";

            public virtual void Count(ref int n, params int[] more) => n += more.Length;

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

        public class Box<T>
        {
            public virtual string Show<U>(T item, U extra)
                where U : struct => $"box {item} {extra}";
        }

        public partial class Crate<T> : Box<T>
        {
            public override string Show<U>(T item, U extra) => "crate";

            [Coroutine]
            public string Pack<V>(T item, V extra)
                where V : struct
            {
                Yield.Sleep(1);
                return base.Show(item, extra) + " / " + base.Show<int>(item, 3) + " / " + Show(item, extra);
            }

            public async Task<string> PackAsync<V>(T item, V extra)
                where V : struct
            {
                await Task.Yield();
                return base.Show(item, extra) + " / " + base.Show<int>(item, 3) + " / " + Show(item, extra);
            }
        }

        public partial class Dog : Animal
        {
            public override string Name
            {
                get => "dog " + base.Name;
                set => base.Name = "dog " + value;
            }

            protected override int Legs => 3;

            public override string this[int i]
            {
                get => "dog";
                set { }
            }

            public override event Action<string>? Noise
            {
                add { }
                remove { }
            }

            public override string Speak(string to) => $"woof to {to}";

            public override string Echo<T>(T value, string suffix = "?") => $"dog {value}{suffix}";

            public override void Count(ref int n, params int[] more) => n += 100;

            [Coroutine]
            public string Talk(int times)
            {
                string said = "";
                for (int i = 0; i < times; i++)
                {
                    Yield.Sleep(5);
                    said += base.Speak("cat") + "; " + Speak("cat") + "; ";
                }
                base.Name = "rex";
                Yield.Sleep(1);
                Trace.Log($"{base.Name} / {Name} / {base.Legs} / {Legs}");
                int n = 1;
                base.Count(ref n, 1, 2, 3);
                Trace.Log(base.Echo<int>(n) + " " + base.Echo("x", "."));
                Func<string> later = () => base.Speak("lambda");
                Yield.Sleep(1);
                Trace.Log(later());
                base[1] = "bee";
                Trace.Log($"{base[1]} / {this[1]}");
                Action<string> heard = s => Trace.Log($"heard {s}");
                base.Noise += heard;
                Noise += heard;
                Yield.Sleep(1);
                MakeNoise("woof");
                base.Noise -= heard;
                MakeNoise("again");
                return said;
            }

            public async Task<string> TalkAsync(int times)
            {
                string said = "";
                for (int i = 0; i < times; i++)
                {
                    await Task.Yield();
                    said += base.Speak("cat") + "; " + Speak("cat") + "; ";
                }
                base.Name = "rex";
                await Task.Yield();
                Trace.Log($"{base.Name} / {Name} / {base.Legs} / {Legs}");
                int n = 1;
                base.Count(ref n, 1, 2, 3);
                Trace.Log(base.Echo<int>(n) + " " + base.Echo("x", "."));
                Func<string> later = () => base.Speak("lambda");
                await Task.Yield();
                Trace.Log(later());
                base[1] = "bee";
                Trace.Log($"{base[1]} / {this[1]}");
                Action<string> heard = s => Trace.Log($"heard {s}");
                base.Noise += heard;
                Noise += heard;
                await Task.Yield();
                MakeNoise("woof");
                base.Noise -= heard;
                MakeNoise("again");
                return said;
            }

            [Coroutine]
            public override int Walk(int steps)
            {
                int walked = base.Walk(steps);
                Yield.Sleep(1);
                Trace.Log($"dog walked {walked}");
                return walked * 2;
            }

            public override async Task<int> WalkAsync(int steps)
            {
                int walked = await base.WalkAsync(steps);
                await Task.Yield();
                Trace.Log($"dog walked {walked}");
                return walked * 2;
            }
        }
        """);

    private static void Compare(string method, params object?[] args) =>
        AsyncTwin.Compare(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = "Demo.Dog", MethodName = method, Args = args });

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Base_methods_and_properties_skip_the_overrides(int times) => Compare("Talk", times);

    [Fact]
    public void An_override_coroutine_waits_for_the_base_coroutine() => Compare("Walk", 7);

    [Fact]
    public void A_generic_base_method_of_a_generic_base_class() =>
        AsyncTwin.Compare(Program, new OracleCase
        {
            Sources = [.. Program.Sources],
            TypeName = "Demo.Crate`1",
            TypeArguments = [typeof(string)],
            MethodName = "Pack",
            MethodTypeArguments = [typeof(double)],
            Args = ["apple", 2.5],
        });
}
