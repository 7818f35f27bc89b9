using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.HomeBeds;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Domain.Visits;
using CareTeams.Web.Data.Seeding;
using CareTeams.Web.Reports;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace CareTeams.Tests.Browser;

/// <summary>
/// What a person sees in a real browser: Debian's headless Chromium on the demo county. Each test is
/// a user's journey from the sign-in page; a failure saves a screenshot (see <see cref="BrowserSession.Run"/>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UserJourneys(DemoAppForBrowsers demo)
{
    private const string Team1 = "第一家庭医生团队";

    [Fact]
    public async Task A_nurse_signs_in_finds_a_resident_of_her_team_and_opens_the_record()
    {
        var (id, name, village) = await ResidentOfTeam1Async(withSignedContract: true);
        using var browser = BrowserSession.Start(demo.App, nameof(A_nurse_signs_in_finds_a_resident_of_her_team_and_opens_the_record));
        await browser.Run(() =>
        {
            browser.SignIn("nurse1", DemoSeeder.Password);
            browser.Open("residents");
            browser.Type("[data-testid='resident-search']", name);
            var row = browser.WaitForText("[data-testid='resident-grid'] tbody tr", name);
            Assert.Contains(village, row.Text);
            row.Click();

            browser.WaitUntil(() => browser.Driver.Url.EndsWith($"/residents/{id}", StringComparison.Ordinal), "the resident page to open");
            Assert.Equal(name, browser.Find("[data-testid='resident-name']").Text);
            Assert.Equal(village, browser.Find("[data-testid='resident-village']").Text);
            Assert.Equal(Team1, browser.Find("[data-testid='resident-team']").Text);
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task A_doctor_signs_a_contract_in_the_wizard_and_downloads_its_PDF()
    {
        var (id, name, _) = await ResidentOfTeam1Async(withSignedContract: false);
        using var browser = BrowserSession.Start(demo.App, nameof(A_doctor_signs_a_contract_in_the_wizard_and_downloads_its_PDF));
        await browser.Run(async () =>
        {
            browser.SignIn("doctor1", DemoSeeder.Password);
            browser.Open($"residents/{id}");
            browser.Click("[data-testid='sign-contract']");
            browser.Find("[data-testid='selected-resident']");
            Assert.Contains(name, browser.Find("[data-testid='selected-resident']").Text);

            browser.Click("[data-testid='wizard-next']");   // resident → packages (the basic package is chosen)
            browser.Find("[data-testid='package-choices']");
            browser.Click("[data-testid='wizard-next']");   // packages → fee, doctor and signatory
            browser.Find("[data-testid='fee-table']");
            browser.Click("[data-testid='wizard-next']");   // → confirm
            browser.Find("[data-testid='confirm-summary']");
            browser.Click("[data-testid='confirm-sign']");

            browser.WaitUntil(() => System.Text.RegularExpressions.Regex.IsMatch(browser.Driver.Url, @"/contracts/\d+$"), "the signed contract's page");
            Assert.Equal(ContractStatus.Signed.ChineseName(), browser.Find("[data-testid='contract-status']").Text);
            var number = browser.Find("[data-testid='contract-number']").Text;
            Assert.Contains(name, browser.Find("[data-testid='contract-resident']").Text);

            // The print button's link, fetched with the browser's own cookies: the PDF the doctor gets.
            var href = browser.Find("[data-testid='print-contract']").GetAttribute("href")!;
            using var http = browser.DownloadClient();
            using var response = await http.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
            var text = string.Concat(pdf.GetPages().Select(p => p.Text));
            Assert.Contains("家庭医生签约服务协议", text);
            Assert.Contains(name, text);
            Assert.Contains(number, text);
        });
    }

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_the_sign_in_page_and_a_wrong_password_is_told_in_Chinese()
    {
        using var browser = BrowserSession.Start(demo.App, nameof(A_signed_out_visitor_is_sent_to_the_sign_in_page_and_a_wrong_password_is_told_in_Chinese));
        await browser.Run(() =>
        {
            browser.Driver.Navigate().GoToUrl(new Uri(demo.App.BaseAddress, "residents"));
            browser.WaitUntil(() => browser.Driver.Url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase), "the sign-in page");
            browser.Find("#username").SendKeys("doctor2");
            browser.Find("#password").SendKeys("wrong-password");
            browser.Click("[data-testid='login-submit']");
            Assert.Contains("用户名或密码不正确", browser.Find("[data-testid='login-error']").Text);
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task A_nurse_opens_a_home_bed_through_the_admission_form_and_logs_a_nursing_visit_from_the_bed_page()
    {
        var (id, name) = await BedCandidateOfTeam1Async();
        var doctor = await StaffNameAsync("doctor1");
        var nurse = await StaffNameAsync("nurse1");
        using var browser = BrowserSession.Start(demo.App, nameof(A_nurse_opens_a_home_bed_through_the_admission_form_and_logs_a_nursing_visit_from_the_bed_page));
        await browser.Run(() =>
        {
            browser.SignIn("nurse1", DemoSeeder.Password);
            browser.Open($"home-beds/new?residentId={id}");
            browser.WaitForText("h5", name);
            Assert.Empty(browser.FindAll("[data-testid='bed-eligibility']"));

            browser.Type("[data-testid='bed-summary']", "高血压病史十年，近期血压波动，行动不便");
            browser.Type("[data-testid='bed-indications']", "慢性病需连续治疗，往返医院困难");
            browser.Type("[data-testid='bed-findings']", "神志清，双下肢轻度水肿，可在室内扶行");
            browser.Type("[data-testid='bed-diagnosis-text']", "高血压病");
            browser.Type("[data-testid='bed-diagnosis-icd']", "I10");
            browser.Choose("[data-testid='bed-doctor']", doctor);
            browser.Choose("[data-testid='bed-nurse']", nurse);
            browser.Type("[data-testid='bed-order-item']", "测量血压");
            browser.Choose("[data-testid='bed-order-unit']", FrequencyUnit.TimesPerDay.ChineseName());
            browser.Type("[data-testid='bed-order-count']", "1");
            browser.Type("[data-testid='bed-consent-by']", name);
            browser.Click("[data-testid='bed-save']");

            browser.WaitUntil(() => Regex.IsMatch(browser.Driver.Url, @"/home-beds/\d+$"), "the new bed's page");
            Assert.Equal(HomeBedStatus.Open.ChineseName(), browser.Find("[data-testid='bed-status']").Text);
            Assert.Equal("高血压病（I10）", browser.Find("[data-testid='bed-diagnoses']").Text);
            Assert.Contains("测量血压 · 每日1次", browser.Find("[data-testid='bed-orders']").Text);
            Assert.Contains(doctor, browser.BodyText);

            browser.Click("[data-testid='bed-log-nursing']");
            browser.Find(".mud-dialog [data-testid='visit-notes']");
            Assert.Contains("测量血压", browser.Find(".mud-dialog [data-testid='visit-order']").Text);
            browser.Type(".mud-dialog [data-testid='visit-systolic']", "138");
            browser.Type(".mud-dialog [data-testid='visit-diastolic']", "86");
            browser.Type(".mud-dialog [data-testid='visit-pulse']", "76");
            browser.Type(".mud-dialog [data-testid='visit-temperature']", "36.6");
            const string notes = "血压稍高，嘱低盐饮食，按时服药";
            browser.Type(".mud-dialog [data-testid='visit-notes']", notes);
            browser.Click(".mud-dialog [data-testid='visit-save']");

            var row = browser.WaitForText("[data-testid='bed-visits'] tbody tr", notes);
            Assert.Contains(VisitKind.NursingVisit.ChineseName(), row.Text);
            Assert.Contains("测量血压 · 每日1次", row.Text);
            Assert.Contains("138/86", row.Text);
            Assert.Contains("P76", row.Text);
            Assert.Contains(nurse, row.Text);
            Assert.Empty(browser.FindAll(".mud-dialog"));
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task A_doctor_records_an_integrated_care_visit_from_the_2111_worklist_and_the_item_shows_as_done()
    {
        var (itemId, title, name) = await OpenIntegratedCareItemOfTeam1Async();
        var doctor = await StaffNameAsync("doctor1");
        using var browser = BrowserSession.Start(demo.App, nameof(A_doctor_records_an_integrated_care_visit_from_the_2111_worklist_and_the_item_shows_as_done));
        await browser.Run(() =>
        {
            browser.SignIn("doctor1", DemoSeeder.Password);
            browser.Open("elder-care");
            browser.Click("[data-testid='state-AllOpen']");
            browser.Type("[data-testid='worklist-search']", name);
            Assert.EndsWith(PlanItemKind.IntegratedCare.ChineseName(), title);
            browser.WaitUntil(() => WorklistRow(browser, name, title) is not null, $"{name}'s {title} in the worklist");
            WorklistRow(browser, name, title)!.FindElement(OpenQA.Selenium.By.CssSelector("[data-testid='worklist-record']")).Click();

            browser.WaitUntil(() => browser.Driver.Url.EndsWith($"/elder-care/items/{itemId}", StringComparison.Ordinal), "the item's page");
            Assert.Equal(title, browser.Find("[data-testid='item-title']").Text);
            Assert.Equal(name, browser.Find("[data-testid='item-resident'] [data-testid='resident-name']").Text);
            browser.Type("[data-testid='vital-systolic']", "128");
            browser.Type("[data-testid='vital-diastolic']", "80");
            browser.Type("[data-testid='vital-pulse']", "72");
            browser.Type("[data-testid='vital-glucose']", "6.1");
            browser.Click("[data-testid='services'] button:nth-of-type(1)");   // 健康评估
            browser.Click("[data-testid='services'] button:nth-of-type(3)");   // 用药指导
            browser.WaitUntil(() => browser.FindAll("[data-testid='services'] button[aria-pressed='true']").Count == 2, "two services chosen");
            const string notes = "测血压血糖，讲解降压药服用时间";
            browser.Type("[data-testid='visit-notes']", notes);
            browser.Click("[data-testid='integrated-save']");

            // Saved: back to the worklist; the item, opened again, is done and shows what was recorded.
            browser.WaitUntil(() => browser.Driver.Url.EndsWith("/elder-care", StringComparison.Ordinal), "the worklist after saving");
            browser.Open($"elder-care/items/{itemId}");
            Assert.Equal(PlanItemState.Done.ChineseName(), browser.Find("[data-testid='item-state']").Text);
            browser.Find("[data-testid='item-read-only']");
            Assert.Empty(browser.FindAll("[data-testid='integrated-save']"));
            Assert.Contains("健康评估、用药指导", browser.Find("[data-testid='recorded-result']").Text);
            Assert.Contains("128/80", browser.Find("[data-testid='recorded-vitals']").Text);
            Assert.Contains("6.1", browser.Find("[data-testid='recorded-vitals']").Text);
            Assert.Equal(notes, browser.Find("[data-testid='recorded-notes']").Text);
            Assert.Equal(doctor, browser.Find("[data-testid='recorded-staff']").Text);
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task The_centre_manager_downloads_the_monthly_report_and_the_dashboard_shows_the_same_signed_figure()
    {
        using var browser = BrowserSession.Start(demo.App, nameof(The_centre_manager_downloads_the_monthly_report_and_the_dashboard_shows_the_same_signed_figure));
        await browser.Run(async () =>
        {
            browser.SignIn("manager", DemoSeeder.Password);
            browser.Open("reports");
            // The page offers last month, closed, by default.
            var first = Today.AddMonths(-1);
            var month = new ReportMonth(first.Year, first.Month);
            var href = browser.Find("[data-testid='download-report']").GetAttribute("href")!;
            Assert.Contains($"month={month.Text}", href);

            using var http = browser.DownloadClient();
            using var response = await http.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(MonthlyReportWorkbook.ContentType, response.Content.Headers.ContentType?.MediaType);
            using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
            Assert.Equal(["汇总", "团队", "村居", "2111", "家庭病床", "随访"], workbook.Worksheets.Select(w => w.Name).Take(6));
            var summary = workbook.Worksheet("汇总");
            var signedColumn = summary.Row(MonthlyReportWorkbook.HeaderRow).CellsUsed().Single(c => c.GetString() == "签约居民数").Address.ColumnNumber;
            var total = summary.RowsUsed().First(r => r.RowNumber() > MonthlyReportWorkbook.HeaderRow && r.Cell(1).GetString() == "合计");
            var signed = total.Cell(signedColumn).GetValue<int>();
            Assert.True(signed > 0, $"the demo centre has signed residents at the end of {month.Text}");

            // The dashboard, on the report's month, shows the same figure on its card.
            browser.Open("dashboard");
            browser.Find("[data-testid='card-signed-value']");
            browser.Choose("[data-testid='dashboard-month']", month.ChineseText);
            browser.WaitUntil(() => browser.Find("[data-testid='card-signed-value']").Text == signed.ToString("N0", CultureInfo.InvariantCulture),
                $"the dashboard's signed card to show {signed} for {month.Text}");
            foreach (var card in new[] { "new", "ended", "fulfilment", "plan2111", "visits", "beds" })
                Assert.False(string.IsNullOrWhiteSpace(browser.Find($"[data-testid='card-{card}-value']").Text), $"the {card} card has a figure");
        });
    }

    [Fact]
    public async Task A_doctor_logs_a_hypertension_follow_up_and_sees_it_on_the_resident_page()
    {
        var (id, name) = await HypertensiveResidentOfTeam1Async();
        var doctor = await StaffNameAsync("doctor1");
        using var browser = BrowserSession.Start(demo.App, nameof(A_doctor_logs_a_hypertension_follow_up_and_sees_it_on_the_resident_page));
        await browser.Run(() =>
        {
            browser.SignIn("doctor1", DemoSeeder.Password);
            browser.Open($"residents/{id}");
            browser.Click("[data-testid='record-visit']");
            browser.WaitUntil(() => browser.Driver.Url.EndsWith($"/visits/new?residentId={id}", StringComparison.Ordinal), "the visit form");
            browser.WaitForText("h5", name);
            Assert.Contains(VisitKind.ChronicFollowUp.ChineseName(), browser.Find("[data-testid='field-kind']").Text);
            browser.Choose("[data-testid='field-service']", ServiceKind.HypertensionFollowUp.ChineseName());
            browser.Type("[data-testid='field-systolic']", "128");
            browser.Type("[data-testid='field-diastolic']", "82");
            browser.Type("[data-testid='field-pulse']", "70");
            browser.Type("[data-testid='field-notes']", "血压控制可，继续原方案服药，低盐饮食");
            browser.Type("[data-testid='field-signed-by']", name);
            browser.Click("[data-testid='save-visit']");

            browser.WaitUntil(() => Regex.IsMatch(browser.Driver.Url, @"/visits/\d+$"), "the saved visit's page");
            var visitId = browser.Driver.Url[(browser.Driver.Url.LastIndexOf('/') + 1)..];
            Assert.Contains("控制满意", browser.Find("[data-testid='visit-result']").Text);

            browser.Open($"residents/{id}");
            var link = browser.Find($"[data-testid='visit-history'] [data-testid='visit-row'] a[href$='visits/{visitId}']");
            var row = link.FindElement(OpenQA.Selenium.By.XPath("./ancestor::tr[1]"));
            Assert.Contains($"{VisitKind.ChronicFollowUp.ChineseName()}（{VisitPlace.Home.ChineseName()}）", row.Text);
            Assert.Contains(ServiceKind.HypertensionFollowUp.ChineseName(), row.Text);
            Assert.Contains(doctor, row.Text);
            Assert.Contains("控制满意", row.Text);
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task A_doctor_refers_a_resident_up_by_the_green_channel_and_the_hospital_desk_receives_and_refers_back_down()
    {
        var (id, name) = await ReferralCandidateOfTeam1Async();
        const string hospital = "示范县人民医院";
        const string reason = "突发言语不清伴右侧肢体无力1小时，血压 178/104 mmHg";
        const string diagnosis = "急性脑卒中？";
        const string returnDiagnosis = "脑梗死（左侧基底节区）";
        const string nextPlan = "继续阿司匹林 100mg 每日一次；肢体康复训练，监测血压";
        using var doctor = BrowserSession.Start(demo.App, nameof(A_doctor_refers_a_resident_up_by_the_green_channel_and_the_hospital_desk_receives_and_refers_back_down) + "-doctor");
        using var desk = BrowserSession.Start(demo.App, nameof(A_doctor_refers_a_resident_up_by_the_green_channel_and_the_hospital_desk_receives_and_refers_back_down) + "-hospital");
        var upId = "";
        var township = "";

        // 1. The family doctor finds the resident, opens the record and refers up by the green channel.
        await doctor.Run(() =>
        {
            doctor.SignIn("doctor1", DemoSeeder.Password);
            doctor.Open("residents");
            doctor.Type("[data-testid='resident-search']", name);
            doctor.WaitForText("[data-testid='resident-grid'] tbody tr", name).Click();
            doctor.WaitUntil(() => doctor.Driver.Url.EndsWith($"/residents/{id}", StringComparison.Ordinal), "the resident page to open");
            doctor.Find("[data-testid='resident-referrals-empty']");
            doctor.Click("[data-testid='resident-refer']");

            doctor.WaitUntil(() => doctor.Driver.Url.EndsWith($"/referrals/new?residentId={id}", StringComparison.Ordinal), "the referral form");
            Assert.Contains(name, doctor.Find("[data-testid='resident-card']").Text);
            doctor.Choose("[data-testid='field-to']", hospital);
            doctor.ClickText("[data-testid='field-urgency'] label", "绿色通道");
            doctor.WaitUntil(() => Checked(doctor, "[data-testid='field-urgency'] label", "绿色通道"), "绿色通道 to be chosen");
            doctor.Type("[data-testid='field-reason']", reason);
            doctor.Type("[data-testid='field-diagnosis']", diagnosis);
            doctor.Click("[data-testid='send-referral']");

            doctor.WaitUntil(() => Regex.IsMatch(doctor.Driver.Url, @"/referrals/\d+$"), "the new referral's page");
            upId = doctor.Driver.Url[(doctor.Driver.Url.LastIndexOf('/') + 1)..];
            Assert.Equal("待接收", doctor.Find("[data-testid='referral-status']").Text);
            Assert.Equal("绿色通道", doctor.Find("[data-testid='referral-urgency']").Text);
            Assert.Contains(hospital, doctor.Find("[data-testid='referral-to']").Text);
            township = doctor.Find("[data-testid='referral-from']").Text.Split('（')[0];
            return Task.CompletedTask;
        });

        // 2. The hospital's referral desk: only its two menu items; the green channel heads the incoming list.
        var downHref = "";
        await desk.Run(() =>
        {
            desk.SignIn("hospital1", DemoSeeder.Password);
            desk.WaitUntil(() => MenuItems(desk).SequenceEqual(["工作台", "双向转诊"]), "a menu of 工作台 and 双向转诊 only");
            desk.ClickText(".mud-nav-link", "双向转诊");
            desk.WaitUntil(() => desk.Driver.Url.EndsWith("/referrals", StringComparison.Ordinal), "the referral list");
            desk.ClickText(".mud-tab", "接收");
            desk.Find("[data-testid='referral-list'] tbody tr");
            Assert.Contains("绿色通道", desk.FindAll("[data-testid='referral-list'] tbody tr")[0].Text);
            var row = desk.WaitForText("[data-testid='referral-list'] tbody tr", name);
            Assert.Contains("绿色通道", row.Text);
            Assert.Contains("待接收", row.Text);
            row.FindElement(OpenQA.Selenium.By.CssSelector("[data-testid='referral-row'] a")).Click();

            desk.WaitUntil(() => desk.Driver.Url.EndsWith($"/referrals/{upId}", StringComparison.Ordinal), "the referral's page");
            var resident = desk.Find("[data-testid='referral-resident-name']");
            Assert.Equal(name, resident.Text);
            Assert.Empty(resident.FindElements(OpenQA.Selenium.By.TagName("a")));   // no way into the register
            Assert.Equal(reason, desk.Find("[data-testid='referral-reason']").Text);
            desk.Click("[data-testid='referral-accept']");
            desk.WaitForText("[data-testid='referral-status']", "已接收");
            desk.Click("[data-testid='referral-arrived']");
            desk.WaitForText("[data-testid='referral-status']", "已到达");
            desk.Click("[data-testid='referral-answer']");

            // The return form comes prefilled: the resident, the diagnosis, back to the township centre, a down-referral.
            desk.WaitUntil(() => desk.Driver.Url.EndsWith($"/referrals/new?answers={upId}", StringComparison.Ordinal), "the return form");
            Assert.Contains(name, desk.Find("[data-testid='resident-card']").Text);
            Assert.Equal(diagnosis, desk.Find("[data-testid='field-diagnosis'] input").GetAttribute("value"));
            Assert.Contains(township, desk.Find("[data-testid='field-to']").Text);
            Assert.True(Checked(desk, "[data-testid='field-direction'] label", "下转"), "下转 is chosen");
            desk.Type("[data-testid='field-reason']", "病情稳定，转回社区继续康复治疗");   // the form requires a reason in both directions
            desk.Type("[data-testid='field-return-diagnosis']", returnDiagnosis);
            desk.Type("[data-testid='field-return-plan']", nextPlan);
            desk.ClickText("[data-testid='field-home-bed'] label", "建议家庭病床");
            desk.WaitUntil(() => Checked(desk, "[data-testid='field-home-bed'] label", "建议家庭病床"), "建议家庭病床 to be ticked");
            desk.Click("[data-testid='send-referral']");

            desk.WaitUntil(() => Regex.IsMatch(desk.Driver.Url, @"/referrals/\d+$") && !desk.Driver.Url.EndsWith($"/referrals/{upId}", StringComparison.Ordinal),
                "the down-referral's page");
            desk.WaitForText("[data-testid='referral-title']", "下转");
            Assert.Equal(returnDiagnosis, desk.Find("[data-testid='referral-return-diagnosis']").Text);
            Assert.Equal(nextPlan, desk.Find("[data-testid='referral-return-plan']").Text);
            desk.Find("[data-testid='referral-answers']");
            downHref = desk.Find("[data-testid='referral-print']").GetAttribute("href")!;

            desk.Open($"referrals/{upId}");
            Assert.Equal("已回转", desk.Find("[data-testid='referral-status']").Text);
            desk.Find("[data-testid='referral-returned-by']");

            // Typing the register's address does not open the resident's record either.
            desk.Open($"residents/{id}");
            desk.Find("[data-testid='resident-not-found']");
            Assert.DoesNotContain(name, desk.BodyText);
            return Task.CompletedTask;
        });

        // 3. The down-referral's slip, as the desk downloads it.
        await desk.Run(async () =>
        {
            using var http = desk.DownloadClient();
            using var response = await http.GetAsync(downHref);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
            var text = string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal);
            Assert.Contains("双向转诊（回转）单", text);
            Assert.Contains(name, text);
        });

        // 4. Back at the team: the resident is to be followed up, and the record lists both referrals.
        await doctor.Run(() =>
        {
            doctor.Open("referrals");
            doctor.WaitForText("[data-testid='referral-follow-ups'] [data-testid='referral-follow-up']", name);
            doctor.Open($"residents/{id}");
            doctor.WaitUntil(() => doctor.FindAll("[data-testid='resident-referral']").Count == 2, "the resident's two referrals");
            var rows = doctor.FindAll("[data-testid='resident-referral']").Select(r => r.Text).ToList();
            Assert.Contains(rows, r => r.Contains("下转", StringComparison.Ordinal) && r.Contains(diagnosis, StringComparison.Ordinal));
            Assert.Contains(rows, r => r.Contains("上转", StringComparison.Ordinal) && r.Contains("绿色通道", StringComparison.Ordinal) && r.Contains("已回转", StringComparison.Ordinal));
            return Task.CompletedTask;
        });
    }

    /// <summary>Whether the radio or checkbox whose label holds <paramref name="text"/> is checked.</summary>
    private static bool Checked(BrowserSession browser, string labels, string text) =>
        browser.FindAll(labels).Where(l => l.Text.Contains(text, StringComparison.Ordinal))
            .SelectMany(l => l.FindElements(OpenQA.Selenium.By.CssSelector("input"))).Any(i => i.Selected);

    /// <summary>The menu's items as the user reads them.</summary>
    private static List<string> MenuItems(BrowserSession browser) =>
        browser.FindAll(".mud-navmenu .mud-nav-link").Select(l => l.Text.Trim()).Where(t => t.Length > 0).ToList();

    private static OpenQA.Selenium.IWebElement? WorklistRow(BrowserSession browser, string name, string title) =>
        browser.FindAll("[data-testid='worklist-row']").FirstOrDefault(r =>
            r.FindElement(OpenQA.Selenium.By.CssSelector("td a")).Text == name
            && r.FindElement(OpenQA.Selenium.By.CssSelector("[data-testid='worklist-item']")).Text == title);

    private DateOnly Today => demo.App.Services.GetRequiredService<IClock>().Today;

    private async Task<string> StaffNameAsync(string userName)
    {
        await using var db = demo.App.SystemContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.DisplayName).SingleAsync();
    }

    /// <summary>Residents of team 1 whose name no other resident of the team shares (a search finds exactly one).</summary>
    private static IQueryable<Resident> UniquelyNamedOfTeam1(Web.Data.CareTeamsDbContext db)
    {
        var team = db.Teams.Where(t => t.Name == Team1).Select(t => t.Id);
        var unique = db.Residents.Where(r => team.Contains(r.TeamId!.Value)).GroupBy(r => r.Name).Where(g => g.Count() == 1).Select(g => g.Key);
        return db.Residents.Where(r => team.Contains(r.TeamId!.Value) && r.Status == ResidentStatus.Active && unique.Contains(r.Name));
    }

    /// <summary>A resident of team 1 the demo never referred (from the far end of the list, away from the other journeys' picks).</summary>
    private async Task<(int Id, string Name)> ReferralCandidateOfTeam1Async()
    {
        await using var db = demo.App.SystemContext();
        var referred = db.Referrals.IgnoreAutoIncludes().Select(r => r.ResidentId);
        var pick = await UniquelyNamedOfTeam1(db).Where(r => !referred.Contains(r.Id))
            .OrderByDescending(r => r.Id).Select(r => new { r.Id, r.Name }).FirstAsync();
        return (pick.Id, pick.Name);
    }

    /// <summary>One eligible for a home bed today: active, 60 or older, a signed contract in force, no open bed.</summary>
    private async Task<(int Id, string Name)> BedCandidateOfTeam1Async()
    {
        var today = Today;
        await using var db = demo.App.SystemContext();
        var signed = db.Contracts.IgnoreAutoIncludes()
            .Where(c => c.Status == ContractStatus.Signed && c.Term.Start <= today && (c.ExtendedUntil ?? c.Term.End) >= today).Select(c => c.ResidentId);
        var bedded = db.HomeBeds.IgnoreAutoIncludes().Where(b => b.Status != HomeBedStatus.Closed).Select(b => b.ResidentId);
        var bornBy = today.AddYears(-61);
        var pick = await UniquelyNamedOfTeam1(db).Where(r => r.DateOfBirth <= bornBy && signed.Contains(r.Id) && !bedded.Contains(r.Id))
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.Name }).FirstAsync();
        return (pick.Id, pick.Name);
    }

    /// <summary>An integrated care service of this year's plan of a resident of team 1 that is open and may be recorded today.</summary>
    private async Task<(int ItemId, string Title, string Name)> OpenIntegratedCareItemOfTeam1Async()
    {
        var today = Today;
        await using var db = demo.App.SystemContext();
        var residents = UniquelyNamedOfTeam1(db);
        var plans = db.ElderPlans.Where(p => p.Year == today.Year && p.StartsOn <= today && residents.Any(r => r.Id == p.ResidentId));
        var pick = await db.Set<PlanItem>().AsNoTracking()
            .Where(i => i.Kind == PlanItemKind.IntegratedCare && i.Status == PlanItemStatus.Open && i.Earliest <= today)
            .Join(plans, i => i.ElderPlan2111Id, p => p.Id, (i, p) => new { Item = i, p.ResidentId })
            .OrderBy(x => x.Item.Id).FirstAsync();
        var name = await db.Residents.Where(r => r.Id == pick.ResidentId).Select(r => r.Name).SingleAsync();
        return (pick.Item.Id, pick.Item.Title, name);
    }

    /// <summary>A resident of team 1 managed for hypertension (and not diabetes, so that the follow-up is for the one condition).</summary>
    private async Task<(int Id, string Name)> HypertensiveResidentOfTeam1Async()
    {
        await using var db = demo.App.SystemContext();
        var candidates = await UniquelyNamedOfTeam1(db).OrderBy(r => r.Id).Select(r => new { r.Id, r.Name, r.Tags }).ToListAsync();
        var pick = candidates.First(r => r.Tags.HasFlag(KeyPopulation.Hypertension) && !r.Tags.HasFlag(KeyPopulation.Type2Diabetes));
        return (pick.Id, pick.Name);
    }

    private async Task<(int Id, string Name, string Village)> ResidentOfTeam1Async(bool withSignedContract)
    {
        await using var db = demo.App.SystemContext();
        var team = await db.Teams.SingleAsync(t => t.Name == Team1);
        var signed = db.Contracts.IgnoreAutoIncludes().Where(c => c.Status == ContractStatus.Signed).Select(c => c.ResidentId);
        var query = db.Residents.Where(r => r.TeamId == team.Id && r.Status == CareTeams.Domain.Residents.ResidentStatus.Active && r.DateOfBirth < new DateOnly(2000, 1, 1));
        query = withSignedContract ? query.Where(r => signed.Contains(r.Id)) : query.Where(r => !signed.Contains(r.Id));
        // A name no other resident of the team shares, so a search finds exactly this one.
        var candidates = await query.OrderBy(r => r.Id).Select(r => new { r.Id, r.Name, r.VillageId }).Take(50).ToListAsync();
        var names = await db.Residents.Where(r => r.TeamId == team.Id).GroupBy(r => r.Name).Where(g => g.Count() == 1).Select(g => g.Key).ToListAsync();
        var pick = candidates.First(c => names.Contains(c.Name));
        var village = await db.Villages.Where(v => v.Id == pick.VillageId).Select(v => v.Name).SingleAsync();
        return (pick.Id, pick.Name, village);
    }
}
