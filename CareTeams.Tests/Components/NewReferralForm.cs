using Bunit;
using CareTeams.Domain.Referrals;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Components.Pages.Referrals;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Tests.Components;

/// <summary>
/// The new-referral form (转诊单): a GP of team A refers a resident up or transfers them, the hospital's desk answers an
/// arrived up-referral with a prefilled down-referral, and a desk names a resident by ID number. The server's Chinese
/// messages stay by the fields, what was typed stays, and what is saved is read back from the database.
/// </summary>
public sealed class NewReferralForm : MudBunitTest
{
    private readonly ReferralAlliance _alliance;
    private readonly Resident _elder; // team A

    public NewReferralForm()
    {
        _alliance = ReferralAlliance.Create(Database, County);
        _elder = County.AddResident(Database, County.VillageA, "钱大爷", new DateOnly(1948, 4, 2), Sex.Male, KeyPopulation.Hypertension);
    }

    private IRenderedComponent<NewReferral> Open(UserScope user, string query)
    {
        SignInAs(user);
        Services.GetRequiredService<NavigationManager>().NavigateTo("referrals/new" + query);
        var page = RenderPage<NewReferral>();
        page.WaitForElement("[data-testid=send-referral]");
        return page;
    }

    private static void Type(IRenderedComponent<NewReferral> page, string field, string text) =>
        page.Find($"[data-testid={field}] input, [data-testid={field}] textarea").Change(text);

    private static string? Typed(IRenderedComponent<NewReferral> page, string field)
    {
        var element = page.Find($"[data-testid={field}] input, [data-testid={field}] textarea");
        return element.TagName == "TEXTAREA" ? element.TextContent : element.GetAttribute("value");
    }

    private static string HelperText(IRenderedComponent<NewReferral> page, string field) =>
        string.Join(" ", page.FindAll($"[data-testid={field}] .mud-input-helper-text").Select(e => e.TextContent));

    private static void Choose(IRenderedComponent<NewReferral> page, string group, string label) =>
        page.FindAll($"[data-testid={group}] label").First(l => l.TextContent.Contains(label, StringComparison.Ordinal))
            .QuerySelector("input[type=radio]")!.Click();

    private static IReadOnlyList<string> Choices(IRenderedComponent<NewReferral> page, string group) =>
        page.FindAll($"[data-testid={group}] label").Select(l => l.TextContent.Trim()).Where(t => t.Length > 0).ToList();

