using System;
using System.Threading.Tasks;
using Coroutines.Orleans.Tests.Grains;
using Coroutines.Orleans.Tests.Support;
using Orleans;
using Xunit;
using Xunit.Abstractions;

namespace Coroutines.Orleans.Tests;

/// <summary>
/// How late a coroutine resumes after its grain was deactivated mid-sleep, or its reminder missed
/// its tick, with the default one-minute ReminderPeriod: within <see cref="Bound"/> of its
/// deadline, or of the end of the deactivation if the deadline passed while the grain deactivated
/// (it runs nothing meanwhile). A wake-up left to a reminder's next tick would be a ReminderPeriod
/// late (issue 20).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ResumeLatenessTests
{
    // Reactivating a grain (a state read, a restore, a timer) takes milliseconds; the rest is room
    // for a loaded CI machine. A missed reminder tick is 60 s late.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    private readonly ClusterFixture _fixture;
    private readonly ITestOutputHelper _output;

    public ResumeLatenessTests(ClusterFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task A_short_sleep_that_ends_while_its_grain_deactivates_resumes_when_the_deactivation_ends()
    {
        var key = Unique("slow");
        // Short for this grain (its ReminderThreshold is 5 s), and long enough for the deactivation
        // to begin first on a loaded machine.
        var awake = await AssertResumesOnTime(_fixture.Grains.GetGrain<ISlowToDeactivateSleeperGrain>(key), sleepMs: 1500);
        // What this test is about: the coroutine was asleep when the deactivation began, and its
        // deadline passed before the grain could leave a reminder (the grain's deactivation lasts past it).
        Assert.True(Journal.Shared.StampOf($"{key}:deactivating") < awake, "the coroutine resumed before its grain's deactivation began");
    }

    [Fact]
    public Task A_short_sleep_that_ends_after_the_deactivation_resumes_at_its_deadline() =>
        AssertResumesOnTime(_fixture.Grains.GetGrain<ISleeperGrain>(Unique("short")), sleepMs: 400);

    [Fact]
    public Task A_long_sleep_resumes_at_its_deadline_by_its_reminder() =>
        AssertResumesOnTime(_fixture.Grains.GetGrain<ISleeperGrain>(Unique("long")), sleepMs: 1200);

    [Fact]
    public Task A_long_sleep_in_an_active_grain_resumes_at_its_deadline_without_its_reminder() =>
        AssertResumesOnTime(_fixture.Grains.GetGrain<ISleeperGrain>(Unique("unreminded")), sleepMs: 1200, deactivate: false);

    private static string Unique(string prefix) => $"late-{prefix}-{Guid.NewGuid():N}";

    // Deactivates the grain mid-sleep, or else drops its wake reminder (a missed tick). Returns when it resumed.
    private async Task<DateTimeOffset> AssertResumesOnTime(ISleeperGrain grain, int sleepMs, bool deactivate = true)
    {
        var name = Unique("c");
        Assert.True(await grain.StartSleepOnce(name, sleepMs));
        if (deactivate)
        {
            await _fixture.Cluster.DeactivateAsync(grain);
        }
        else
        {
            await grain.DropWakeReminder();
        }
        var deactivated = deactivate ? DateTimeOffset.UtcNow : DateTimeOffset.MinValue;

        var deadline = Journal.Shared.StampOf($"{name}:asleep")!.Value + TimeSpan.FromMilliseconds(sleepMs);
        var from = deadline > deactivated ? deadline : deactivated;
        var awake = await Journal.Shared.StampAsync($"{name}:awake", from + Bound);
        Assert.True(awake is not null, $"'{name}' did not resume within {Bound} of {(from == deadline ? "its deadline" : "the end of its grain's deactivation")}.");
        var lateness = awake!.Value - from;
        _output.WriteLine($"resumed {lateness.TotalMilliseconds:F0} ms after {(from == deadline ? "its deadline" : "the end of the deactivation")} ({(awake.Value - deadline).TotalMilliseconds:F0} ms after its deadline)");
        Assert.True(lateness <= Bound, $"'{name}' resumed {lateness.TotalMilliseconds:F0} ms late (bound {Bound}).");
        // The asleep stamp comes just after the grain read its clock: room for a pause between the two.
        Assert.True(awake.Value >= deadline - TimeSpan.FromMilliseconds(50), $"'{name}' resumed {(deadline - awake.Value).TotalMilliseconds:F0} ms early.");
        Assert.Equal("done", await _fixture.OutcomeAsync(grain, name, TimeSpan.FromSeconds(5)));
        return awake.Value;
    }
}
