using Microsoft.AspNetCore.Http;

namespace Docket.Web.Infrastructure.Problems;

/// <summary>
/// An expected failure of a use case: an HTTP status, a stable machine-readable code (also the key of its
/// localized message) and, for validation, message codes per field. Localized only at the edge.
/// </summary>
public sealed record Error(int Status, string Code, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    public static Error BadRequest(string code) => new(StatusCodes.Status400BadRequest, code);
    public static Error NotFound(string code = "not-found") => new(StatusCodes.Status404NotFound, code);
    public static Error Conflict(string code) => new(StatusCodes.Status409Conflict, code);
    public static Error InvalidTransition => Conflict("filing.invalid-transition");
    public static Error TooLarge(string code) => new(StatusCodes.Status413PayloadTooLarge, code);
    public static Error UnsupportedMediaType(string code) => new(StatusCodes.Status415UnsupportedMediaType, code);

    public static Error Validation(IReadOnlyDictionary<string, string[]> fields) =>
        new(StatusCodes.Status400BadRequest, "validation.failed", fields);

    public static Error Validation(string field, string messageCode) =>
        Validation(new Dictionary<string, string[]> { [field] = [messageCode] });
}

/// <summary>Either a value or an <see cref="Error"/>; handlers return this instead of throwing for expected failures.</summary>
public readonly struct Result<T>
{
    readonly T? value;

    Result(T? value, Error? error)
    {
        this.value = value;
        Error = error;
    }

    public Error? Error { get; }
    public bool IsOk => Error is null;
    public T Value => IsOk ? value! : throw new InvalidOperationException("The result is an error: " + Error!.Code);

    public static Result<T> Ok(T value) => new(value, null);

    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Error error) => new(default, error);
}

/// <summary>Collects field errors (message codes) for one request.</summary>
public sealed class FieldErrors
{
    readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public IEnumerable<(string Field, IReadOnlyList<string> Codes)> Fields => errors.Select(e => (e.Key, (IReadOnlyList<string>)e.Value));

    public void Add(string field, string code)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        if (!list.Contains(code)) list.Add(code);
    }

    public Error ToError() => Error.Validation(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
