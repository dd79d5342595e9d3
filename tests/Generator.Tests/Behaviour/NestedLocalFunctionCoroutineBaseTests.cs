using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A <c>[Coroutine]</c> local function two levels deep (in a <c>[Coroutine]</c> local function that
/// shares the method's variables) that uses <c>base</c> (issue 14, point 7), against the direct call
/// and the C# <c>async</c> twin: its state machine is nested in the outer local function's, itself
/// nested in the method's, and reaches the base members through non-virtual accessors written in the
/// user's class two levels out, on <c>enclosing.enclosing.@this</c>: <c>base.M()</c>, <c>base.P</c>
/// read and written, <c>base[i]</c> updated, and <c>base.M()</c> of a base coroutine, waited for;
/// also three levels deep.
/// </summary>
public sealed class NestedLocalFunctionCoroutineBaseTests
{
    private static readonly SharedProgram Program = new("""
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

            public virtual int Legs() => 4;

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

            public override int Legs() => 3;

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
            public string Run(int n)
            {
                int total = 0;
                var outer = Outer(n);
                return $"{total} {outer} {Name} {base.Name} {base[0]} {base[1]} {base[2]}";

                [Coroutine]
                int Outer(int k)
                {
                    int seen = k + n;
                    for (int i = 0; i < k; i++)
                    {
                        Inner(i);
                    }
                    total += seen;
                    return seen * 10 + Legs();

                    [Coroutine]
                    void Inner(int i)
                    {
                        Yield.Sleep(1);
                        seen += base.Legs() + Legs();
                        base.Name = $"rex {i}";
                        Trace.Log($"{base.Name} {Name} {seen}");
                        base[i % 3] += i + total;
                        var walked = base.Walk(i + 1); // the base coroutine, not the override
                        total += walked + Walk(1);
                        Trace.Log($"slot {base[i % 3]} total {total}");
                    }
                }
            }

            [Coroutine]
            public int Deep(int n)
            {
                return Outer(n);

                [Coroutine]
                int Outer(int k)
                {
                    int seen = k + n;
                    Mid();
                    return seen;

                    [Coroutine]
                    void Mid()
                    {
                        Yield.Sleep(1);
                        Inner();
                        Trace.Log($"mid {seen}");

                        [Coroutine]
                        void Inner()
                        {
                            Yield.Sleep(1);
                            seen += base.Legs() * 10 + Legs() + n;
                            Trace.Log($"inner {seen} {base.Name}");
                        }
                    }
                }
            }

            public async Task<int> DeepAsync(int n)
            {
                return await Outer(n);

                async Task<int> Outer(int k)
                {
                    int seen = k + n;
                    await Mid();
                    return seen;

                    async Task Mid()
                    {
                        await Task.Yield();
                        await Inner();
                        Trace.Log($"mid {seen}");

                        async Task Inner()
                        {
                            await Task.Yield();
                            seen += base.Legs() * 10 + Legs() + n;
                            Trace.Log($"inner {seen} {base.Name}");
                        }
                    }
                }
            }

            public async Task<string> RunAsync(int n)
            {
                int total = 0;
                var outer = await Outer(n);
                return $"{total} {outer} {Name} {base.Name} {base[0]} {base[1]} {base[2]}";

                async Task<int> Outer(int k)
                {
                    int seen = k + n;
                    for (int i = 0; i < k; i++)
                    {
                        await Inner(i);
                    }
                    total += seen;
                    return seen * 10 + Legs();

                    async Task Inner(int i)
                    {
                        await Task.Yield();
                        seen += base.Legs() + Legs();
                        base.Name = $"rex {i}";
                        Trace.Log($"{base.Name} {Name} {seen}");
                        base[i % 3] += i + total;
                        var walked = await base.WalkAsync(i + 1);
                        total += walked + await WalkAsync(1);
                        Trace.Log($"slot {base[i % 3]} total {total}");
                    }
                }
            }
        }
        """);

    /// <summary>Each call of the inner local function reads and writes the base members, not the overrides, and the variables of both coroutines around it.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void A_local_function_two_levels_deep_that_uses_base_reaches_the_base_members_not_the_overrides(int n) =>
        AsyncTwin.Compare(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = "Demo.Dog", MethodName = "Run", Args = [n] });

    /// <summary>Three levels deep: the accessors are written three levels out, called on <c>enclosing.enclosing.enclosing.@this</c>.</summary>
    [Fact]
    public void A_local_function_three_levels_deep_that_uses_base_reaches_the_base_members() =>
        AsyncTwin.Compare(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = "Demo.Dog", MethodName = "Deep", Args = [2] });
}
