using CareTeams.Domain.Elder2111;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Documents.Contracts;
using CareTeams.Web.Documents.Elder2111;
using CareTeams.Web.Reports;

namespace CareTeams.Web.Services;

public static class Endpoints
{
    /// <summary>The app's non-page endpoints (downloads), each authorised and scoped like every read.</summary>
    public static IEndpointRouteBuilder MapCareTeamsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/contracts/{id:int}/pdf", async (int id, ContractPdf pdf, CancellationToken cancellationToken) =>
                await pdf.RenderAsync(id, cancellationToken) is { } document
                    ? Results.File(document.Pdf, "application/pdf", document.FileName)
                    : Results.NotFound())
            .RequireAuthorization();
        // The 2111 route sheet of the worklist's filter (the query string of WorklistFilter.ToQueryString); scoped like the list.
        endpoints.MapGet("/elder-care/route-sheet", async (int? year, int? team, int? village, PlanItemKind? kind, WorklistState? state,
                string? search, RouteSheetPdf pdf, CareTeams.Domain.SeedWork.IClock clock, CancellationToken cancellationToken) =>
            {
                var filter = new WorklistFilter
                {
                    Year = year ?? clock.Today.Year, TeamId = team, VillageId = village, Kind = kind,
                    State = state ?? WorklistState.DueThisMonth, Search = search,
                };
                var document = await pdf.RenderAsync(filter, cancellationToken);
                return Results.File(document.Pdf, "application/pdf", document.FileName);
            })
            .RequireAuthorization();
        endpoints.MapGet("/residents/import/template", async (string centre, Imports.ResidentImporter importer, CancellationToken cancellationToken) =>
                await importer.TemplateAsync(centre, cancellationToken) is { } template
                    ? Results.File(template, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"居民导入模板-{centre}.xlsx")
                    : Results.NotFound())
            .RequireAuthorization(policy => policy.RequireRole(Security.Roles.Admin, Security.Roles.CentreManager));
        endpoints.MapGet("/reports/monthly", MonthlyReportAsync).RequireAuthorization();
        endpoints.MapGet("/home-beds/{id:int}/pdf", async (int id, Documents.HomeBeds.HomeBedPdf pdf, CancellationToken cancellationToken) =>
                await pdf.RenderAsync(id, cancellationToken) is { } document
                    ? Results.File(document.Pdf, "application/pdf", document.FileName)
                    : Results.NotFound())
            .RequireAuthorization();
        // The referral slip (双向转诊单) of a referral the user sees through ReferralService (404 otherwise).
        endpoints.MapGet("/referrals/{id:int}/slip.pdf", async (int id, Documents.Referrals.ReferralSlipPdf pdf, CancellationToken cancellationToken) =>
                await pdf.RenderAsync(id, cancellationToken) is { } document
                    ? Results.File(document.Pdf, "application/pdf", document.FileName)
                    : Results.NotFound())
            .RequireAuthorization();
        return endpoints;
    }

    /// <summary>
    /// The monthly report workbook: a centre manager for their own centre, an administrator for any centre
    /// or `centre=all`; anyone else 403, a centre out of reach 404, a bad month 400 (in Chinese). Audited.
    /// </summary>
    private static async Task<IResult> MonthlyReportAsync(string? centre, string? month, MonthlyReportQuery reports, AuditLog audit,
        IClock clock, CancellationToken cancellationToken)
    {
        if (!ReportMonth.TryParse(month, clock.Today, out var reportMonth, out var error))
            return Results.Text(error, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        if (string.IsNullOrWhiteSpace(centre))
            return Results.Text("请指定机构（机构编码，或 all 表示全县）。", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        var outcome = await reports.BuildAsync(centre.Trim(), reportMonth, cancellationToken: cancellationToken);
        if (outcome.Report is not { } report)
            return outcome.Access == ReportAccess.Forbidden ? Results.StatusCode(StatusCodes.Status403Forbidden) : Results.NotFound();
        var workbook = MonthlyReportWorkbook.Write(report);
        await audit.RecordViewAsync("MonthlyReport", report.IsCounty ? 0 : report.Centres[0].Id,
            $"monthly report {report.CentreCode} {report.Month.Text} (residents listed: {report.Residents.Count})", cancellationToken);
        return Results.File(workbook, MonthlyReportWorkbook.ContentType, MonthlyReportWorkbook.FileName(report));
    }
}
