using System;
using Coroutines;

namespace Members
{
    public abstract class Base
    {
        protected int Shared = 1;

        protected virtual string Describe() => "base";
    }

    public partial class Derived : Base
    {
        private static int s_created;
        private int _state;
        private readonly Func<int, int> _transform = v => v + 1;

        public event EventHandler? Ticked;

        public int this[int index] => index * Shared;

        protected override string Describe() => "derived";

        [Coroutine]
        public int Tick(int count, int ms = 5)
        {
            s_created++;
            for (; count > 0; count--)
            {
                _state = _transform(_state) + this[count];
                Ticked?.Invoke(this, EventArgs.Empty);
                Yield.Sleep(ms);
                Shared += Describe().Length;
            }
            return _state + s_created;
        }

        public partial class Inner
        {
            [Coroutine]
            internal static long Fib(int n)
            {
                long a = 0, b = 1;
                while (n-- > 0)
                {
                    (a, b) = (b, a + b);
                    Yield.Sleep(1);
                }
                return a;
            }
        }
    }

    public static partial class Extensions
    {
        [Coroutine]
        public static int Wait(this Derived d, int times)
        {
            var total = 0;
            do
            {
                total += d[times];
                Yield.Sleep(times);
            }
            while (--times > 0);
            return total;
        }
    }
}
