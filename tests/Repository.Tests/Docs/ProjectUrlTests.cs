using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Coroutines.Package.Tests;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Coroutines.Repository.Tests.Docs;

/// <summary>
/// The project's address has one source, <c>CoroutinesProjectUrl</c> in Directory.Build.props:
/// the diagnostics' help links are built from it, and every link to the project's host in the
/// README, docs/ and the packages' READMEs starts with it. (The package's ProjectUrl and
/// RepositoryUrl are checked on the packed package, in tests/Package.Tests.)
/// </summary>
public sealed class ProjectUrlTests
{
    private static readonly string Root = DotNet.RepositoryRoot();
    private static readonly string Url = ProjectUrl.FromBuildProps(Root);

    [Fact]
    public void Every_diagnostic_help_link_is_the_readme_section_at_the_project_address()
    {
        var generator = Assembly.Load(new AssemblyName("Coroutines.Generator"));
        var descriptors = generator.GetTypes()
            .Where(static t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .SelectMany(static t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .ToList();
        Assert.NotEmpty(descriptors);
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        Assert.All(descriptors, d =>
        {
            Assert.Equal($"{Url}/blob/main/README.md#{d.Id.ToLowerInvariant()}", d.HelpLinkUri);
            Assert.Contains($"\n### {d.Id}\n", readme, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_readme_gives_the_address_and_every_link_to_the_host_starts_with_it()
    {
        Assert.Contains(Url, File.ReadAllText(Path.Combine(Root, "README.md")), StringComparison.Ordinal);
        var host = new Uri(Url).GetLeftPart(UriPartial.Authority);
        var documents = new[] { "README.md", "src/Runtime/PACKAGE.md", "tools/Inspect/TOOL.md" }
            .Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f)));
        var strays = documents
            .SelectMany(d => Regex.Matches(File.ReadAllText(Path.Combine(Root, d)), Regex.Escape(host) + @"/[^\s)>\]`""']*").Select(m => $"{d}: {m.Value}"))
            .Where(link => !link[(link.IndexOf(": ", StringComparison.Ordinal) + 2)..].StartsWith(Url, StringComparison.Ordinal))
            .ToList();
        Assert.True(strays.Count == 0, $"Links to {host} that do not start with CoroutinesProjectUrl ({Url}):\n{string.Join("\n", strays)}");
    }
}