    private void Send(IRenderedComponent<NewReferral> page)
    {
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Matches(@"^/referrals/\d+$", CurrentPath));
    }

    private List<Referral> StoredReferrals()
    {
        using var db = Database.Context(UserScope.System);
        return db.Referrals.AsNoTracking().AsSplitQuery().OrderBy(r => r.Id).ToList();
    }

    [Fact]
    public void A_GPs_up_referral_without_a_reason_shows_the_message_under_the_field_keeps_the_input_and_saves_nothing()
    {
        var page = Open(_alliance.GpOfTeamA, $"?residentId={_elder.Id}");
        Assert.Contains("钱大爷", page.Find("[data-testid=resident-card]").TextContent);
        Assert.Contains("绿色通道：优先预约、检查和住院", page.Find("[data-testid=green-channel-note]").TextContent);

        Type(page, "field-diagnosis", "高血压3级");
        Type(page, "field-history", "高血压10年");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("请填写转诊原因。", HelperText(page, "field-reason")));
        Assert.NotEmpty(page.FindAll("[data-testid=referral-error]"));
        Assert.Equal("高血压3级", Typed(page, "field-diagnosis"));
        Assert.Equal("高血压10年", Typed(page, "field-history"));
        Assert.StartsWith("/referrals/new", CurrentPath);
        Assert.Empty(StoredReferrals());
    }

    [Fact]
    public void A_valid_up_referral_from_the_township_to_the_hospital_is_saved_with_its_attachment_and_opens_its_page()
    {
        var page = Open(_alliance.GpOfTeamA, $"?residentId={_elder.Id}");
        // From the township (preselected); the hospital is the only institution an up-referral fits.
        Assert.Equal(["上转", "下转", "转介"], Choices(page, "field-direction"));

        Type(page, "field-reason", "血压控制不佳，头痛三天");
        Type(page, "field-diagnosis", "高血压3级");
        Type(page, "field-icd", "i10");
        Choose(page, "field-urgency", "紧急");
        page.Find("[data-testid=add-attachment]").Click();
        Type(page, "attachment-title", "心电图");
        Type(page, "attachment-summary", "窦性心律，左室高电压");
        Send(page);

        var referral = Assert.Single(StoredReferrals());
        Assert.Equal($"/referrals/{referral.Id}", CurrentPath);
        Assert.Equal((ReferralDirection.Up, ReferralUrgency.Urgent, _alliance.Township.Id, _alliance.Hospital.Id, _elder.Id),
            (referral.Direction, referral.Urgency, referral.FromInstitutionId, referral.ToInstitutionId, referral.ResidentId));
        Assert.Equal(("血压控制不佳，头痛三天", "高血压3级", "I10", "王全科"), (referral.Reason, referral.Diagnosis, referral.Icd10Code, referral.RequestedByName));
        Assert.Equal(("心电图", "窦性心律，左室高电压"), (Assert.Single(referral.Attachments).Title, referral.Attachments[0].Summary));
        Assert.Null(referral.Return);
    }

    [Fact]
    public async Task The_green_channel_is_not_offered_for_a_transfer_and_the_server_refuses_one()
    {
        var page = Open(_alliance.GpOfTeamA, $"?residentId={_elder.Id}");
        Choose(page, "field-urgency", "绿色通道");

        Choose(page, "field-direction", "转介");

        page.WaitForAssertion(() => Assert.Equal(["普通", "紧急"], Choices(page, "field-urgency")));
        Assert.Empty(page.FindAll("[data-testid=green-channel-note]"));
        Type(page, "field-reason", "失能加重，需要机构照护");
        Type(page, "field-diagnosis", "脑梗死后遗症");
        Send(page);
        var transfer = Assert.Single(StoredReferrals());
        // The care home is the only institution a transfer from the township fits; the urgency fell back to routine.
        Assert.Equal((ReferralDirection.Transfer, ReferralUrgency.Routine, _alliance.CareHome.Id),
            (transfer.Direction, transfer.Urgency, transfer.ToInstitutionId));

        // Sent anyway (an old form, a crafted request): the server refuses it on the urgency field.
        var refused = await Database.Service<ReferralService>(_alliance.GpOfTeamA).RequestAsync(new ReferralInput(_elder.Id, null,
            _alliance.Township.Id, _alliance.CareHome.Id, ReferralAlliance.TransferForm() with { Urgency = ReferralUrgency.GreenChannel }));
        Assert.Equal("绿色通道仅用于上转。", refused.ErrorFor(nameof(ReferralForm.Urgency)));
        Assert.Single(StoredReferrals());
    }

    [Fact]
    public async Task The_hospital_desk_answers_an_arrived_up_referral_with_a_prefilled_down_referral_which_returns_it()
    {
        var sent = await Database.Service<ReferralService>(_alliance.GpOfTeamA).RequestAsync(new ReferralInput(_elder.Id, null,
            _alliance.Township.Id, _alliance.Hospital.Id, ReferralAlliance.UpForm()));
        Assert.True(sent.Succeeded, sent.Summary);
        var desk = Database.Service<ReferralService>(_alliance.HospitalDesk);
        var accepted = await desk.AcceptAsync(sent.Id!.Value, sent.Version!.Value);
        Assert.True((await desk.ConfirmArrivalAsync(sent.Id.Value, accepted.Version!.Value)).Succeeded);

        var page = Open(_alliance.HospitalDesk, $"?answers={sent.Id}");

        Assert.Contains("钱大爷", page.Find("[data-testid=resident-card]").TextContent);
        Assert.Equal(["下转"], Choices(page, "field-direction"));
        Assert.Equal("高血压3级", Typed(page, "field-diagnosis"));
        Assert.Equal("I10", Typed(page, "field-icd"));
        Assert.Empty(page.FindAll("[data-testid=field-id-number]"));
        Assert.NotEmpty(page.FindAll("[data-testid=return-form]"));
        Type(page, "field-reason", "病情稳定，转回社区管理");
        Type(page, "field-return-diagnosis", "高血压3级 很高危");
        Type(page, "field-return-inpatient", "ZY2026-1101");
        Type(page, "field-return-plan", "继续口服降压药，低盐饮食");
        page.Find("[data-testid=field-home-bed] input").Change(true);
        Send(page);

        var stored = StoredReferrals();
        var up = stored.Single(r => r.Id == sent.Id);
        var down = stored.Single(r => r.Id != sent.Id);
        Assert.Equal($"/referrals/{down.Id}", CurrentPath);
        Assert.Equal((ReferralStatus.Returned, down.Id), (up.Status, up.ReturnedByReferralId!.Value));
        Assert.Equal((ReferralDirection.Down, _alliance.Hospital.Id, _alliance.Township.Id, sent.Id, _elder.Id),
            (down.Direction, down.FromInstitutionId, down.ToInstitutionId, down.AnswersReferralId, down.ResidentId));
        Assert.Equal(("高血压3级", "高血压3级 很高危", "ZY2026-1101", "继续口服降压药，低盐饮食", true),
            (down.Diagnosis, down.Return!.DiagnosisResult, down.Return.InpatientNumber, down.Return.NextPlan, down.ProposesHomeBed));
    }

    [Fact]
    public async Task A_desk_refers_a_resident_found_by_ID_number_down_and_a_missing_plan_is_shown_under_its_field()
    {
        var page = Open(_alliance.HospitalDesk, "");
        // From the hospital only down-referrals and transfers fit; down is first, with the return form.
        Assert.Equal(["下转", "转介"], Choices(page, "field-direction"));
        Assert.NotEmpty(page.FindAll("[data-testid=return-form]"));
        Type(page, "field-id-number", _elder.IdNumber);
        page.Find("[data-testid=find-resident]").Click();
        page.WaitForElement("[data-testid=resident-card]");
        var to = page.FindComponents<MudBlazor.MudSelect<int?>>()[1];
        await page.InvokeAsync(() => to.Instance.ValueChanged.InvokeAsync(_alliance.Township.Id));
        Type(page, "field-reason", "术后恢复良好，转回社区康复");
        Type(page, "field-diagnosis", "股骨颈骨折术后");
        Type(page, "field-return-diagnosis", "股骨颈骨折术后");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("请填写下一步治疗方案及康复建议。", HelperText(page, "field-return-plan")));
        Assert.Empty(StoredReferrals());
        Assert.Equal("股骨颈骨折术后", Typed(page, "field-return-diagnosis"));

        Type(page, "field-return-plan", "居家康复训练，两周后复查");
        Send(page);

        var down = Assert.Single(StoredReferrals());
        Assert.Equal((ReferralDirection.Down, _alliance.Hospital.Id, _alliance.Township.Id, _elder.Id, "县医院转诊办"),
            (down.Direction, down.FromInstitutionId, down.ToInstitutionId, down.ResidentId, down.RequestedByName));
        Assert.Equal("居家康复训练，两周后复查", down.Return!.NextPlan);
    }

    [Fact]
    public void A_desk_looking_up_an_unknown_ID_number_is_told_so_and_a_known_one_shows_the_resident_to_check()
    {
        var page = Open(_alliance.HospitalDesk, "");
        var unknown = ResidentIdNumber.Compose("330122", new DateOnly(1950, 1, 1), 777).Value;

        Type(page, "field-id-number", unknown);
        page.Find("[data-testid=find-resident]").Click();

        page.WaitForAssertion(() => Assert.Contains(ReferralService.ResidentNotFoundMessage, HelperText(page, "field-id-number")));
        Assert.Empty(page.FindAll("[data-testid=resident-card]"));
        Assert.Equal(unknown, Typed(page, "field-id-number"));

        Type(page, "field-id-number", _elder.IdNumber);
        page.Find("[data-testid=find-resident]").Click();

        page.WaitForAssertion(() => Assert.Contains("钱大爷", page.Find("[data-testid=resident-card]").TextContent));
        var card = page.Find("[data-testid=resident-card]").TextContent;
        Assert.Contains(ResidentIdNumber.Mask(_elder.IdNumber), card);
        Assert.Contains(County.Centre.Name, card);
        Assert.DoesNotContain(_elder.IdNumber, card);
    }
}
