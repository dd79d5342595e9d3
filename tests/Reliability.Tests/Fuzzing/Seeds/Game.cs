using System;
using System.Collections.Generic;
using Coroutines;

namespace Game
{
    public partial class Enemy
    {
        private readonly List<string> _log = new();
        private int _health = 100;

        public string Name { get; set; } = "orc";

        public bool IsAlive => _health > 0;

        private void Say(string text) => _log.Add($"{Name}: {text}");

        public void Hit(int damage) => _health -= damage;

        [Coroutine]
        public void Patrol(int laps, int stepMs)
        {
            int lap = 0;
            while (IsAlive)
            {
                if (lap == laps)
                {
                    Say("patrol over");
                    break;
                }
                Say($"lap {lap}");
                for (var step = 0; step < 4; step++)
                {
                    if (step % 2 == 1)
                    {
                        continue;
                    }
                    Yield.Sleep(stepMs);
                    if (!IsAlive)
                    {
                        return;
                    }
                }
                lap++;
            }
            this.Say("done");
        }

        [Coroutine]
        internal int Regenerate(int amount)
        {
            var gained = 0;
            while (_health < 100)
            {
                _health = Math.Min(100, _health + amount);
                gained += amount;
                Yield.Sleep(250);
            }
            return gained;
        }

        [Coroutine]
        protected virtual bool WaitForTarget(Func<bool> seen, int timeoutMs)
        {
            var waited = 0;
            while (!seen())
            {
                if (waited >= timeoutMs)
                {
                    return false;
                }
                Yield.Sleep(100);
                waited += 100;
            }
            return true;
        }
    }
}
