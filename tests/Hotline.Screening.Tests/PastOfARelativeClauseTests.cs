using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

// "The ones who beat me last week are here now": the past of a relative clause (që / who … last week) is that clause's,
// and a "now" after the sign of danger makes the sign now. Own wordings, beside a past that is the sign's own ("last
// week he was at the door, now I'm at my sister's") and the sign denied.
public sealed class PastOfARelativeClauseTests
{
    [Theory]
    [InlineData("ata që më rrahën dje janë këtu në lokal tani dhe më shikojnë")]
    [InlineData("djemtë që më sulmuan javën e kaluar se jam trans janë jashtë derës tani")]
    public void Those_who_hurt_her_then_and_are_here_now_are_critical(string text) => Is(Severity.Critical, text);

    [Theory]
    [InlineData("javën e kaluar ishte te dera e tani jam te motra, jam mirë", Severity.Medium)]
    [InlineData("ata që më rrahën dje nuk janë këtu tani, jam mirë", Severity.Critical)]
    [InlineData("shoqja që erdhi dje është këtu tani, po pimë kafe", Severity.High)]
    public void A_past_of_the_sign_itself_or_a_sign_denied_stays_below(string text, Severity ceiling) => Below(ceiling, text);
}
