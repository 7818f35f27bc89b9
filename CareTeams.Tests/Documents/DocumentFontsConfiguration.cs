using CareTeams.Web.Documents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Tests.Documents;

[Collection(DocumentsCollection.Name)]
public sealed class DocumentFontsConfiguration(DocumentFontsFixture fixture)
{
    private const string WenQuanYi = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
    private const string DejaVuSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        return new ServiceCollection().AddCareTeamsDocuments(configuration).BuildServiceProvider();
    }

    [Fact]
    public void A_configured_font_path_that_does_not_exist_fails_naming_the_setting_in_English_and_Chinese()
    {
        const string missing = "/nonexistent/fonts/simsun.ttc";
        using var services = Services(("Documents:FontPath", missing));

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<DocumentFonts>());

        Assert.Contains("Documents:FontPath", error.Message);
        Assert.Contains(missing, error.Message);
        Assert.Contains("does not exist", error.Message);
        Assert.Contains("配置项 Documents:FontPath", error.Message);
    }

    [Fact]
    public void A_configured_font_without_Chinese_glyphs_fails_naming_the_setting()
    {

        var error = Assert.Throws<InvalidOperationException>(() => DocumentFonts.FromFile(DejaVuSans));

        Assert.Contains("Documents:FontPath", error.Message);
        Assert.Contains("no Chinese glyphs", error.Message);
        Assert.Contains("不含中文字形", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_font_fails_naming_the_setting()
    {
        var notAFont = Path.GetTempFileName();
        try
        {
            File.WriteAllText(notAFont, "这不是字体 / not a font");

            var error = Assert.Throws<InvalidOperationException>(() => DocumentFonts.FromFile(notAFont));

            Assert.Contains("Documents:FontPath", error.Message);
        }
        finally
        {
            File.Delete(notAFont);
        }
    }

    [Fact]
    public void The_configured_path_and_face_index_are_bound_from_configuration()
    {
        using var services = Services(("Documents:FontPath", WenQuanYi), ("Documents:FontIndex", "1"));

        var fonts = services.GetRequiredService<DocumentFonts>();

        var face = Assert.Single(fonts.Faces);
        Assert.Equal(WenQuanYi, face.Path);
        Assert.Equal(1, face.Index);
        Assert.Contains("WenQuanYi", face.FamilyName);
    }

    [Fact]
    public void Unconfigured_the_platform_default_is_a_TrueType_Chinese_font_with_Latin_digits()
    {
        var primary = fixture.Fonts.Faces[0];

        if (OperatingSystem.IsLinux())
            Assert.StartsWith("/usr/share/fonts/truetype/wqy/", primary.Path);
        Assert.DoesNotContain("Noto", primary.Path);
    }
}
