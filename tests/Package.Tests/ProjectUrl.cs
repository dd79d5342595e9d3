using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Coroutines.Package.Tests;

/// <summary>The project's public address: the property <c>CoroutinesProjectUrl</c> in Directory.Build.props, the one place that holds it.</summary>
internal static class ProjectUrl
{
    public static string FromBuildProps(string repositoryRoot)
    {
        var props = XDocument.Load(Path.Combine(repositoryRoot, "Directory.Build.props"));
        var url = props.Descendants().Single(static e => e.Name.LocalName == "CoroutinesProjectUrl").Value.Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || url.EndsWith('/'))
        {
            throw new InvalidOperationException($"CoroutinesProjectUrl '{url}' is not an https address without a trailing slash.");
        }
        return url;
    }
}
