using System.Globalization;
using CareTeams.Web.Components.Pages.Contracts;
using CareTeams.Web.Components.Pages.ElderCare;
using CareTeams.Web.Components.Pages.HomeBeds;
using CareTeams.Web.Components.Pages.Referrals;
using CareTeams.Web.Components.Pages.Residents;
using CareTeams.Web.Components.Pages.Visits;
using Microsoft.AspNetCore.Components;

namespace CareTeams.Tests.Security;

/// <summary>
/// A page that opens one record named in its URL, as another team's user would try it: the URL, the
/// component and its parameter, and the element that says "not found, or no access".
/// </summary>
/// <param name="Name">How the report names it.</param>
/// <param name="Page">The routable component.</param>
/// <param name="Url">The address with {0} for the record's id.</param>
/// <param name="Parameter">The component parameter that receives the id (route or query).</param>
/// <param name="RecordId">Which of a team's records it opens.</param>
/// <param name="NotFound">The data-testid of the "not found / no access" message.</param>
public sealed record ForeignRecordPage(string Name, Type Page, string Url, string Parameter, Func<TeamRecords, int> RecordId, string NotFound)
{
    /// <summary>What a referral desk gets instead of <see cref="NotFound"/> (the new-referral form asks a desk for an ID number, whatever the URL names).</summary>
    public string? DeskGets { get; init; }

    /// <summary>Whether the record's own team opens it (the control); false for the answer to a referral, which only its receiver sends.</summary>
    public bool OwnerSees { get; init; } = true;

    public string UrlFor(TeamRecords records) => string.Format(CultureInfo.InvariantCulture, Url, RecordId(records));

    public override string ToString() => Name;
}

/// <summary>
/// Every page that opens a record by id. A new feature's record page (a home bed, a visit, a 2111
/// plan) adds its row here; <see cref="OtherTeamsRecordsByUrl.Every_page_with_a_record_id_in_its_route_has_a_row"/>
/// fails until it does.
/// </summary>
public static class ForeignRecordPages
{
    public static readonly IReadOnlyList<ForeignRecordPage> All =
    [
        new("居民档案 /residents/{id}", typeof(ResidentPage), "residents/{0}", nameof(ResidentPage.Id), r => r.ResidentId, "resident-not-found"),
        new("居民编辑 /residents/{id}/edit", typeof(ResidentEdit), "residents/{0}/edit", nameof(ResidentEdit.Id), r => r.ResidentId, "resident-not-found"),
        new("家庭户 /households/{id}", typeof(HouseholdPage), "households/{0}", nameof(HouseholdPage.Id), r => r.HouseholdId, "household-not-found"),
        new("签约协议 /contracts/{id}", typeof(ContractPage), "contracts/{0}", nameof(ContractPage.Id), r => r.ContractId, "contract-not-found"),
        new("签约向导 /contracts/new?residentId={id}", typeof(SignContractWizard), "contracts/new?residentId={0}",
            nameof(SignContractWizard.ResidentId), r => r.ResidentId, "pick-error"),
        new("2111 服务项目 /elder-care/items/{id}", typeof(ElderCareItemPage), "elder-care/items/{0}", nameof(ElderCareItemPage.ItemId),
            r => r.PlanItemId, "item-not-found"),
        new("家庭病床 /home-beds/{id}", typeof(HomeBedPage), "home-beds/{0}", nameof(HomeBedPage.Id), r => r.HomeBedId, "bed-not-found"),
        new("建床 /home-beds/new?residentId={id}", typeof(OpenHomeBed), "home-beds/new?residentId={0}", nameof(OpenHomeBed.ResidentId),
            r => r.ResidentId, "bed-resident-missing"),
        new("新建转诊 /referrals/new?residentId={id}", typeof(NewReferral), "referrals/new?residentId={0}", nameof(NewReferral.ResidentId),
            r => r.ResidentId, "referral-blocked") { DeskGets = "field-id-number" },
        new("回转 /referrals/new?answers={id}", typeof(NewReferral), "referrals/new?answers={0}", nameof(NewReferral.Answers),
            r => r.ReferralId, "referral-blocked") { OwnerSees = false },
        new("双向转诊 /referrals/{id}", typeof(ReferralPage), "referrals/{0}", nameof(ReferralPage.Id), r => r.ReferralId, "referral-not-found"),
        new("上门服务记录 /visits/{id}", typeof(VisitEdit), "visits/{0}", nameof(VisitEdit.Id), r => r.VisitId, "visit-not-found"),
        new("登记上门服务 /visits/new?residentId={id}", typeof(VisitEdit), "visits/new?residentId={0}", nameof(VisitEdit.ResidentId),
            r => r.ResidentId, "visit-not-found"),
    ];

    /// <summary>Whether a routable component takes a record id (a route parameter like {Id:int}, or an id from the query).</summary>
    public static bool OpensARecord(Type page) =>
        page.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>()
            .Any(r => r.Template.Contains("{", StringComparison.Ordinal))
        || page.GetProperties().Any(p => p.IsDefined(typeof(SupplyParameterFromQueryAttribute), inherit: true)
                                         && p.Name.EndsWith("Id", StringComparison.Ordinal));
}
