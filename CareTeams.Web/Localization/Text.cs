using System.Globalization;

namespace CareTeams.Web.Localization;

/// <summary>
/// The UI speaks Simplified Chinese first and English second. Each string is written once, both
/// languages side by side where it is used: <c>@T("居民", "Residents")</c>.
/// </summary>
public static class Text
{
    public const string Chinese = "zh-CN";
    public const string English = "en-US";
    public static readonly string[] Cultures = [Chinese, English];

    public static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    public static string T(string chinese, string english) => IsChinese ? chinese : english;
}
