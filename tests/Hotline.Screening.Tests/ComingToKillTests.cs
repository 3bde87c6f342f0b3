using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

// Someone on the way with what he comes for, as English "coming to kill me" already was: Albanian movement with a
// purpose to kill ("vjen të më vrasë", Gheg "vijnë me na vra", the one who comes between) is someone coming now; and
// "slaughter" and "butcher" join the English kill verbs. Own wordings, beside the look-alikes that must stay below:
// someone coming for a coffee, a joke about grades, a threat every time he comes home, a past told calmly, sport, Eid.
public sealed class ComingToKillTests
{
    [Theory]
    [InlineData("po vjen ish-burri të më vrasë, e di ku jam")]
    [InlineData("kushërinjtë e tij vijnë me na vra sonte")]
    [InlineData("më shkruan se erdhi vëllai i tij në qytet të më vrasë")]
    [InlineData("my dad found out and he's driving here, he said he'll slaughter me")]
    public void Someone_on_the_way_to_kill_her_is_critical(string text) => Is(Severity.Critical, text);

    [Theory]
    [InlineData("vjen shoku me më pa sonte në kafe", Severity.Low)]
    [InlineData("mami vjen të më vrasë kur të shohë notat hahaha", Severity.Low)]
    [InlineData("we will slaughter them in the match tomorrow", Severity.Low)]
    [InlineData("my uncle will slaughter the lamb for eid tonight", Severity.Low)]
    [InlineData("kur vjen në shtëpi i dehur kërcënon të më vrasë", Severity.Critical)]
    [InlineData("para 5 vjetësh erdhi të më vrasë, tani jam mirë dhe jetoj larg", Severity.High)]
    public void Coming_for_something_else_a_joke_a_habit_or_a_past_stays_below(string text, Severity ceiling) => Below(ceiling, text);
}
