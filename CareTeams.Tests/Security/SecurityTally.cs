using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CareTeams.Tests.Security;

/// <summary>
/// Every attack the security suite makes is counted here, by category: how many were tried and how
/// many got through (which must be 0 — a test that finds one also fails). The totals are written when
/// the suite ends (<see cref="SecuritySuite"/>) and are the figures in docs/SECURITY.md.
/// </summary>
public static class SecurityTally
{
    public const string ByUrl = "其他团队/机构的记录（按网址打开页面）";
    public const string Downloads = "下载端点（其他团队的记录、未登录）";
    public const string CircuitEvents = "电路事件（服务调用：其他团队的记录）";
    public const string Lockout = "连续输错密码 5 次后登录";
    public const string SignedOut = "未登录访问页面与端点";
    public const string WrongRole = "无权限角色访问管理页面或团队页面";
    public const string Antiforgery = "无防伪令牌或他人令牌的表单提交";
    public const string Script = "姓名等字段中的脚本注入";
    public const string Formula = "工作簿中的公式注入";

    /// <summary>The categories in the order of the report.</summary>
    public static readonly IReadOnlyList<string> Categories = [ByUrl, Downloads, CircuitEvents, Lockout, SignedOut, WrongRole, Antiforgery, Script, Formula];

    private static readonly ConcurrentDictionary<string, Counts> Totals = new();
    private static readonly ConcurrentQueue<string> Breaches = new();

    private sealed class Counts
    {
        public int Tried;
        public int GotThrough;
    }

    /// <summary>
    /// Makes one attack: <paramref name="attempt"/> performs it and asserts that it was refused. An
    /// assertion failing (or anything throwing) counts as "got through" and fails the test.
    /// </summary>
    public static async Task AttemptAsync(string category, string what, Func<Task> attempt)
    {
        var counts = Totals.GetOrAdd(category, _ => new Counts());
        Interlocked.Increment(ref counts.Tried);
        try
        {
            await attempt();
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref counts.GotThrough);
            Breaches.Enqueue($"{category}: {what} — {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            throw;
        }
    }

    /// <summary>The synchronous form of <see cref="AttemptAsync"/>.</summary>
    public static void Attempt(string category, string what, Action attempt) =>
        AttemptAsync(category, what, () =>
        {
            attempt();
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();

    public static (int Tried, int GotThrough) CountsOf(string category) =>
        Totals.TryGetValue(category, out var c) ? (c.Tried, c.GotThrough) : (0, 0);

    /// <summary>The table written at the end of the run (Markdown, as in docs/SECURITY.md).</summary>
    public static string Report()
    {
        var text = new StringBuilder();
        text.AppendLine("Security suite — attempts tried / got through (must be 0):");
        text.AppendLine("| 类别 Category | 尝试 Tried | 得逞 Got through |");
        text.AppendLine("|---|---:|---:|");
        int tried = 0, through = 0;
        foreach (var category in Categories.Concat(Totals.Keys.Except(Categories).Order(StringComparer.Ordinal)))
        {
            var (t, g) = CountsOf(category);
            tried += t;
            through += g;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {category} | {t} | {g} |");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"| 合计 Total | {tried} | {through} |");
        foreach (var breach in Breaches)
            text.AppendLine("GOT THROUGH: " + breach);
        return text.ToString();
    }
}

/// <summary>
/// The security suite's classes share one running app and run one after another (they sign in, lock
/// accounts and count). When the last has run, the tally goes to the test output (a diagnostic
/// message, shown by `dotnet test`), to standard output and to security-tally.md beside the test binaries.
/// </summary>
public sealed class SecuritySuite(IMessageSink messages) : IDisposable
{
    public const string Name = "Security";

    public static string ReportFile => Path.Combine(AppContext.BaseDirectory, "security-tally.md");

    public void Dispose()
    {
        var report = SecurityTally.Report();
        File.WriteAllText(ReportFile, report);
        Console.WriteLine(report);
        messages.OnMessage(new DiagnosticMessage(report));
    }
}

[CollectionDefinition(SecuritySuite.Name)]
public sealed class SecurityCollection : ICollectionFixture<SecuritySuite>, ICollectionFixture<SecuredApp>;
