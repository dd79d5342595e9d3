using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace Coroutines.Package.Tests;

/// <summary>
/// The consumer story, end to end with the real SDK: the package is packed, a brand-new console
/// project adds it with a PackageReference and nothing else, writes a [Coroutine] method, builds
/// (warnings as errors) and runs; the seed demo builds against the package and prints its timeline.
/// </summary>
public sealed class PackageTests : IClassFixture<PackageFixture>
{
    private readonly PackageFixture _package;

    public PackageTests(PackageFixture package) => _package = package;

    [Fact]
    public void Pack_makes_one_package_with_the_runtime_the_generator_and_its_metadata()
    {
        Assert.Equal(
            new[] { Path.GetFileName(_package.PackagePath), Path.ChangeExtension(Path.GetFileName(_package.PackagePath), ".snupkg") },
            Directory.GetFiles(_package.Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // `dotnet pack` prints no warning (a warning-free pack is part of the package's metadata being complete).
        Assert.DoesNotContain("warning", _package.PackOutput, StringComparison.OrdinalIgnoreCase);

        using var zip = ZipFile.OpenRead(_package.PackagePath);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("lib/net10.0/Coroutines.dll", entries);
        Assert.Contains("lib/net10.0/Coroutines.xml", entries);
        Assert.Contains("PACKAGE.md", entries);
        // The generator (with its analyzer) and nothing else under analyzers: Roslyn comes with the SDK.
        Assert.Equal(new[] { "analyzers/dotnet/cs/Coroutines.Generator.dll" }, entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)));
        Assert.DoesNotContain(entries, e => e.Contains("CodeAnalysis", StringComparison.Ordinal));

        using var nuspecStream = zip.Entries.Single(e => e.FullName == "Coroutines.nuspec").Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal("Coroutines", Field("id"));
        Assert.Equal(_package.Version, Field("version"));
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("PACKAGE.md", Field("readme"));
        Assert.Contains("source generator", Field("description"), StringComparison.Ordinal);
        Assert.Contains("coroutines", Field("tags"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Field("authors")));
        // The addresses come from the one place that holds them (CoroutinesProjectUrl in Directory.Build.props).
        var projectUrl = ProjectUrl.FromBuildProps(DotNet.RepositoryRoot());
        Assert.Equal(projectUrl, Field("projectUrl"));
        Assert.Equal(projectUrl, metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("url")!.Value);
        // Consumers need nothing but this package: no dependency on the generator project or anything else.
        Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Fact]
    public void A_new_console_project_adds_the_package_writes_a_coroutine_builds_and_runs_it()
    {
        var project = Path.Combine(_package.Root, "consumer");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Coroutines" Version="{_package.Version}" />
              </ItemGroup>
            </Project>
            """);
        // The local feed, on top of the machine's own sources (no <clear/>, no registry named here).
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="coroutines-test-feed" value="{_package.Feed}" />
              </packageSources>
            </configuration>
            """);
        // The README example (issue 3), plus a direct call: the original method still runs sequentially.
        File.WriteAllText(Path.Combine(project, "Workers.cs"), """
            using Coroutines;

            public static partial class Workers
            {
                [Coroutine]
                public static int Count(string name, int steps, int delayMs)
                {
                    int total = 0;
                    for (int i = 1; i <= steps; i++)
                    {
                        Console.WriteLine($"{Clock.Current.Now.TotalSeconds:0}s {name} step {i}");
                        Yield.Sleep(delayMs);
                        total += i;
                    }
                    return total;
                }
            }
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            using Coroutines;

            var loop = new Scheduler(new VirtualClock());
            var fast = Workers.CountCoroutine("fast", 5, 1000);   // generated factory
            var slow = Workers.CountCoroutine("slow", 1, 5000);
            loop.Spawn(fast); loop.Spawn(slow); loop.Run();
            Console.WriteLine(fast.Result + slow.Result);

            using (Clock.Use(new VirtualClock()))
            {
                Console.WriteLine(Workers.Count("direct", 2, 1000));
            }
            """);

