namespace DiligenceEngine.Domain.Common;

/// <summary>
/// The outcome of parsing text into a domain value: either the value, or a message saying what was wrong
/// and how to fix it. Loaders use it to collect every bad field of a file instead of stopping at the first.
/// </summary>
/// <typeparam name="T">The parsed type.</typeparam>
public readonly struct ParseResult<T>
{
    private readonly T? value;

    private ParseResult(T? value, string? error)
    {
        this.value = value;
        Error = error;
    }

    /// <summary>Why parsing failed and how to fix it; null when it succeeded.</summary>
    public string? Error { get; }

    public bool Success => Error is null;

    public static ParseResult<T> Ok(T value) => new(value, null);

    public static ParseResult<T> Fail(string error) => new(default, error);

    public bool TryGetValue(out T value)
    {
        value = this.value!;
        return Success;
    }

    /// <summary>The value; throws <see cref="FormatException"/> carrying the error when parsing failed.</summary>
    public T GetValueOrThrow() => Success ? value! : throw new FormatException(Error);
}
