using System;
using System.IO;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace Coroutines.Generator.Tests;

/// <summary>The snapshot helper on its own, in a temporary directory.</summary>
public sealed class SnapshotSelfTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "coroutines-snapshots-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string Verified(string name) => Path.Combine(_directory, name + ".verified.cs");

    private string Received(string name) => Path.Combine(_directory, name + ".received.cs");

    [Fact]
    public void Missing_verified_file_fails_and_writes_the_received_file()
    {
        var failure = Assert.ThrowsAny<XunitException>(() => Snapshot.VerifyIn(_directory, "class A { }\r\n", "New", update: false));

        Assert.Contains("has no verified file yet", failure.Message);
        Assert.Contains("UPDATE_SNAPSHOTS=1", failure.Message);
        Assert.Equal("class A { }\n", File.ReadAllText(Received("New")));
        Assert.False(File.Exists(Verified("New")));
    }

    [Fact]
    public void Update_writes_the_verified_file_and_then_matching_text_passes()
    {
        Snapshot.VerifyIn(_directory, "line 1\r\nline 2", "Accepted", update: true);

        Assert.Equal("line 1\nline 2\n", File.ReadAllText(Verified("Accepted")));
        Snapshot.VerifyIn(_directory, "line 1\nline 2\n\n", "Accepted", update: false); // line endings normalized
        Snapshot.VerifyIn(_directory, "line 1\rline 2", "Accepted", update: false);
        Assert.False(File.Exists(Received("Accepted")));
    }

    [Fact]
    public void Mismatch_fails_with_a_line_diff_and_writes_the_received_file()
    {
        Directory.CreateDirectory(_directory);
        var verified = string.Join("\n", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j") + "\n";
        File.WriteAllText(Verified("Diff"), verified.Replace("\n", "\r\n"));
        var received = string.Join("\n", "a", "b", "c", "d", "E", "f", "g", "h", "i", "j", "k");

        var failure = Assert.ThrowsAny<XunitException>(() => Snapshot.VerifyIn(_directory, received, "Diff", update: false));

        Assert.Contains("does not match", failure.Message);
        Assert.Contains("@@ verified line 2, received line 2 @@", failure.Message);
        Assert.Contains("-     5       | e", failure.Message);
        Assert.Contains("+           5 | E", failure.Message);
        Assert.Contains("      4     4 | d", failure.Message); // context
        Assert.Contains("+          11 | k", failure.Message);
        Assert.DoesNotContain("| a", failure.Message); // beyond the context
        Assert.Equal(received + "\n", File.ReadAllText(Received("Diff")));

        // Fixing the text removes the stale received file.
        Snapshot.VerifyIn(_directory, verified, "Diff", update: false);
        Assert.False(File.Exists(Received("Diff")));
    }

    [Fact]
    public void Diff_is_minimal_for_inserted_and_removed_lines()
    {
        var diff = LineDiff.Compute(["x", "keep", "drop", "end"], ["x", "new", "keep", "end"]);

        Assert.Equal(
            [
                new LineDiff.Line(LineDiff.Kind.Same, 1, 1, "x"),
                new LineDiff.Line(LineDiff.Kind.Added, 0, 2, "new"),
                new LineDiff.Line(LineDiff.Kind.Same, 2, 3, "keep"),
                new LineDiff.Line(LineDiff.Kind.Removed, 3, 0, "drop"),
                new LineDiff.Line(LineDiff.Kind.Same, 4, 4, "end"),
            ],
            diff);
    }

    [Fact]
    public void Verify_puts_snapshots_next_to_the_calling_test_file()
    {
        var fakeCaller = Path.Combine(_directory, "SomeTests.cs");

        if (Environment.GetEnvironmentVariable(Snapshot.UpdateVariable) == "1")
        {
            Snapshot.Verify("x", "Located", fakeCaller);
            Assert.True(File.Exists(Path.Combine(_directory, "Snapshots", "Located.verified.cs")));
        }
        else
        {
            var failure = Assert.ThrowsAny<XunitException>(() => Snapshot.Verify("x", "Located", fakeCaller));
            Assert.True(File.Exists(Path.Combine(_directory, "Snapshots", "Located.received.cs")), failure.Message);
        }
    }

    [Fact]
    public void Names_that_are_not_file_names_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Snapshot.VerifyIn(_directory, "x", "a/b", update: false));
        Assert.Throws<ArgumentException>(() => Snapshot.VerifyIn(_directory, "x", " ", update: false));
    }
}
