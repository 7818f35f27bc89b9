namespace CareTeams.Domain.SeedWork;

/// <summary>Something with an identity that lasts: two entities are the same when their ids are.</summary>
public abstract class Entity
{
    public int Id { get; protected set; }
}

/// <summary>
/// The root of a cluster that two people may edit at once. <see cref="Version"/> is the optimistic
/// concurrency token: persistence gives it a fresh value on every save, so a save based on an older
/// read fails instead of silently overwriting someone else's work.
/// </summary>
public abstract class AggregateRoot : Entity
{
    public Guid Version { get; private set; } = Guid.NewGuid();
}

/// <summary>A rule of the domain was broken. <see cref="Message"/> is written for the user, in Chinese.</summary>
public sealed class DomainException(string code, string message) : Exception(message)
{
    /// <summary>A stable identifier of the rule, for tests and for translating the message.</summary>
    public string Code { get; } = code;
}
