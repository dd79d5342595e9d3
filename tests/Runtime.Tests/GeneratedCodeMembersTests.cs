using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace Coroutines.Tests;

// The members only generated code calls are hidden from IntelliSense ([EditorBrowsable(Never)])
// and documented as such ("For generated code" in their XML docs): checked over the runtime's
// public API, so a new suspension point or helper cannot skip the rule unnoticed.
public class GeneratedCodeMembersTests
{
    private const string Marker = "For generated code";

    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    // Factories that are also the documented way a hand-written Step() suspends (README, "Coroutines").
    private static readonly string[] HandWrittenApi = { "Coroutines.Suspension.Sleep" };

    private static readonly Assembly Runtime = typeof(Coroutine).Assembly;

    [Fact]
    public void Every_factory_and_result_of_a_suspension_point_is_hidden_from_IntelliSense()
    {
        var checkedNames = new List<string>();
        foreach (var point in PublicMethods().Where(m => m.GetCustomAttribute<SuspensionPointAttribute>() is not null))
        {
            var attribute = point.GetCustomAttribute<SuspensionPointAttribute>()!;
            var owner = point.IsStatic ? typeof(Suspension) : point.DeclaringType!;
            foreach (var name in new[] { attribute.Factory, attribute.Result }.OfType<string>())
            {
                var qualified = $"{owner.Namespace}.{owner.Name.Split('`')[0]}.{name}";
                if (HandWrittenApi.Contains(qualified))
                {
                    continue;
                }
                var overloads = owner.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Where(m => m.Name == name).ToList();
                Assert.True(overloads.Count > 0, $"{qualified}, named by [SuspensionPoint] on {point.DeclaringType!.Name}.{point.Name}, does not exist");
                foreach (var overload in overloads)
                {
                    Assert.True(IsHidden(overload), $"{qualified} is called only by generated code: mark it [EditorBrowsable(EditorBrowsableState.Never)]");
                }
                checkedNames.Add(qualified);
            }
        }

        // The rule has something to check: the composition points and the channel operations.
        Assert.Contains("Coroutines.Suspension.AwaitResult", checkedNames);
        Assert.Contains("Coroutines.Suspension.WithTimeoutResult", checkedNames);
        Assert.Contains("Coroutines.Channel.EndReceive", checkedNames);
    }

    [Fact]
    public void Every_hidden_member_is_documented_for_generated_code_and_every_such_member_is_hidden()
    {
        var hidden = Count(UserVisibleMembers().Where(IsHidden).Select(m => Key(m.DeclaringType!, m.Name)));
        var documented = Count(DocumentedForGeneratedCode());

        Assert.NotEmpty(hidden);
        foreach (var (member, count) in documented)
        {
            Assert.True(hidden.GetValueOrDefault(member) == count,
                $"{member}: {count} overload(s) documented '{Marker}' but {hidden.GetValueOrDefault(member)} carry [EditorBrowsable(Never)]");
        }
        foreach (var (member, count) in hidden)
        {
            Assert.True(documented.GetValueOrDefault(member) == count,
                $"{member}: {count} overload(s) carry [EditorBrowsable(Never)] but {documented.GetValueOrDefault(member)} say '{Marker}' in their XML docs");
        }
    }

    [Theory]
    [InlineData(typeof(Coroutine), "Hoist")]
    [InlineData(typeof(Coroutine), "AsAnonymous")]
    [InlineData(typeof(Coroutine), "AsAnonymousVariable")]
    [InlineData(typeof(Coroutine), "RethrowPending")]
    [InlineData(typeof(Coroutine), "Rethrow")]
    [InlineData(typeof(Coroutine), "Dispose")]
    public void The_lowering_helpers_of_a_state_machine_are_hidden(Type type, string name)
    {
        var overloads = type.GetMethods(Declared).Where(m => m.Name == name).ToList();
        Assert.NotEmpty(overloads);
        Assert.All(overloads, m => Assert.True(IsHidden(m), $"{type.Name}.{name} is not hidden"));
    }

    [Theory]
    [InlineData(typeof(Coroutine), "ThrowPending")] // the cancellation contract of a hand-written state machine (README)
    [InlineData(typeof(Coroutine), "Callee")]
    [InlineData(typeof(Coroutine), "ObservesCancellation")]
    [InlineData(typeof(Suspension), "Call")]
    [InlineData(typeof(Suspension), "Sleep")]
    public void What_a_hand_written_state_machine_uses_stays_visible(Type type, string name)
    {
        var members = type.GetMembers(Declared).Where(m => m.Name == name).ToList();
        Assert.NotEmpty(members);
        Assert.All(members, m => Assert.False(IsHidden(m), $"{type.Name}.{name} is documented for hand-written state machines"));
    }

    private static bool IsHidden(MemberInfo member) =>
        member.GetCustomAttribute<EditorBrowsableAttribute>()?.State == EditorBrowsableState.Never;

    private static IEnumerable<MethodInfo> PublicMethods() =>
        Runtime.GetExportedTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly));

    // Public and protected members of public types: what IntelliSense can show a user.
    private static IEnumerable<MemberInfo> UserVisibleMembers() =>
        Runtime.GetExportedTypes().SelectMany(t => t.GetMembers(Declared)).Where(m => m switch
        {
            MethodBase method => !method.IsSpecialName && (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly),
            PropertyInfo property => property.GetMethod is { } get && (get.IsPublic || get.IsFamily || get.IsFamilyOrAssembly),
            FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
            EventInfo => true,
            _ => false,
        });

    // "Coroutines.Channel.EndReceive" for M:Coroutines.Channel`1.EndReceive and for Channel<T>.EndReceive.
    private static string Key(Type type, string member) =>
        $"{type.FullName!.Split('`')[0].Replace('+', '.')}.{member}";

    private static IEnumerable<string> DocumentedForGeneratedCode()
    {
        var path = Path.ChangeExtension(Runtime.Location, ".xml");
        Assert.True(File.Exists(path), $"the runtime's XML docs were not found at {path}");
        foreach (var member in XDocument.Load(path).Descendants("member"))
        {
            if (!member.Value.Contains(Marker, StringComparison.Ordinal))
            {
                continue;
            }
            var id = member.Attribute("name")!.Value; // M:Coroutines.Suspension.AwaitResult``1(Coroutines.Coroutine{``0})
            var name = id[2..].Split('(')[0];
            var dot = name.LastIndexOf('.');
            yield return $"{name[..dot].Split('`')[0]}.{name[(dot + 1)..].Split('`')[0]}";
        }
    }

    private static Dictionary<string, int> Count(IEnumerable<string> keys) =>
        keys.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
}
