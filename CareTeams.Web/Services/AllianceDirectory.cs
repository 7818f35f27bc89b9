using CareTeams.Domain.Referrals;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Services;

public sealed record AllianceInstitutionRow(int Id, string Name, AllianceInstitutionKind Kind, int? CentreId, string? CentreName,
    int Desks, int Referrals);

/// <summary>
/// The county's medical alliance (医共体 / 医养联盟) as its administrator keeps it: the institutions referrals go from and to,
/// added and renamed here (never deleted: referrals point at them). Only a county administrator writes.
/// </summary>
public sealed class AllianceDirectory(IDbContextFactory<CareTeamsDbContext> contexts, ICurrentUser currentUser)
{
    public const string NotAdminMessage = "只有县区系统管理员可以维护医共体机构。";
    public const string DuplicateNameMessage = "医共体内已有同名机构。";

    public async Task<IReadOnlyList<AllianceInstitutionRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AllianceInstitutions.AsNoTracking().OrderBy(a => a.Kind).ThenBy(a => a.Name)
            .Select(a => new AllianceInstitutionRow(a.Id, a.Name, a.Kind, a.CentreId,
                db.Centres.Where(c => c.Id == a.CentreId).Select(c => c.Name).FirstOrDefault(),
                db.Users.Count(u => u.AllianceInstitutionId == a.Id),
                db.Referrals.Count(r => r.FromInstitutionId == a.Id || r.ToInstitutionId == a.Id)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Adds an institution to the administrator's county; <paramref name="centreId"/> links a township or clinic to one of our centres.</summary>
    public async Task<SaveResult> AddAsync(string name, AllianceInstitutionKind kind, int? centreId, CancellationToken cancellationToken = default)
    {
        var scope = currentUser.Scope;
        if (scope.Level != ScopeLevel.County)
            return SaveResult.Invalid(string.Empty, NotAdminMessage);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (centreId is { } id && !await db.Centres.AnyAsync(c => c.Id == id, cancellationToken))
            return SaveResult.Invalid("CentreId", "请选择本县的机构。");
        try
        {
            var institution = new AllianceInstitution(scope.CountyId, name, kind, centreId);
            if (await db.AllianceInstitutions.AnyAsync(a => a.Name == institution.Name, cancellationToken))
                return SaveResult.Invalid("Name", DuplicateNameMessage);
            db.AllianceInstitutions.Add(institution);
            await db.SaveChangesAsync(cancellationToken);
            return SaveResult.Done(institution.Id, Guid.Empty);
        }
        catch (DomainException e)
        {
            return SaveResult.Invalid(e.Code == "alliance.centre-kind" ? "CentreId" : e.Code == "alliance.kind-invalid" ? "Kind" : "Name", e.Message);
        }
        catch (DbUpdateException)
        {
            return SaveResult.Invalid("Name", DuplicateNameMessage);
        }
    }

    public async Task<SaveResult> RenameAsync(int id, string name, CancellationToken cancellationToken = default)
    {
        if (currentUser.Scope.Level != ScopeLevel.County)
            return SaveResult.Invalid(string.Empty, NotAdminMessage);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var institution = await db.AllianceInstitutions.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (institution is null)
            return SaveResult.NotFound();
        try
        {
            institution.Rename(name);
            if (await db.AllianceInstitutions.AnyAsync(a => a.Id != id && a.Name == institution.Name, cancellationToken))
                return SaveResult.Invalid("Name", DuplicateNameMessage);
            await db.SaveChangesAsync(cancellationToken);
            return SaveResult.Done(institution.Id, Guid.Empty);
        }
        catch (DomainException e)
        {
            return SaveResult.Invalid("Name", e.Message);
        }
        catch (DbUpdateException)
        {
            return SaveResult.Invalid("Name", DuplicateNameMessage);
        }
    }
}
