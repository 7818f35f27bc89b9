using Bunit;
using CareTeams.Domain.Residents;
using CareTeams.Web.Components.Pages.Residents;
using CareTeams.Web.Security;
using CareTeams.Web.Services;

namespace CareTeams.Tests.Components;

public sealed class ResidentEditValidation : MudBunitTest
{
    private static readonly string ValidId = ResidentIdNumber.Compose("330122", new DateOnly(1985, 6, 15), 124).Value;

    /// <summary>The same number with any other final character: only the check digit is wrong.</summary>
    private static readonly string WrongCheckDigit = ValidId[..17] + (ValidId[17] == '0' ? '1' : '0');

    public ResidentEditValidation() => SignInAs(County.NurseOfTeamA);

    [Fact]
    public void A_wrong_check_digit_is_reported_next_to_the_ID_field_and_the_typed_values_stay()
    {
        var page = OpenNewResidentForm();

        Type(page, "field-name", "赵六");
        page.Find("[data-testid=field-id-number] input").Input(WrongCheckDigit);
        Type(page, "field-phone", "139 1234 5678");
        Type(page, "field-address", "东村8号");
        page.Find("form").Submit();

        page.WaitForAssertion(() =>
            Assert.Contains("身份证号码校验位不正确", page.Find("[data-testid=field-id-number] .mud-input-helper-text").TextContent));
        Assert.Contains("mud-input-error", page.Find("[data-testid=field-id-number] .mud-input-control").ClassName);
        Assert.Equal("赵六", ValueOf(page, "field-name"));
        Assert.Equal(WrongCheckDigit, ValueOf(page, "field-id-number"));
        Assert.Equal("139 1234 5678", ValueOf(page, "field-phone"));
        Assert.Equal("东村8号", ValueOf(page, "field-address"));
        Assert.Empty(page.FindAll("[data-testid=field-name] .mud-input-error"));
        Assert.Equal("/", CurrentPath); // not sent anywhere: the form stays

        using var db = Database.Context(UserScope.System);
        Assert.False(db.Residents.Any(r => r.Name == "赵六"));
    }

    [Fact]
    public void A_valid_number_fills_in_sex_and_date_of_birth()
    {
        var page = OpenNewResidentForm();

        page.Find("[data-testid=field-id-number] input").Input(ValidId);

        page.WaitForAssertion(() =>
            Assert.Contains("已从身份证号码读出：女，1985-06-15 出生", page.Find("[data-testid=field-id-number]").TextContent));
        Assert.NotNull(page.Find("[data-testid=field-sex] input[type=radio][checked]"));
        Assert.Contains("1985", ValueOf(page, "field-date-of-birth"));
    }

    [Fact]
    public void A_valid_form_creates_the_resident_and_opens_the_residents_page()
    {
        var page = OpenNewResidentForm();
        Type(page, "field-name", "赵六");
        page.Find("[data-testid=field-id-number] input").Input(WrongCheckDigit);
        Type(page, "field-phone", "13912345678");
        Type(page, "field-address", "东村8号");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=field-id-number] .mud-input-error")));

