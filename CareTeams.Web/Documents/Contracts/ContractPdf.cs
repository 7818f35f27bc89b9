using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Documents.Contracts;

/// <summary>Renders a contract the current user may see as its printed PDF; null when it is not found in scope.</summary>
public sealed class ContractPdf(ContractService contracts, IDbContextFactory<CareTeamsDbContext> contexts, DocumentFonts fonts, IClock clock)
{
    public async Task<(byte[] Pdf, string FileName)?> RenderAsync(int contractId, CancellationToken cancellationToken = default)
    {
        var contract = await contracts.GetAsync(contractId, cancellationToken);
        if (contract is null)
            return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var clauses = await db.Centres.Where(c => c.Code == contract.CentreCode).Select(c => c.ContractClauses).FirstOrDefaultAsync(cancellationToken);
        var spec = ContractDocument.Build(contract, clauses, clock.Now);
        return (PdfRenderer.Render(spec, fonts), $"家庭医生签约服务协议书-{contract.Number}.pdf");
    }
}
