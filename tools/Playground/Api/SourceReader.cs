using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Coroutines.Playground.Api;

/// <summary>The body every POST takes: <c>{"source": "..."}</c>.</summary>
internal sealed record SourceBody(string? Source);

/// <summary>
/// Reads a <see cref="SourceBody"/> with the size limits, so a client gets a clear 413 or 400
/// instead of a server that reads whatever it is sent.
/// </summary>
internal static class SourceReader
{
    /// <summary>The largest request body read, in bytes.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    /// <summary>The largest program, in characters.</summary>
    public const int MaxSourceChars = 20_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The program, or the error result to return instead.</summary>
    public static async Task<(string? Source, IResult? Error)> ReadAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxRequestBytes)
        {
            return (null, TooLarge());
        }
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxRequestBytes)
            {
                return (null, TooLarge());
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return (null, BadRequest("The request is empty: send JSON like {\"source\": \"...\"}."));
        }
        SourceBody? body;
        try
        {
            body = JsonSerializer.Deserialize<SourceBody>(buffer.ToArray(), Json);
        }
        catch (JsonException e)
        {
            return (null, BadRequest($"The request is not valid JSON ({e.Message}): send JSON like {{\"source\": \"...\"}}."));
        }
        if (body?.Source is not { } source)
        {
            return (null, BadRequest("The request has no \"source\" string: send JSON like {\"source\": \"...\"}."));
        }
        if (source.Length > MaxSourceChars)
        {
            return (null, Results.Json(
                new ErrorBody($"The program is {source.Length} characters long; the playground takes at most {MaxSourceChars}. Shorten it."),
                statusCode: StatusCodes.Status413PayloadTooLarge));
        }
        return (source, null);
    }

    public static IResult BadRequest(string message) => Results.Json(new ErrorBody(message), statusCode: StatusCodes.Status400BadRequest);

    private static IResult TooLarge() => Results.Json(
        new ErrorBody($"The request is larger than {MaxRequestBytes / 1024} KiB, the playground's limit. Send a shorter program."),
        statusCode: StatusCodes.Status413PayloadTooLarge);
}

/// <summary>An error for the page: one sentence saying what went wrong and what to do.</summary>
internal sealed record ErrorBody(string Error);
