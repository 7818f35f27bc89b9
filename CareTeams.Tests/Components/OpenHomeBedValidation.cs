using Bunit;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Components.Pages.HomeBeds;
using CareTeams.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Tests.Components;

/// <summary>The admission form (建床): the server's messages in Chinese next to the fields and in a summary, and what was typed stays.</summary>
public sealed class OpenHomeBedValidation : MudBunitTest
{
    private readonly Resident _elder;

    public OpenHomeBedValidation()
    {
        var catalogue = County.AddContractCatalogue(Database);
        _elder = County.AddResident(Database, County.VillageA, "王老伯", new DateOnly(1950, 3, 1), Sex.Male);
        SignInAs(catalogue.DoctorOfTeamA);
    }

    /// <summary>A text field's input or textarea (MudTextField puts the test id on it, or on a wrapper).</summary>
    private static AngleSharp.Dom.IElement Field(IRenderedComponent<OpenHomeBed> page, string id) =>
        page.Find($"input[data-testid={id}], textarea[data-testid={id}], [data-testid={id}] input, [data-testid={id}] textarea");

    private static string HelperText(IRenderedComponent<OpenHomeBed> page, string id) =>
        Field(page, id).Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text")?.TextContent ?? "";

    [Fact]
    public void An_incomplete_form_shows_every_problem_in_Chinese_and_keeps_what_was_typed()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"home-beds/new?residentId={_elder.Id}");
        var page = RenderPage<OpenHomeBed>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=bed-save]")));
        // No contract yet: the page says so before anything is typed.
        Assert.Contains("没有有效的家庭医生签约协议", page.Find("[data-testid=bed-eligibility]").TextContent);

        Field(page, "bed-summary").Change("高血压病史20年。");
        Field(page, "bed-diagnosis-text").Change("原发性高血压");
        Field(page, "bed-diagnosis-icd").Change("X1");
        page.Find("[data-testid=bed-save]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=bed-form-errors]")));
        var summary = page.Find("[data-testid=bed-form-errors]").TextContent;
        foreach (var expected in new[] { "请填写建床指征。", "请填写入院评估。", "第 1 条诊断：", "请填写知情同意书签字人。", "请填写医嘱项目。" })
            Assert.Contains(expected, summary);
        Assert.DoesNotContain("请填写病情摘要", summary);
        Assert.Contains("请填写医嘱项目。", HelperText(page, "bed-order-item"));
        Assert.Contains("第 1 条诊断：", HelperText(page, "bed-diagnosis-icd"));
        var typed = Field(page, "bed-summary");
        Assert.Equal("高血压病史20年。", typed.GetAttribute("value") ?? typed.TextContent.Trim());
        Assert.Equal("原发性高血压", Field(page, "bed-diagnosis-text").GetAttribute("value"));

        using var db = Database.Context(UserScope.System);
        Assert.Empty(db.HomeBeds);
    }
}
