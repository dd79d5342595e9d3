using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Coroutines.Package.Tests;

/// <summary>
/// Packs the Coroutines package once for the tests that consume it: from a copy of the
/// repository's sources (so the test never writes into the working tree), with a version no
/// other run uses, into a feed folder of its own; consumers restore into a private packages
/// folder, so no package cache can serve a stale build.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "coroutines-package-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        // Stop MSBuild's and NuGet's upward search for settings at this folder.
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />\n");

        Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + ".r" + Guid.NewGuid().ToString("N")[..8];
        Feed = Path.Combine(Root, "feed");
        Packages = Path.Combine(Root, "packages");
        Sources = Path.Combine(Root, "repo");
        Directory.CreateDirectory(Feed);

        var repository = DotNet.RepositoryRoot();
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "nuget.config", "README.md" })
        {
            File.Copy(Path.Combine(repository, file), Path.Combine(Sources, file).EnsureDirectory());
        }
        DotNet.CopyDirectory(Path.Combine(repository, "src"), Path.Combine(Sources, "src"));
        DotNet.CopyDirectory(Path.Combine(repository, "samples", "SeedDemo"), Path.Combine(Sources, "samples", "SeedDemo"));
        Directory.CreateDirectory(Path.Combine(Sources, "local-feed"));

        PackOutput = DotNet.Run(
            Sources,
            null,
            "pack", Path.Combine("src", "Runtime", "Coroutines.csproj"),
            "-c", "Release",
            "-o", Feed,
            "-p:Version=" + Version,
            "--disable-build-servers",
            "-nodeReuse:false");
        PackagePath = Path.Combine(Feed, $"Coroutines.{Version}.nupkg");
    }

    /// <summary>The temporary folder everything happens in.</summary>
    public string Root { get; }

    /// <summary>The package version: unique to this run.</summary>
    public string Version { get; }

    /// <summary>The local feed folder the package was packed into.</summary>
    public string Feed { get; }

    /// <summary>A private global-packages folder for consumers' restores.</summary>
    public string Packages { get; }

    /// <summary>The copy of the repository's sources that was packed.</summary>
    public string Sources { get; }

    /// <summary>The .nupkg file.</summary>
    public string PackagePath { get; }

    /// <summary>What <c>dotnet pack</c> printed.</summary>
    public string PackOutput { get; }

    /// <summary>The environment for a consumer's restore, build and run.</summary>
    public IReadOnlyDictionary<string, string> ConsumerEnvironment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = Packages,
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

internal static class PathExtensions
{
    /// <summary>Creates the file's folder; returns the path.</summary>
    public static string EnsureDirectory(this string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