        DotNet.Run(project, _package.ConsumerEnvironment, "build", "-c", "Release", "--disable-build-servers", "-nodeReuse:false");
        var output = DotNet.Run(project, _package.ConsumerEnvironment, Path.Combine("bin", "Release", "net10.0", "Consumer.dll"));

        Assert.Equal(
            """
            0s fast step 1
            0s slow step 1
            1s fast step 2
            2s fast step 3
            3s fast step 4
            4s fast step 5
            16
            0s direct step 1
            1s direct step 2
            3

            """.ReplaceLineEndings("\n"),
            output);
        // The package's generator wrote the state machine (nothing else in this project could have).
        Assert.Single(Directory.GetFiles(Path.Combine(project, "obj"), "Workers.CountStateMachine.g.cs", SearchOption.AllDirectories));
        // And the package came from the private folder, at this run's version.
        Assert.True(Directory.Exists(Path.Combine(_package.Packages, "coroutines", _package.Version)));
    }

    [Fact]
    public void The_seed_demo_builds_against_the_package_prints_its_timeline_and_writes_the_svg()
    {
        var demo = Path.Combine(_package.Sources, "samples", "SeedDemo");
        var svg = Path.Combine(_package.Root, "seed.svg");

        DotNet.Run(
            demo,
            _package.ConsumerEnvironment,
            "build", "-c", "Release",
            "-p:UsePackage=true",
            "-p:CoroutinesVersion=" + _package.Version,
            "-p:RestoreAdditionalProjectSources=" + _package.Feed,
            "--disable-build-servers", "-nodeReuse:false");
        var output = DotNet.Run(demo, _package.ConsumerEnvironment, Path.Combine("bin", "Release", "net10.0", "SeedDemo.dll"), "--virtual", "--svg", svg);

        Assert.Contains("Both finished after 5.0 s: fast counted 15, slow counted 1, sum 16.", output, StringComparison.Ordinal);
        Assert.Contains("Side by side: 5.0 s. One after the other: 10.0 s.", output, StringComparison.Ordinal);
        // The timeline it prints is the checked-in snapshot (tests/Runtime.Tests/Tracing).
        var snapshot = File.ReadAllText(Path.Combine(DotNet.RepositoryRoot(), "tests", "Runtime.Tests", "Tracing", "Snapshots", "SeedTimeline.verified.txt")).ReplaceLineEndings("\n");
        Assert.Contains(snapshot, output, StringComparison.Ordinal);
        // The picture is valid XML: an SVG document.
        Assert.Equal(XName.Get("svg", "http://www.w3.org/2000/svg"), XDocument.Parse(File.ReadAllText(svg)).Root!.Name);
        // The package was used, not the projects: the sample's assets name the package at this version.
        Assert.Contains($"\"Coroutines/{_package.Version}\"", File.ReadAllText(Path.Combine(demo, "obj", "project.assets.json")), StringComparison.Ordinal);

        // The package's generator writes what the committed copy a reader opens shows (up to the paths of #line).
        var fresh = File.ReadAllText(Path.Combine(demo, "obj", "Release", "net10.0", "generated", "Coroutines.Generator", "Coroutines.Generator.CoroutineGenerator", "SeedDemo.Workers.CountStateMachine.g.cs"));
        var committed = File.ReadAllText(Path.Combine(DotNet.RepositoryRoot(), "samples", "SeedDemo", "Generated", "SeedDemo.Workers.CountStateMachine.g.cs"));
        Assert.Equal(WithoutPaths(committed), WithoutPaths(fresh));
    }

    private static string WithoutPaths(string source) =>
        Regex.Replace(source.ReplaceLineEndings("\n"), "^#line (\\d+) \".*[/\\\\]([^/\\\\]+)\"$", "#line $1 \"$2\"", RegexOptions.Multiline);
}
