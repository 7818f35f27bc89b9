namespace CareTeams.Domain.SeedWork;

/// <summary>One problem with one input, in words a user understands (Chinese).</summary>
public sealed record ValidationError(string Field, string Message);

/// <summary>The outcome of parsing a value object from user input: the value, or why not.</summary>
public readonly record struct Parsed<T>(T? Value, string? Error)
{
    public bool Ok => Error is null;
    public static Parsed<T> Success(T value) => new(value, null);
    public static Parsed<T> Failure(string error) => new(default, error);
}
