using System;
using Coroutines;

namespace Overloads
{
    using static System.Math;

    internal static partial class Timers
    {
        [Coroutine]
        public static void Wait(int ms) => Yield.Sleep(ms);

        [Coroutine]
        public static void Wait(TimeSpan span)
        {
            Yield.Sleep(span);
        }

        [Coroutine]
        public static void Wait()
        {
            Yield.Sleep(0);
        }

        [Coroutine]
        public static double Ramp(double from, double to, int steps)
        {
            double value = from;
            double delta = (to - from) / Max(1, steps);
            for (int s = 0, t = steps; s < t; s++)
            {
                value += delta;
                Yield.Sleep((int)Abs(delta));
            }
            return Round(value, 3);
        }
    }
}
