using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Early signs of control with no act yet (lexicon 2026.12.54): a partner, an ex, an in-law or a brother who checks her
/// bag, pockets, bills or mileage, asks about every lek, times when she goes out and comes in, keeps the bank cards, or
/// will not let her have a phone, a card or money of her own, is medium domestic_violence. A mechanic's or a customs
/// check, her own checking, a parent's rule, a husband at his own work and a film are nothing.
/// </summary>
public sealed class EarlySignsOfControlTests
{
    [Fact]
    public void Her_bag_bills_and_hours_checked_or_no_card_of_her_own_allowed_by_a_partner_or_an_in_law_are_medium_domestic_violence()
    {
        Each(r => r.Severity == Severity.Medium && r.Categories.Contains("domestic_violence"), new()
        {
            [true] =
            [
                "burri ma kontrollon çantën sa herë kthehem nga tregu",
                "burri ma kontrollon canten sa here kthehem nga tregu",
                "i shoqi ia kontrollon xhepat motrës sime çdo mbrëmje",
                "vjehrri na kontrollon kur dalim e kur hyjmë, burri hesht",
                "i dashuri kontrollon çdo faturë që paguaj",
                "ish-i më pyet për çdo lek që harxhoj për fëmijën",
                "my boyfriend goes through my purse every night",
                "my husband makes me account for every euro i spend",
                "my mother-in-law keeps all the bank cards in her room",
                "i fejuari s'më lë të kem llogari bankare timen",
                "i fejuari s'me le te kem llogari bankare timen",
                "my girlfriend won't let me have my own bank account",
                "my husband doesn't allow me to have a phone of my own",
            ],
        });
    }

    [Fact]
    public void A_mechanic_customs_her_own_checking_a_parents_rule_a_job_or_a_film_is_no_sign_of_control()
    {
        Each(r => r.Severity >= Severity.Medium || r.Categories.Contains("domestic_violence"), new()
        {
            [false] =
            [
                "mekaniku kontrollon kilometrat e makinës në çdo servis",
                "në aeroport ma kontrolluan çantën dy herë",
                "mami më kontrollon kur kthehem nga shkolla, jam 13",
                "i check every receipt before paying, my husband does the shopping",
                "my husband checks the mileage before our trip to durres",
                "mum won't let me have my own phone until i'm 12",
                "burri kontrollon faturat e dyqanit se është kontabilist",
                "my coach checks every kilometre we run on the app",
                "in the film the husband goes through her purse and finds a letter",
            ],
        });
    }
}
