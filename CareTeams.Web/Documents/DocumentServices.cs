namespace CareTeams.Web.Documents;

public static class DocumentServices
{
    /// <summary>
    /// Binds the <c>Documents</c> section (<c>Documents:FontPath</c>, <c>Documents:FontIndex</c>,
    /// <c>Documents:LatinFontPath</c>) and registers <see cref="DocumentFonts"/> as a singleton. The font
    /// is found and loaded on first use, which throws if no font with Chinese glyphs is found.
    /// </summary>
    public static IServiceCollection AddCareTeamsDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DocumentFontOptions>().Bind(configuration.GetSection(DocumentFontOptions.SectionName));
        services.AddSingleton<DocumentFonts>();
        return services;
    }
}
