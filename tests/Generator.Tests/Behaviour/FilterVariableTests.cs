using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A variable that a catch filter declares (<c>when (e.Message is string text)</c>) and its
/// handler reads after a suspension lives in a field, set by the filter, against the direct call
/// and the C# <c>async</c> twin; a filter that rejects leaves the next catch to run.
/// </summary>
public sealed class FilterVariableTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """

        [Coroutine]
        public static string FilterVariableReadAfterASleep(int count)
        {
            string seen = "";
            for (int i = 0; i < count; i++)
            {
                try
                {
                    Yield.Sleep(1);
                    throw new AppException($"failure {i}", i);
                }
                catch (AppException e) when (e.Code % 2 == 0 && e.Message is string text && text.Length > 0)
                {
                    Yield.Sleep(1);
                    text += "!";
                    seen += text + " ";
                }
                catch (AppException e) when (e.Code is int odd)
                {
                    Yield.Sleep(1);
                    seen += $"odd {odd} ";
                }
            }
            return seen;
        }

        public static async Task<string> FilterVariableReadAfterASleepAsync(int count)
        {
            string seen = "";
            for (int i = 0; i < count; i++)
            {
                try
                {
                    await Task.Yield();
                    throw new AppException($"failure {i}", i);
                }
                catch (AppException e) when (e.Code % 2 == 0 && e.Message is string text && text.Length > 0)
                {
                    await Task.Yield();
                    text += "!";
                    seen += text + " ";
                }
                catch (AppException e) when (e.Code is int odd)
                {
                    await Task.Yield();
                    seen += $"odd {odd} ";
                }
            }
            return seen;
        }
        """));

    [Theory]
    [InlineData(3)]
    public void A_filter_variable_is_read_by_its_handler_after_a_sleep(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "FilterVariableReadAfterASleep", count);
}
