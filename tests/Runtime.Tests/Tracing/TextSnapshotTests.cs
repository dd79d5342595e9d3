using System;
using System.IO;
using Xunit;
using Xunit.Sdk;

namespace Coroutines.Tests.Tracing;

/// <summary>The snapshot helper itself: a mismatch fails and leaves a received file; update accepts.</summary>
public class TextSnapshotTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "coroutines-snapshot-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_missing_or_different_verified_file_fails_with_a_diff_and_writes_the_received_file()
    {
        var missing = Assert.Throws<FailException>(() => TextSnapshot.VerifyIn(_directory, "one\ntwo\n", "Case", update: false));
        Assert.Contains("has no verified file yet", missing.Message, StringComparison.Ordinal);
        Assert.Equal("one\ntwo\n", File.ReadAllText(Path.Combine(_directory, "Case.received.txt")));

        File.WriteAllText(Path.Combine(_directory, "Case.verified.txt"), "one\r\nTWO\r\n");
        var different = Assert.Throws<FailException>(() => TextSnapshot.VerifyIn(_directory, "one\ntwo\n", "Case", update: false));
        Assert.Contains("- TWO\n+ two\n", different.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_accepts_and_a_match_removes_a_stale_received_file()
    {
        TextSnapshot.VerifyIn(_directory, "text\n\n", "Case", update: true);
        Assert.Equal("text\n", File.ReadAllText(Path.Combine(_directory, "Case.verified.txt")));

        File.WriteAllText(Path.Combine(_directory, "Case.received.txt"), "stale");
        TextSnapshot.VerifyIn(_directory, "text\r\n", "Case", update: false);
        Assert.False(File.Exists(Path.Combine(_directory, "Case.received.txt")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
