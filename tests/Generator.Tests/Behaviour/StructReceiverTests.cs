using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A suspension point with a result method called on a struct variable (<c>doors[0].Wait(1)</c>), against
/// the direct call and the C# <c>async</c> twin: C# calls it on the variable itself, so the change its
/// factory makes (<c>Opened++</c>) stays in the variable and its result method reads it after the resume.
/// Every kind of receiver: an array element, a field of a class, a field of a struct local, a local, a
/// parameter, a static field, <c>this</c> in a struct coroutine (which works on a copy of
/// <c>this</c>, as C# async does); a readonly field and a property's value are copies, as in C#. An array
/// element or a field of an object is checked (index, null) before the arguments are evaluated, as C# does;
/// before an argument that suspends, C# async checks an array element's index but a null object only after.
/// </summary>
public sealed class StructReceiverTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        private static int s_next;
        private static Door s_door = new Door("static");

        [Coroutine]
        private static int Next()
        {
            Yield.Sleep(1);
            s_next++;
            Trace.Log($"next {s_next}");
            return s_next;
        }

        private static async Task<int> NextAsync()
        {
            await Task.Yield();
            s_next++;
            Trace.Log($"next {s_next}");
            return s_next;
        }

        private static int Arg(int x)
        {
            Trace.Log($"argument {x}");
            return x;
        }

        private static async Task<T> Later<T>(T value)
        {
            await Task.Yield();
            return value;
        }

        /// <summary>A struct whose factory opens it (a change of the struct) and whose result method reads the count after the resume.</summary>
        public partial struct Door
        {
            public Door(string name)
            {
                Name = name;
                Opened = 0;
            }

            public string Name;
            public int Opened;

            [SuspensionPoint(nameof(BeginWait), Result = nameof(EndWait))]
            public int Wait(int x)
            {
                Opened++;
                Trace.Log($"{Name} opened {Opened} times, waits {x}");
                Yield.Sleep(x);
                return EndWait(x);
            }

            public Suspension BeginWait(int x)
            {
                Opened++;
                Trace.Log($"{Name} opened {Opened} times, waits {x}");
                return Suspension.Sleep(x);
            }

            public int EndWait(int x) => 100 * Opened + x;

            public Task<int> WaitAsync(int x)
            {
                Opened++;
                Trace.Log($"{Name} opened {Opened} times, waits {x}");
                return Later(EndWait(x));
            }

            /// <summary>Waits on itself (implicit and explicit <c>this</c>): on the coroutine's copy of this struct.</summary>
            [Coroutine]
            public string Self(int x)
            {
                var a = Wait(x);
                var b = this.Wait(Arg(x + 1));
                return $"{a} {b} {Opened}";
            }

            public async Task<string> SelfAsync(int x)
            {
                var a = await WaitAsync(x);
                var b = await this.WaitAsync(Arg(x + 1));
                return $"{a} {b} {Opened}";
            }
        }

        public struct Pair
        {
            public Door Left;
            public Door Right;
        }

        public sealed class DoorBox
        {
            public DoorBox(string name)
            {
                Field = new Door(name + ".field");
                Fixed = new Door(name + ".fixed");
                _door = new Door(name + ".prop");
                Pair = new Pair { Left = new Door(name + ".left"), Right = new Door(name + ".right") };
            }

            private Door _door;

            public Door Field;

            public readonly Door Fixed;

            public Pair Pair;

            public Door Prop => _door;
        }

        [Coroutine]
        public static string Receivers(int i)
        {
            s_next = 0;
            var doors = new[] { new Door("d0"), new Door("d1") };
            var box = new DoorBox("b");
            var pair = new Pair { Left = new Door("left"), Right = new Door("right") };
            var door = new Door("local");
            var a = doors[0].Wait(1);
            var b = doors[i].Wait(Arg(2));
            doors[i].Wait(Next());
            var c = box.Field.Wait(Arg(3));
            var d = box.Pair.Right.Wait(1);
            var e = pair.Left.Wait(Arg(1)) + pair.Left.Wait(Next());
            var f = door.Wait(2) + door.Wait(Arg(3));
            var g = s_door.Wait(1);
            var h = box.Fixed.Wait(1) + box.Prop.Wait(Arg(1));
            var t = Parameter(door) + box.Field.Wait(Next());
            Trace.Log($"opened: {doors[0].Opened} {doors[1].Opened} {box.Field.Opened} {box.Pair.Right.Opened} {pair.Left.Opened} {door.Opened} {s_door.Opened} {box.Fixed.Opened} {box.Prop.Opened}");
            return $"{a} {b} {c} {d} {e} {f} {g} {h} {t} {s_next}";
        }

        public static async Task<string> ReceiversAsync(int i)
        {
            s_next = 0;
            var doors = new[] { new Door("d0"), new Door("d1") };
            var box = new DoorBox("b");
            var pair = new Pair { Left = new Door("left"), Right = new Door("right") };
            var door = new Door("local");
            var a = await doors[0].WaitAsync(1);
            var b = await doors[i].WaitAsync(Arg(2));
            await doors[i].WaitAsync(await NextAsync());
            var c = await box.Field.WaitAsync(Arg(3));
            var d = await box.Pair.Right.WaitAsync(1);
            var e = await pair.Left.WaitAsync(Arg(1)) + await pair.Left.WaitAsync(await NextAsync());
            var f = await door.WaitAsync(2) + await door.WaitAsync(Arg(3));
            var g = await s_door.WaitAsync(1);
            var h = await box.Fixed.WaitAsync(1) + await box.Prop.WaitAsync(Arg(1));
            var t = await ParameterAsync(door) + await box.Field.WaitAsync(await NextAsync());
            Trace.Log($"opened: {doors[0].Opened} {doors[1].Opened} {box.Field.Opened} {box.Pair.Right.Opened} {pair.Left.Opened} {door.Opened} {s_door.Opened} {box.Fixed.Opened} {box.Prop.Opened}");
            return $"{a} {b} {c} {d} {e} {f} {g} {h} {t} {s_next}";
        }

        [Coroutine]
        public static string Parameter(Door door)
        {
            var a = door.Wait(1);
            var b = door.Wait(Arg(2));
            return $"{a} {b} {door.Opened}";
        }

        public static async Task<string> ParameterAsync(Door door)
        {
            var a = await door.WaitAsync(1);
            var b = await door.WaitAsync(Arg(2));
            return $"{a} {b} {door.Opened}";
        }

        [Coroutine]
        public static string ThisReceiver()
        {
            var door = new Door("this");
            var t = door.Self(5);
            return $"{t} {door.Opened}";
        }

        public static async Task<string> ThisReceiverAsync()
        {
            var door = new Door("this");
            var t = await door.SelfAsync(5);
            return $"{t} {door.Opened}";
        }

        [Coroutine]
        public static int OutOfRange(int i, bool suspending)
        {
            s_next = 0;
            var doors = new[] { new Door("d0") };
            return suspending ? doors[i].Wait(Next()) : doors[i].Wait(Arg(1));
        }

        public static async Task<int> OutOfRangeAsync(int i, bool suspending)
        {
            s_next = 0;
            var doors = new[] { new Door("d0") };
            return suspending ? await doors[i].WaitAsync(await NextAsync()) : await doors[i].WaitAsync(Arg(1));
        }

        [Coroutine]
        public static int NullArray(bool suspending)
        {
            s_next = 0;
            Door[] doors = null!;
            return suspending ? doors[0].Wait(Next()) : doors[0].Wait(Arg(1));
        }

        public static async Task<int> NullArrayAsync(bool suspending)
        {
            s_next = 0;
            Door[] doors = null!;
            return suspending ? await doors[0].WaitAsync(await NextAsync()) : await doors[0].WaitAsync(Arg(1));
        }

        [Coroutine]
        public static int NullObject(bool suspending)
        {
            s_next = 0;
            DoorBox box = null!;
            return suspending ? box.Field.Wait(Next()) : box.Field.Wait(Arg(1));
        }

        public static async Task<int> NullObjectAsync(bool suspending)
        {
            s_next = 0;
            DoorBox box = null!;
            return suspending ? await box.Field.WaitAsync(await NextAsync()) : await box.Field.WaitAsync(Arg(1));
        }
        """));

    private static void Compare(string method, params object?[] args) => AsyncTwin.Compare(Program, Programs.StaticType, method, args);

    /// <summary>Only against the async twin: a direct call of a struct's method changes the caller's variable, a coroutine (as an async method) a copy.</summary>
    private static void CompareWithAsync(string method, params object?[] args) =>
        AsyncTwin.Compare(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = Programs.StaticType, MethodName = method, Args = args }, alsoDirect: false);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Each_struct_variable_is_called_in_place_and_a_copy_stays_a_copy(int i) => Compare("Receivers", i);

    [Fact]
    public void A_struct_coroutine_calls_on_its_copy_of_this() => CompareWithAsync("ThisReceiver");

    [Theory]
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(-1, false)]
    public void An_index_out_of_range_throws_before_the_arguments_are_evaluated(int i, bool suspending) => Compare("OutOfRange", i, suspending);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_null_array_throws_before_the_arguments_are_evaluated(bool suspending) => Compare("NullArray", suspending);

    [Fact]
    public void A_null_object_throws_before_the_arguments_are_evaluated() => Compare("NullObject", false);

    /// <summary>C# async reads the field of a null object after the await of an argument (the direct call, before the argument).</summary>
    [Fact]
    public void A_null_object_throws_after_an_argument_that_suspends_as_in_async() => CompareWithAsync("NullObject", true);
}
