using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using Bunit;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Referrals;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Components;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Components.Pages.Contracts;
using CareTeams.Web.Components.Pages.ElderCare;
using CareTeams.Web.Components.Pages.HomeBeds;
using CareTeams.Web.Components.Pages.Referrals;
using CareTeams.Web.Components.Pages.Residents;
using CareTeams.Web.Components.Pages.Visits;
using CareTeams.Web.Data;
using CareTeams.Web.Documents.Contracts;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace CareTeams.Tests.Security;

/// <summary>
/// Script typed into a resident's name and other free text. The forms refuse angle brackets in names and
/// addresses; text that gets in anyway (an old import: written here straight into the table) or through
/// fields that take any text (a household's address, a guardian's name) is shown as text on every page
/// that lists or opens it — never as an element or an event handler — and literally in the contract PDF.
/// </summary>
[Collection(SecuritySuite.Name)]
public sealed class ScriptInjection : MudBunitTest
{
    public static readonly IReadOnlyList<string> Payloads =
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg onload=alert(1)>",
    ];

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ContractCatalogue _catalogue;
    private readonly List<(string Payload, int ResidentId, int HouseholdId, int ContractId)> _stored = [];

    /// <summary>Each payload resident's home bed, logged visit and 2111 physical exam item (pages that show the name).</summary>
    private readonly List<(int BedId, int VisitId, int PlanItemId)> _care = [];

    /// <summary>Each payload resident's down-referral from the county hospital to the team's township, the payload in every free-text field.</summary>
    private readonly List<int> _referrals = [];

    public ScriptInjection()
    {
        _catalogue = County.AddContractCatalogue(Database);
        var doctor = _catalogue.DoctorOfTeamA;
        var residents = Database.Service<ResidentDirectory>(doctor);
        var contracts = Database.Service<ContractService>(doctor);
        var today = Database.Clock.Today;
        for (var i = 0; i < Payloads.Count; i++)
        {
            var payload = Payloads[i];
            var resident = County.AddResident(Database, County.VillageA, "占位" + "甲乙丙"[i], new DateOnly(1950 + i, 3, 1));
            using (var db = Database.Context(UserScope.System))
                // As an old import would have it: past the form's rules, straight into the table.
                db.Database.ExecuteSql($"UPDATE Residents SET Name = {payload} WHERE Id = {resident.Id}");
            var joined = residents.JoinHouseholdAsync(resident.Id, resident.Version, null, payload, asHead: true).GetAwaiter().GetResult();
            Assert.True(joined.Succeeded, joined.Summary);
            var signed = contracts.SignAsync(_catalogue.Input(resident, _catalogue.DoctorA, today, _catalogue.Basic) with
            {
                GuardianName = payload, GuardianRelation = "子女", GuardianPhone = "13900001111",
            }).GetAwaiter().GetResult();
            Assert.True(signed.Succeeded, signed.Summary);
            using var check = Database.Context(UserScope.System);
            var stored = check.Residents.Single(r => r.Id == resident.Id);
            _stored.Add((payload, resident.Id, stored.HouseholdId!.Value, signed.Id!.Value));
            // Over 60 with a signed contract: a home bed, a visit and this year's 2111 plan, as TeamRecords makes them.
            var bed = TeamRecords.OpenBed(stored, check.Staff.Single(s => s.Id == _catalogue.DoctorA.Id), check.Staff.Single(s => s.Id == _catalogue.NurseA.Id), today);
            var visit = TeamRecords.RecordVisit(stored, check.Staff.Single(s => s.Id == _catalogue.DoctorA.Id), today);
            var plan = ElderPlan2111.Create(stored, today.Year, new DateOnly(today.Year, 1, 1), new VisitMonths(1, 7));
            check.AddRange(bed, visit, plan);
            check.SaveChanges();
            _care.Add((bed.Id, visit.Id, plan.Item(PlanItemKind.PhysicalExam).Id));
        }
        // The hospital's desk names each resident by ID number and writes the payload into every text of the slip and the return form.
        var alliance = ReferralAlliance.Create(Database, County);
        var hospital = Database.Service<ReferralService>(alliance.HospitalDesk);
        foreach (var (payload, residentId, _, _) in _stored)
        {
            using var db = Database.Context(UserScope.System);
            var idNumber = db.Residents.Single(r => r.Id == residentId).IdNumber;
            var form = new ReferralForm(ReferralDirection.Down, ReferralUrgency.Routine, payload, payload, "I10", payload, payload,
                [new AttachmentInput(payload, payload)], new ReturnForm(payload, payload, payload, payload, payload, payload));
            var sent = hospital.RequestAsync(new ReferralInput(null, idNumber, alliance.Hospital.Id, alliance.Township.Id, form)).GetAwaiter().GetResult();
            Assert.True(sent.Succeeded, sent.Summary);
            _referrals.Add(sent.Id!.Value);
        }
        SignInAs(doctor);
        Services.AddSingleton(contracts);
    }

    /// <summary>The payload is in the page as text, and the page has no element or handler that came from it.</summary>
    private static void AssertShownAsText(string markup, string payload)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(markup);
        Assert.Contains(payload, document.Body!.TextContent + string.Concat(document.QuerySelectorAll("input, textarea").Select(e => e.GetAttribute("value"))),
            StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("script, svg[onload], img[src=x]"));
        var handlers = document.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).Select(a => a.Name);
        Assert.Empty(handlers);
    }

    [Fact]
    public async Task The_forms_refuse_script_in_a_name_or_an_address()
    {
        var residents = Database.Service<ResidentDirectory>(_catalogue.DoctorOfTeamA);
        var sequence = 300;
        foreach (var payload in Payloads)
        {
            foreach (var (field, input) in new[]
                     {
                         ("姓名", ResidentInputs.Valid(payload, new DateOnly(1970, 1, 1), Sex.Male, ++sequence)),
                         ("住址", ResidentInputs.Valid("王五", new DateOnly(1970, 1, 1), Sex.Male, ++sequence, address: payload)),
                     })
            {
                await SecurityTally.AttemptAsync(SecurityTally.Script, $"居民表单{field}：{payload}", async () =>
                {
                    var result = await residents.RegisterAsync(input, County.VillageA.Id);
                    Assert.False(result.Succeeded);
                    await using var db = Database.Context(UserScope.System);
                    Assert.False(await db.Residents.AnyAsync(r => r.IdNumber == input.IdNumber));
                });
            }
        }
    }

    [Fact]
    public void Every_page_showing_the_resident_shows_the_script_as_text()
    {
        var list = RenderPage<ResidentList>();
        list.WaitForAssertion(() => Assert.Contains(Payloads[0], WebUtility.HtmlDecode(list.Markup), StringComparison.Ordinal), Patience);
        foreach (var ((payload, residentId, householdId, contractId), (bedId, visitId, planItemId)) in _stored.Zip(_care))
        {
            SecurityTally.Attempt(SecurityTally.Script, $"居民列表：{payload}", () => AssertShownAsText(list.Markup, payload));
            foreach (var (name, page, parameter, id) in new (string, Type, string, int)[]
                     {
                         ("居民档案", typeof(ResidentPage), "Id", residentId),
                         ("家庭户", typeof(HouseholdPage), "Id", householdId),
                         ("签约协议", typeof(ContractPage), "Id", contractId),
                         ("家庭病床", typeof(HomeBedPage), "Id", bedId),
                         ("上门服务记录", typeof(VisitEdit), "Id", visitId),
                         ("2111 服务项目", typeof(ElderCareItemPage), "ItemId", planItemId),
                     })
            {
                SecurityTally.Attempt(SecurityTally.Script, $"{name}页面：{payload}", () =>
                {
                    var rendered = RenderPage(page, parameter, id);
                    rendered.WaitForAssertion(() => Assert.Contains(payload, WebUtility.HtmlDecode(rendered.Markup), StringComparison.Ordinal), Patience);
                    AssertShownAsText(rendered.Markup, payload);
                });
            }
        }
        // The team's referral list (incoming: the down-referrals to its township) and each referral's page.
        var referrals = RenderPage<ReferralList>();
        referrals.WaitForAssertion(() => Assert.Contains(Payloads[0], WebUtility.HtmlDecode(referrals.Markup), StringComparison.Ordinal), Patience);
        foreach (var ((payload, _, _, _), referralId) in _stored.Zip(_referrals))
        {
            SecurityTally.Attempt(SecurityTally.Script, $"转诊列表：{payload}", () => AssertShownAsText(referrals.Markup, payload));
            SecurityTally.Attempt(SecurityTally.Script, $"双向转诊页面：{payload}", () =>
            {
                var rendered = RenderPage(typeof(ReferralPage), nameof(ReferralPage.Id), referralId);
                rendered.WaitForAssertion(() => Assert.Single(rendered.FindAll("[data-testid=referral-attachment]")), Patience);
                // The resident's name, the reason, the diagnosis, the history, the treatment, the attachment and the return form.
                var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(rendered.Markup);
                Assert.Contains(payload, document.QuerySelector("[data-testid=referral-title]")!.TextContent, StringComparison.Ordinal);
                foreach (var field in new[] { "referral-reason", "referral-attachment", "referral-return-diagnosis" })
                    Assert.Equal(payload, document.QuerySelector($"[data-testid={field}]")!.TextContent);
                AssertShownAsText(rendered.Markup, payload);
            });
        }
        var contracts = RenderPage<ContractList>();
        contracts.WaitForAssertion(() => Assert.Contains(Payloads[0], WebUtility.HtmlDecode(contracts.Markup), StringComparison.Ordinal), Patience);
        foreach (var (payload, _, _, _) in _stored)
            SecurityTally.Attempt(SecurityTally.Script, $"签约列表：{payload}", () => AssertShownAsText(contracts.Markup, payload));
    }

    /// <summary>The PDF prints the payload as text (read back with PdfPig) and has no script or open action.</summary>
    private static void AssertPdfShowsLiterally(byte[] bytes, string payload)
    {
        using var document = PdfDocument.Open(bytes);
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        // PdfPig reads a line's glyphs without the spaces between words.
        Assert.Contains(payload.Replace(" ", "", StringComparison.Ordinal), text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var raw = Encoding.Latin1.GetString(bytes);
        Assert.DoesNotContain("/JavaScript", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("/JS", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("/OpenAction", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_contract_PDF_prints_the_script_literally_and_carries_no_script()
    {
        var pdf = Database.Service<ContractPdf>(_catalogue.DoctorOfTeamA);
        foreach (var (payload, _, _, contractId) in _stored)
        {
            await SecurityTally.AttemptAsync(SecurityTally.Script, $"签约协议 PDF：{payload}", async () =>
            {
                var (bytes, _) = await pdf.RenderAsync(contractId) ?? throw new InvalidOperationException("not found");
                AssertPdfShowsLiterally(bytes, payload);
            });
        }
    }

    [Fact]
    public async Task The_referral_slip_prints_the_script_literally_and_carries_no_script()
    {
        var pdf = Database.Service<CareTeams.Web.Documents.Referrals.ReferralSlipPdf>(_catalogue.DoctorOfTeamA);
        foreach (var ((payload, _, _, _), referralId) in _stored.Zip(_referrals))
        {
            await SecurityTally.AttemptAsync(SecurityTally.Script, $"双向转诊单 PDF：{payload}", async () =>
            {
                var (bytes, _) = await pdf.RenderAsync(referralId) ?? throw new InvalidOperationException("not found");
                AssertPdfShowsLiterally(bytes, payload);
            });
        }
    }

    [Fact]
    public void The_audit_rows_keep_the_script_as_data()
    {
        using var db = Database.Context(UserScope.System);
        foreach (var (payload, _, householdId, contractId) in _stored)
        {
            SecurityTally.Attempt(SecurityTally.Script, $"审计记录：{payload}", () =>
            {
                var key = householdId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var created = db.AuditEntries.Single(a => a.EntityType == "Household" && a.EntityKey == key && a.Action == AuditAction.Created);
                using var changes = JsonDocument.Parse(created.Changes!);
                Assert.Equal(payload, changes.RootElement.GetProperty("Address").GetString());
                Assert.Equal("doctor-a", created.UserName);
            });
        }
    }
}
