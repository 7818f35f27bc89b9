using CareTeams.Domain.Assessments.Tcm;

namespace CareTeams.Tests.Domain.Assessments.Tcm;

public class TcmGuidanceTests
{
    [Fact]
    public void Every_type_has_guidance_under_the_five_headings()
    {
        foreach (var type in ConstitutionTypes.All)
        {
            var guidance = TcmGuidance.For(type);
            Assert.Equal(type, guidance.Type);
            Assert.Equal(["情志调摄", "饮食调养", "起居调摄", "运动保健", "穴位保健"], guidance.Sections.Select(s => s.Heading));
            Assert.All(guidance.Sections, s => Assert.False(string.IsNullOrWhiteSpace(s.Text)));
        }
    }

    [Fact]
    public void Judgements_have_their_Chinese_names()
    {
        Assert.Equal(["否", "倾向是", "基本是", "是"],
            new[] { TcmJudgement.No, TcmJudgement.TendsToBe, TcmJudgement.BasicallyYes, TcmJudgement.Yes }.Select(j => j.ChineseName()));
    }
}
