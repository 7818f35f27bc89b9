using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Documents.Referrals;

/// <summary>
/// Renders a referral the current user may see (<see cref="ReferralService.GetAsync"/>, the scoped view) as its printed
/// slip (双向转诊单); null when it is not found in scope.
/// </summary>
public sealed class ReferralSlipPdf(ReferralService referrals, IDbContextFactory<CareTeamsDbContext> contexts, DocumentFonts fonts, IClock clock)
{
    public async Task<(byte[] Pdf, string FileName)?> RenderAsync(int referralId, CancellationToken cancellationToken = default)
    {
        var view = await referrals.GetAsync(referralId, cancellationToken);
        if (view is null)
            return null;
        var phone = await SenderPhoneAsync(view.From.CentreId, cancellationToken);
        return (PdfRenderer.Render(ReferralSlipDocument.Build(view, phone, clock.Now), fonts), $"转诊单-{view.Referral.Id}.pdf");
    }

    /// <summary>
    /// The sending centre's public phone, for the slip's 联系电话. The receiving hospital does not see the centres through
    /// its scope, so this one query reads only the phone of the centre that sent the referral the user has just been
    /// allowed to see, apart from any scoped rows (IgnoreQueryFilters lifts the filter from a whole query).
    /// </summary>
    private async Task<string?> SenderPhoneAsync(int? centreId, CancellationToken cancellationToken)
    {
        if (centreId is not { } id)
            return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Centres.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == id).Select(c => c.Phone).FirstOrDefaultAsync(cancellationToken);
    }
}
