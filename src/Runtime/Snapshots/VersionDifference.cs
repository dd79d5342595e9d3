using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Coroutines.Snapshots;

/// <summary>Says what changed between the structure a snapshot saved and the running code's, in words.</summary>
internal static class VersionDifference
{
    public static string FieldName(string field)
    {
        var colon = field.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? field : field.Substring(0, colon);
    }

    private static string PointText(string point)
    {
        var colon = point.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? point : point.Substring(colon + 2);
    }

    public static string Describe(string methodId, IReadOnlyList<string> savedPoints, IReadOnlyList<string> savedFields, CoroutineManifest current)
    {
        var changes = new List<string>();
        var savedTexts = savedPoints.Select(PointText).ToList();
        var currentTexts = current.SuspensionPoints.Select(PointText).ToList();
        foreach (var point in current.SuspensionPoints)
        {
            if (!savedTexts.Remove(PointText(point)))
            {
                changes.Add($"suspension point added: {point}");
            }
        }
        foreach (var point in savedPoints)
        {
            if (!currentTexts.Remove(PointText(point)))
            {
                changes.Add($"suspension point removed: {point}");
            }
        }
        if (changes.Count == 0)
        {
            for (var i = 0; i < Math.Min(savedPoints.Count, current.SuspensionPoints.Count); i++)
            {
                if (savedPoints[i] != current.SuspensionPoints[i])
                {
                    changes.Add($"suspension point moved: {savedPoints[i]} is now {current.SuspensionPoints.First(p => PointText(p) == PointText(savedPoints[i]))}");
                }
            }
        }
        var saved = savedFields.ToDictionary(FieldName, f => f, StringComparer.Ordinal);
        var now = current.Fields.ToDictionary(FieldName, f => f, StringComparer.Ordinal);
        foreach (var (name, field) in now)
        {
            if (!saved.TryGetValue(name, out var old))
            {
                changes.Add($"hoisted field added: {field}");
            }
            else if (old != field)
            {
                changes.Add($"hoisted field retyped: {old} is now {field}");
            }
        }
        foreach (var (name, field) in saved)
        {
            if (!now.ContainsKey(name))
            {
                changes.Add($"hoisted field removed: {field}");
            }
        }
        if (changes.Count == 0)
        {
            changes.Add("the order of its fields changed");
        }
        var message = new StringBuilder($"The snapshot was saved by another version of {methodId}:");
        foreach (var change in changes)
        {
            message.Append("\n- ").Append(change);
        }
        message.Append($"\nRestore it with the code that saved it, or register a migration: options.Migrations.Add(\"{methodId}\", frame => ...) (docs/snapshots.md, Versioning).");
        return message.ToString();
    }
}
