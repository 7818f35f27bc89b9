using Bunit;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Components.Pages.Residents;
using CareTeams.Web.Components.Pages.Visits;
using CareTeams.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Tests.Components;

/// <summary>The visit form: readings checked while typing, the server's Chinese messages by the fields, input kept.</summary>
public sealed class VisitFormValidation : MudBunitTest
{
    private readonly Resident _elder;

    public VisitFormValidation()
    {
        var catalogue = County.AddContractCatalogue(Database);
        _elder = County.AddResident(Database, County.VillageA, "王老伯", new DateOnly(1950, 3, 1), Sex.Male, KeyPopulation.Hypertension);
        SignInAs(catalogue.NurseOfTeamA);
    }

    private IRenderedComponent<VisitEdit> OpenForm()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"visits/new?residentId={_elder.Id}");
        var page = RenderPage<VisitEdit>();
        page.WaitForElement("[data-testid=field-systolic] input");
        return page;
    }

    /// <summary>Fills in and saves a valid follow-up (08:00–08:30 today); the page then shows the saved visit.</summary>
    private void SaveFollowUp(int systolic, int diastolic, string? signedBy = null)
    {
        var page = OpenForm();
        Type(page, "field-started", "2026-11-23T08:00");
        Type(page, "field-ended", "2026-11-23T08:30");
        TypeNumber(page, "field-systolic", systolic.ToString(System.Globalization.CultureInfo.InvariantCulture));
        TypeNumber(page, "field-diastolic", diastolic.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (signedBy is not null)
            Type(page, "field-signed-by", signedBy);
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Matches(@"^/visits/\d+$", CurrentPath));
    }

    private static void Type(IRenderedComponent<VisitEdit> page, string field, string text) =>
        page.Find($"[data-testid={field}] input, [data-testid={field}] textarea").Change(text);

    private static void TypeNumber(IRenderedComponent<VisitEdit> page, string field, string text) =>
        page.Find($"[data-testid={field}] input").Input(text);

    private static string HelperText(IRenderedComponent<VisitEdit> page, string field) =>
        string.Join(" ", page.FindAll($"[data-testid={field}] .mud-input-helper-text").Select(e => e.TextContent));

    private static string? ValueOf(IRenderedComponent<VisitEdit> page, string field) =>
        page.Find($"[data-testid={field}] input").GetAttribute("value");

    [Fact]
    public void An_out_of_range_blood_pressure_is_reported_while_typing_and_again_by_the_server_with_the_input_kept()
    {
        var page = OpenForm();

        TypeNumber(page, "field-systolic", "300");
        TypeNumber(page, "field-diastolic", "95");

        page.WaitForAssertion(() =>
            Assert.Contains("血压收缩压应在 60–260 mmHg 之间，填写的是 300 mmHg。", HelperText(page, "field-systolic")));
        Type(page, "field-notes", "血压很高，复测");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=visit-error]")));
        Assert.Contains("血压收缩压应在 60–260 mmHg 之间", HelperText(page, "field-systolic"));
        Assert.Equal("300", ValueOf(page, "field-systolic"));
        Assert.Equal("95", ValueOf(page, "field-diastolic"));
        Assert.Equal("血压很高，复测", page.Find("[data-testid=field-notes] textarea").TextContent);
        using var db = Database.Context(UserScope.System);
        Assert.False(db.Visits.Any());
    }

    [Fact]
    public void A_diastolic_not_below_the_systolic_is_reported_by_the_diastolic_field()
    {
        var page = OpenForm();

        TypeNumber(page, "field-systolic", "120");
        TypeNumber(page, "field-diastolic", "130");

        page.WaitForAssertion(() =>
            Assert.Contains("血压舒张压（130 mmHg）应低于收缩压（120 mmHg）。", HelperText(page, "field-diastolic")));
        Assert.DoesNotContain("mmHg", HelperText(page, "field-systolic"));
    }

    [Fact]
    public void Abnormal_readings_raise_their_flags_while_typing()
    {
        var page = OpenForm();

        TypeNumber(page, "field-systolic", "185");
        TypeNumber(page, "field-diastolic", "95");

        page.WaitForAssertion(() => Assert.Contains("收缩压危急（≥180 mmHg），需紧急转诊", page.Find("[data-testid=vital-flags]").TextContent));
        Assert.Contains("舒张压偏高（≥90 mmHg）", page.Find("[data-testid=vital-flags]").TextContent);
    }

    [Fact]
    public void An_end_before_the_start_and_notes_too_long_are_reported_by_their_fields_on_save()
    {
        var page = OpenForm();
        Type(page, "field-started", "2026-11-23T08:30");
        Type(page, "field-ended", "2026-11-23T08:00");
        TypeNumber(page, "field-systolic", "150");
        TypeNumber(page, "field-diastolic", "90");
        var notes = new string('记', 2001);
        Type(page, "field-notes", notes);

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("结束时间不能早于开始时间。", HelperText(page, "field-ended")));
        Assert.Contains("记录内容最多 2000 个字。", HelperText(page, "field-notes"));
        Assert.Equal("2026-11-23T08:30", ValueOf(page, "field-started"));
        Assert.Equal("2026-11-23T08:00", ValueOf(page, "field-ended"));
        Assert.Equal(notes, page.Find("[data-testid=field-notes] textarea").TextContent);
        Assert.StartsWith("/visits/new", CurrentPath);
    }

    [Fact]
    public void A_valid_follow_up_is_saved_and_its_page_shows_the_classification()
    {
        SaveFollowUp(152, 86, "王老伯");

        using var db = Database.Context(UserScope.System);
        var visit = Assert.Single(db.Visits);
        Assert.Equal((152, 86, "王老伯"), (visit.Vitals!.Systolic!.Value, visit.Vitals.Diastolic!.Value, visit.SignedBy));
        Assert.StartsWith("控制不满意", visit.FormResult);

        var saved = Render<VisitEdit>(p => p.Add(x => x.Id, visit.Id)); // the popover provider is already there
        saved.WaitForAssertion(() => Assert.Contains("控制不满意；调整治疗，2周内随访", saved.Find("[data-testid=visit-result]").TextContent));
        Assert.Equal("152", saved.Find("[data-testid=field-systolic] input").GetAttribute("value"));
    }

    [Fact]
    public void The_resident_page_lists_the_visits_with_their_flags_and_offers_to_log_one()
    {
        SaveFollowUp(152, 86);

        var page = Render<ResidentPage>(p => p.Add(x => x.Id, _elder.Id));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=visit-row]")));
        var row = page.Find("[data-testid=visit-row]").TextContent;
        Assert.Contains("2026-11-23 08:00", row);
        Assert.Contains("慢病随访", row);
        Assert.Contains("赵护士", row);
        Assert.Contains("收缩压偏高（≥140 mmHg）", row);
        Assert.Contains("控制不满意", row);
        Assert.NotEmpty(page.FindAll("[data-testid=vitals-trend] svg"));
        Assert.Equal($"visits/new?residentId={_elder.Id}", page.Find("a[data-testid=record-visit]").GetAttribute("href"));
    }
}
