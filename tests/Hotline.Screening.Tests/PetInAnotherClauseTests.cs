using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// A pet named just before an overdose is its doer only in the same clause ("my dog ate 20 pills"): a pet fed, walked or
/// kept beside her in the clause before ("fed my cat, swallowed all my pills", "veç macja, piva 30 hapa") leaves the
/// overdose she took critical; with no comma, a verb no pet is the subject of ("took", "piva", "mora") keeps it too
/// (sh.overdose_taken_herself, lexicon 2026.12.90).
/// </summary>
public sealed class PetInAnotherClauseTests
{
    [Fact]
    public void Pills_she_took_after_a_pet_in_the_clause_before_are_an_overdose() => StayAtLeast(Severity.Critical, Lines("""
        fed my cat, swallowed all my antidepressants. bye
        i'm home with the dog, took the whole bottle of sleeping pills an hour ago
        said goodbye to my puppy, took 30 sleeping pills, dont call anyone
        qeni, piva gjithe kutine me ilace
        s'kam kë tjetër veç macja, piva 30 hapa gjumi
        sdi kujt ti them veq qeni, i piva krejt tabletat
        pa ty s'kam askënd veç qenushi, mora 40 tableta
        """));

    [Fact]
    public void What_a_pet_swallowed_in_its_own_clause_stays_a_vets_matter() => StayQuiet(Lines("""
        my dog ate 20 of my ibuprofen, the vet says he'll be fine
        omg my puppy swallowed a whole strip of pills, what do i do
        macja gëlltiti gjithë tabletat e qenit, çfarë bëj
        kur u ktheva, qeni gëlltiti gjysmën e kutisë së ilaçeve
        """), r => r.Categories.Contains("self_harm"));

    [Fact]
    public void Pills_she_took_after_a_pet_with_no_comma_are_an_overdose() => StayAtLeast(Severity.Critical, Lines("""
        walked the dog took 30 pills now waiting
        sat with my cat took 40 sleeping pills
        macja piva 30 hapa
        qenushi mora 40 tableta te mamit
        kuci i gelltita krejt tabletat
        """));
}
