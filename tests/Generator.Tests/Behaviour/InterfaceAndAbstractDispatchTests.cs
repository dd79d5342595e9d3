using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests for calls from a coroutine to abstract and interface coroutines (issue 14,
/// point 7), against the direct call and the C# async twin: an abstract <c>[Coroutine]</c> method
/// gets an abstract factory that each <c>[Coroutine]</c> override provides; an interface's
/// <c>[Coroutine]</c> method (abstract, or with a default body) gets an interface factory that
/// each <c>[Coroutine]</c> implementation (implicit or explicit, <c>int IRunner.Run(...)</c>)
/// implements; a class that keeps the default body runs the default's state machine.
/// </summary>
public sealed class InterfaceAndAbstractDispatchTests
{
    private static readonly SharedProgram Program = new("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public partial interface IRunner
        {
            [Coroutine]
            int Run(int laps);

            Task<int> RunAsync(int laps);

            [Coroutine]
            string Cheer(string who)
            {
                Yield.Sleep(1);
                Trace.Log($"default cheer for {who}");
                return "go " + who;
            }

            async Task<string> CheerAsync(string who)
            {
                await Task.Yield();
                Trace.Log($"default cheer for {who}");
                return "go " + who;
            }
        }

        public partial class Sprinter : IRunner
        {
            [Coroutine]
            public int Run(int laps)
            {
                for (int i = 0; i < laps; i++)
                {
                    Yield.Sleep(1);
                    Trace.Log($"sprinter lap {i}");
                }
                return laps * 10;
            }

            public async Task<int> RunAsync(int laps)
            {
                for (int i = 0; i < laps; i++)
                {
                    await Task.Yield();
                    Trace.Log($"sprinter lap {i}");
                }
                return laps * 10;
            }

            [Coroutine]
            public string Cheer(string who)
            {
                Trace.Log($"sprinter cheers {who}");
                Yield.Sleep(2);
                return "faster " + who;
            }

            public async Task<string> CheerAsync(string who)
            {
                Trace.Log($"sprinter cheers {who}");
                await Task.Yield();
                return "faster " + who;
            }
        }

        // Explicit implementation; keeps the default Cheer.
        public partial class Walker : IRunner
        {
            [Coroutine]
            int IRunner.Run(int laps)
            {
                Trace.Log("walker sets off");
                Yield.Sleep(laps);
                Trace.Log("walker arrives");
                return laps;
            }

            async Task<int> IRunner.RunAsync(int laps)
            {
                Trace.Log("walker sets off");
                await Task.Yield();
                Trace.Log("walker arrives");
                return laps;
            }

            // A method of the class with the same name stays apart from the explicit implementation.
            [Coroutine]
            public int Run(string note)
            {
                Yield.Sleep(1);
                Trace.Log($"walker's own run: {note}");
                return note.Length;
            }

            public async Task<int> RunAsync(string note)
            {
                await Task.Yield();
                Trace.Log($"walker's own run: {note}");
                return note.Length;
            }
        }

        public abstract partial class Shape
        {
            [Coroutine]
            public abstract int Draw(int size);

            public abstract Task<int> DrawAsync(int size);

            // Calls the abstract coroutine through `this`.
            [Coroutine]
            public int DrawTwice(int size)
            {
                var first = Draw(size);
                var second = Draw(size + 1);
                return first + second;
            }

            public async Task<int> DrawTwiceAsync(int size)
            {
                var first = await DrawAsync(size);
                var second = await DrawAsync(size + 1);
                return first + second;
            }
        }

        public partial class Square : Shape
        {
            [Coroutine]
            public override int Draw(int size)
            {
                Yield.Sleep(size);
                Trace.Log($"square {size}");
                return size * size;
            }

            public override async Task<int> DrawAsync(int size)
            {
                await Task.Yield();
                Trace.Log($"square {size}");
                return size * size;
            }
        }

        public sealed partial class Circle : Shape
        {
            [Coroutine]
            public override int Draw(int size)
            {
                Trace.Log($"circle {size}");
                Yield.Sleep(1);
                return 3 * size * size;
            }

            public override async Task<int> DrawAsync(int size)
            {
                Trace.Log($"circle {size}");
                await Task.Yield();
                return 3 * size * size;
            }
        }

        public static partial class Track
        {
            [Coroutine]
            public static string Race()
            {
                var runners = new List<IRunner> { new Sprinter(), new Walker() };
                string said = "";
                foreach (var runner in runners)
                {
                    said += runner.Run(2) + " " + runner.Cheer("you") + "; ";
                }
                said += new Walker().Run("own") + "; ";
                var shapes = new List<Shape> { new Square(), new Circle() };
                foreach (var shape in shapes)
                {
                    said += shape.Draw(2) + " " + shape.DrawTwice(1) + "; ";
                }
                return said;
            }

            public static async Task<string> RaceAsync()
            {
                var runners = new List<IRunner> { new Sprinter(), new Walker() };
                string said = "";
                foreach (var runner in runners)
                {
                    said += await runner.RunAsync(2) + " " + await runner.CheerAsync("you") + "; ";
                }
                said += await new Walker().RunAsync("own") + "; ";
                var shapes = new List<Shape> { new Square(), new Circle() };
                foreach (var shape in shapes)
                {
                    said += await shape.DrawAsync(2) + " " + await shape.DrawTwiceAsync(1) + "; ";
                }
                return said;
            }
        }
        """);

    /// <summary>A generic interface's generic coroutine, implemented by a virtual coroutine that a derived class overrides (calling base).</summary>
    private static readonly SharedProgram GenericProgram = new("""
        using System;
        using System.Threading.Tasks;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public partial interface IStore<T>
        {
            [Coroutine]
            T Load<TKey>(TKey key) where TKey : notnull;

            Task<T> LoadAsync<TKey>(TKey key) where TKey : notnull;
        }

        public partial class Store : IStore<string>
        {
            [Coroutine]
            public virtual string Load<TKey>(TKey key) where TKey : notnull
            {
                Yield.Sleep(1);
                Trace.Log($"store loads {key}");
                return $"value of {key}";
            }

            public virtual async Task<string> LoadAsync<TKey>(TKey key) where TKey : notnull
            {
                await Task.Yield();
                Trace.Log($"store loads {key}");
                return $"value of {key}";
            }
        }

        public partial class CachedStore : Store
        {
            [Coroutine]
            public override string Load<TKey>(TKey key)
            {
                Trace.Log($"cache miss for {typeof(TKey).Name}");
                Yield.Sleep(1);
                return "cached " + base.Load(key);
            }

            public override async Task<string> LoadAsync<TKey>(TKey key)
            {
                Trace.Log($"cache miss for {typeof(TKey).Name}");
                await Task.Yield();
                return "cached " + await base.LoadAsync(key);
            }
        }

        public static partial class Shop
        {
            [Coroutine]
            public static string Buy()
            {
                IStore<string> store = new CachedStore();
                return store.Load(3) + "; " + store.Load("k") + "; " + new Store().Load(1.5);
            }

            public static async Task<string> BuyAsync()
            {
                IStore<string> store = new CachedStore();
                return await store.LoadAsync(3) + "; " + await store.LoadAsync("k") + "; " + await new Store().LoadAsync(1.5);
            }
        }
        """);

    [Fact]
    public void A_generic_interface_coroutine_implemented_by_a_virtual_one_runs_the_override() =>
        AsyncTwin.Compare(GenericProgram, "Demo.Shop", "Buy");

    [Fact]
    public void Calls_through_an_interface_and_an_abstract_method_run_the_implementations() =>
        AsyncTwin.Compare(Program, "Demo.Track", "Race");

    [Fact]
    public void An_abstract_coroutine_called_through_this_runs_the_override() =>
        AsyncTwin.Compare(Program, new OracleCase
        {
            Sources = [.. Program.Sources],
            TypeName = "Demo.Shape",
            MethodName = "DrawTwice",
            Args = [2],
            CreateInstance = type => System.Activator.CreateInstance(type.Assembly.GetType("Demo.Circle")!)!,
        });
}
