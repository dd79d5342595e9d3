using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests for a call from a coroutine to a virtual coroutine (issue 14, point 7): it runs
/// the most derived <c>[Coroutine]</c> override, as C#'s <c>await x.M()</c> runs the most derived
/// override of an <c>async</c> method. The factory of a virtual coroutine is virtual and each
/// override's factory overrides it. Compared with the direct call and with the C# async twin:
/// through a base-typed receiver, through <c>this</c> in the base class, an override that calls
/// <c>base.M()</c>, a sealed override, a class that does not override, a void and a generic
/// virtual coroutine, and an override of a method that is not a coroutine that is then overridden again.
/// </summary>
public sealed class VirtualDispatchTests
{
    private static readonly SharedProgram Program = new("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public partial class Animal
        {
            [Coroutine]
            public virtual int Speak(int times)
            {
                Yield.Sleep(times);
                Trace.Log($"animal speaks {times}");
                return times;
            }

            public virtual async Task<int> SpeakAsync(int times)
            {
                await Task.Yield();
                Trace.Log($"animal speaks {times}");
                return times;
            }

            [Coroutine]
            public virtual void Greet(string who)
            {
                Yield.Sleep(1);
                Trace.Log($"animal greets {who}");
            }

            public virtual async Task GreetAsync(string who)
            {
                await Task.Yield();
                Trace.Log($"animal greets {who}");
            }

            [Coroutine]
            public virtual string Fetch<T>(T item) where T : notnull
            {
                Yield.Sleep(1);
                return $"animal fetches {item}";
            }

            public virtual async Task<string> FetchAsync<T>(T item) where T : notnull
            {
                await Task.Yield();
                return $"animal fetches {item}";
            }

            // Calls through `this`: the receiver's run-time type picks the override.
            [Coroutine]
            public int SpeakTwice()
            {
                var first = Speak(1);
                Greet("twice");
                var second = this.Speak(2);
                return first + second;
            }

            public async Task<int> SpeakTwiceAsync()
            {
                var first = await SpeakAsync(1);
                await GreetAsync("twice");
                var second = await this.SpeakAsync(2);
                return first + second;
            }
        }

        public partial class Dog : Animal
        {
            [Coroutine]
            public override int Speak(int times)
            {
                Trace.Log("dog barks");
                Yield.Sleep(2);
                return base.Speak(times) + 10;
            }

            public override async Task<int> SpeakAsync(int times)
            {
                Trace.Log("dog barks");
                await Task.Yield();
                return await base.SpeakAsync(times) + 10;
            }

            [Coroutine]
            public override void Greet(string who)
            {
                Trace.Log($"dog wags at {who}");
                Yield.Sleep(1);
            }

            public override async Task GreetAsync(string who)
            {
                Trace.Log($"dog wags at {who}");
                await Task.Yield();
            }

            [Coroutine]
            public override string Fetch<T>(T item)
            {
                Yield.Sleep(2);
                return $"dog fetches {item} ({typeof(T).Name})";
            }

            public override async Task<string> FetchAsync<T>(T item)
            {
                await Task.Yield();
                return $"dog fetches {item} ({typeof(T).Name})";
            }
        }

        public partial class Puppy : Dog
        {
            [Coroutine]
            public sealed override int Speak(int times)
            {
                Yield.Sleep(1);
                Trace.Log("puppy yaps");
                return times * 100;
            }

            public sealed override async Task<int> SpeakAsync(int times)
            {
                await Task.Yield();
                Trace.Log("puppy yaps");
                return times * 100;
            }
        }

        // Inherits every coroutine: calls run Animal's.
        public partial class Cat : Animal
        {
        }

        // A plain virtual method, overridden by a coroutine that is itself overridden.
        public partial class Engine
        {
            public virtual int Start(int power) => power;
        }

        public partial class Motor : Engine
        {
            [Coroutine]
            public override int Start(int power)
            {
                Yield.Sleep(1);
                Trace.Log($"motor starts {power}");
                return power + 1;
            }

            public virtual async Task<int> StartAsync(int power)
            {
                await Task.Yield();
                Trace.Log($"motor starts {power}");
                return power + 1;
            }
        }

        public partial class Turbo : Motor
        {
            [Coroutine]
            public override int Start(int power)
            {
                Trace.Log("turbo spins up");
                Yield.Sleep(1);
                return base.Start(power * 2);
            }

            public override async Task<int> StartAsync(int power)
            {
                Trace.Log("turbo spins up");
                await Task.Yield();
                return await base.StartAsync(power * 2);
            }
        }

        public static partial class Zoo
        {
            [Coroutine]
            public static string Chorus()
            {
                var animals = new List<Animal> { new Animal(), new Dog(), new Puppy(), new Cat() };
                string said = "";
                foreach (var animal in animals)
                {
                    said += animal.Speak(1) + " ";
                    animal.Greet("zoo");
                    said += animal.Fetch(3) + "; ";
                    said += animal.SpeakTwice() + " | ";
                }
                Dog dog = new Puppy();
                said += dog.Speak(3);
                Motor motor = new Turbo();
                said += " " + motor.Start(5) + " " + new Motor().Start(5);
                return said;
            }

            public static async Task<string> ChorusAsync()
            {
                var animals = new List<Animal> { new Animal(), new Dog(), new Puppy(), new Cat() };
                string said = "";
                foreach (var animal in animals)
                {
                    said += await animal.SpeakAsync(1) + " ";
                    await animal.GreetAsync("zoo");
                    said += await animal.FetchAsync(3) + "; ";
                    said += await animal.SpeakTwiceAsync() + " | ";
                }
                Dog dog = new Puppy();
                said += await dog.SpeakAsync(3);
                Motor motor = new Turbo();
                said += " " + await motor.StartAsync(5) + " " + await new Motor().StartAsync(5);
                return said;
            }
        }
        """);

    [Fact]
    public void A_call_through_a_base_typed_receiver_runs_the_most_derived_override() =>
        AsyncTwin.Compare(Program, "Demo.Zoo", "Chorus");

    [Fact]
    public void A_call_through_this_in_the_base_class_runs_the_override() =>
        AsyncTwin.Compare(Program, new OracleCase
        {
            Sources = [.. Program.Sources],
            TypeName = "Demo.Animal",
            MethodName = "SpeakTwice",
            CreateInstance = type => System.Activator.CreateInstance(type.Assembly.GetType("Demo.Dog")!)!,
        });
}
