using CareTeams.Domain.SeedWork;
using CareTeams.Web.Services;

namespace CareTeams.Web.Documents.HomeBeds;

/// <summary>Renders a home bed the current user may see as its printed record; null when it is not found in scope.</summary>
public sealed class HomeBedPdf(HomeBedService beds, DocumentFonts fonts, IClock clock)
{
    public async Task<(byte[] Pdf, string FileName)?> RenderAsync(int bedId, CancellationToken cancellationToken = default)
    {
        var view = await beds.GetAsync(bedId, cancellationToken);
        if (view is null)
            return null;
        return (PdfRenderer.Render(HomeBedDocument.Build(view, clock.Now), fonts), $"家庭病床记录-{view.ResidentName}-{view.Bed.OpenedOn:yyyyMMdd}.pdf");
    }
}
