using CareTeams.Domain.SeedWork;

namespace CareTeams.Web.Services;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);

/// <summary>
/// The outcome of a write a user asked for: done (with the record's id and new version), refused with
/// messages per field, or refused because someone else saved first (<see cref="Conflict"/>): the
/// caller keeps the user's input and shows the message, so nothing typed is lost.
/// </summary>
public sealed record SaveResult(bool Succeeded, int? Id, Guid? Version, IReadOnlyList<ValidationError> Errors, bool Conflict = false)
{
    public const string ConflictMessage = "保存失败：该记录已被其他人修改。您填写的内容仍保留在页面上，请核对最新内容后再保存。";

    public static SaveResult Done(int id, Guid version) => new(true, id, version, []);
    public static SaveResult Invalid(IReadOnlyList<ValidationError> errors) => new(false, null, null, errors);
    public static SaveResult Invalid(string field, string message) => new(false, null, null, [new ValidationError(field, message)]);
    public static SaveResult Refused(DomainException e) => new(false, null, null, [new ValidationError(string.Empty, e.Message)]);
    public static SaveResult ConcurrencyConflict() => new(false, null, null, [new ValidationError(string.Empty, ConflictMessage)], Conflict: true);
    public static SaveResult NotFound() => new(false, null, null, [new ValidationError(string.Empty, "记录不存在，或您无权访问。")]);

    /// <summary>The messages not tied to a field, or all of them joined, for a banner.</summary>
    public string Summary => string.Join(" ", Errors.Select(e => e.Message));
}