        page.Find("[data-testid=field-id-number] input").Input(ValidId.ToLowerInvariant());
        page.Find("input[data-testid=tag-Hypertension]").Change(true);
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Matches(@"^/residents/\d+$", CurrentPath));
        using var db = Database.Context(UserScope.System);
        var saved = Assert.Single(db.Residents.Where(r => r.IdNumber == ValidId));
        Assert.Equal("赵六", saved.Name);
        Assert.Equal(Sex.Female, saved.Sex);
        Assert.Equal(new DateOnly(1985, 6, 15), saved.DateOfBirth);
        Assert.Equal("13912345678", saved.Phone);
        Assert.Equal("东村8号", saved.Address);
        Assert.Equal(County.VillageA.Id, saved.VillageId);
        Assert.Equal(County.TeamA.Id, saved.TeamId);
        Assert.Equal(KeyPopulation.Hypertension, saved.Tags);
        Assert.Equal($"/residents/{saved.Id}", CurrentPath);
    }

    [Fact]
    public void A_sex_that_disagrees_with_the_number_is_refused_by_the_server()
    {
        var page = OpenNewResidentForm();
        Type(page, "field-name", "赵六");
        page.Find("[data-testid=field-id-number] input").Input(ValidId);
        Type(page, "field-phone", "13912345678");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=field-sex] input[type=radio][checked]")));

        // The number says female; the user picks male.
        page.FindAll("[data-testid=field-sex] input[type=radio]")[0].Click();
        page.WaitForAssertion(() => Assert.Contains("与身份证号码不符", page.Find("[data-testid=field-sex]").TextContent));
        page.Find("form").Submit();

        page.WaitForAssertion(() =>
            Assert.Contains("性别与身份证号码不符：号码显示为女性。", page.Find("[data-testid=field-sex] .mud-input-helper-text").TextContent));
        using var db = Database.Context(UserScope.System);
        Assert.False(db.Residents.Any(r => r.IdNumber == ValidId));
    }

    [Fact]
    public async Task A_conflict_keeps_the_users_input_shows_the_other_change_and_can_save_over_it()
    {
        var resident = County.AddResident(Database, County.VillageA, "张三", new DateOnly(1950, 3, 1), Sex.Male);
        var page = RenderPage<ResidentEdit>(p => p.Add(x => x.Id, resident.Id));
        page.WaitForElement("[data-testid=field-name] input");

        // Someone else saves a new phone number after the form was loaded.
        var other = await Database.Service<ResidentDirectory>(County.Manager).UpdateAsync(resident.Id, resident.Version,
            new ResidentInput { Name = resident.Name, IdNumber = resident.IdNumber, Phone = "13700137000", Address = resident.Address },
            County.VillageA.Id);
        Assert.True(other.Succeeded, other.Summary);

        Type(page, "field-address", "东村9号");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains(SaveResult.ConflictMessage, page.Find("[data-testid=edit-conflict]").TextContent));
        Assert.Equal("东村9号", ValueOf(page, "field-address"));
        Assert.Equal("13800138000", ValueOf(page, "field-phone"));
        var conflict = page.Find("[data-testid=edit-conflict]").TextContent;
        Assert.Contains("13700137000", conflict);
        Assert.Contains("东村9号", conflict);
        using (var db = Database.Context(UserScope.System))
            Assert.Equal("东村1号", db.Residents.Single(r => r.Id == resident.Id).Address);

        page.Find("[data-testid=overwrite]").Click();

        page.WaitForAssertion(() => Assert.Equal($"/residents/{resident.Id}", CurrentPath));
        using var after = Database.Context(UserScope.System);
        var saved = after.Residents.Single(r => r.Id == resident.Id);
        Assert.Equal("东村9号", saved.Address);
        Assert.Equal("13800138000", saved.Phone);
    }

    [Fact]
    public async Task Loading_the_latest_after_a_conflict_replaces_the_form_only_when_asked()
    {
        var resident = County.AddResident(Database, County.VillageA, "张三", new DateOnly(1950, 3, 1), Sex.Male);
        var page = RenderPage<ResidentEdit>(p => p.Add(x => x.Id, resident.Id));
        page.WaitForElement("[data-testid=field-name] input");
        var other = await Database.Service<ResidentDirectory>(County.Manager).UpdateAsync(resident.Id, resident.Version,
            new ResidentInput { Name = resident.Name, IdNumber = resident.IdNumber, Phone = "13700137000", Address = resident.Address },
            County.VillageA.Id);
        Assert.True(other.Succeeded, other.Summary);
        Type(page, "field-address", "东村9号");
        page.Find("form").Submit();
        page.WaitForElement("[data-testid=edit-conflict]");

        page.Find("[data-testid=load-latest]").Click();

        page.WaitForAssertion(() => Assert.Equal("13700137000", ValueOf(page, "field-phone")));
        Assert.Equal("东村1号", ValueOf(page, "field-address"));
        Assert.Empty(page.FindAll("[data-testid=edit-conflict]"));
    }

    private IRenderedComponent<ResidentEdit> OpenNewResidentForm()
    {
        var page = RenderPage<ResidentEdit>();
        page.WaitForElement("[data-testid=field-name] input");
        return page;
    }

    private static void Type(IRenderedComponent<ResidentEdit> page, string field, string text) =>
        page.Find($"[data-testid={field}] input").Change(text);

    private static string? ValueOf(IRenderedComponent<ResidentEdit> page, string field) =>
        page.Find($"[data-testid={field}] input").GetAttribute("value");
}
