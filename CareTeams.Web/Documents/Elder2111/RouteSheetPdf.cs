using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Documents.Elder2111;

/// <summary>
/// Renders the worklist of a filter as the printed route sheet. It lists names, phones and addresses,
/// so each print is recorded as a view in the audit trail.
/// </summary>
public sealed class RouteSheetPdf(ElderCareWorklist worklist, IDbContextFactory<CareTeamsDbContext> contexts, ICurrentUser currentUser,
    AuditLog audit, DocumentFonts fonts, IClock clock)
{
    public async Task<(byte[] Pdf, string FileName, int Items)> RenderAsync(WorklistFilter filter, CancellationToken cancellationToken = default)
    {
        var list = await worklist.WorklistAsync(filter, cancellationToken);
        var teamId = filter.TeamId ?? (currentUser.Scope.Level == ScopeLevel.Team ? currentUser.Scope.TeamId : null);
        string teamName;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            teamName = teamId is { } id
                ? await db.Teams.Where(t => t.Id == id).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken) ?? "—"
                : "全部团队";
        }
        await audit.RecordViewAsync("RouteSheet2111", teamId ?? 0,
            $"route sheet {filter.ToQueryString()}: {list.Count} items, residents {string.Join(",", list.Rows.Select(r => r.ResidentId).Distinct())}",
            cancellationToken);
        var today = clock.Today;
        var spec = RouteSheetDocument.Build(list, filter, teamName, today, clock.Now);
        return (PdfRenderer.Render(spec, fonts), $"2111路线单-{teamName}-{today:yyyyMMdd}.pdf", list.Count);
    }
}
