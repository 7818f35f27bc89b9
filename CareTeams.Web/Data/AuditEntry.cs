namespace CareTeams.Web.Data;

public enum AuditAction
{
    Created = 1,
    Modified = 2,
    Deleted = 3,
    /// <summary>Personal data was shown in full (a resident's ID number); reads are recorded explicitly.</summary>
    Viewed = 4,
}

/// <summary>One row of the audit trail: who did what to which record, and each field's old → new value.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string UserName { get; set; } = string.Empty;
    public string? UserId { get; set; }
    public AuditAction Action { get; set; }
    public string EntityType { get; set; } = string.Empty;
    public string EntityKey { get; set; } = string.Empty;

    /// <summary>JSON object: field → [old, new] for changes; field → value for creations; a note for views.</summary>
    public string? Changes { get; set; }
}
