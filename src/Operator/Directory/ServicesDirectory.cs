using Hotline.Core.Places;

namespace Hotline.Operator.Directory;

/// <summary>
/// Referral directory by municipality, seeded from shared/data/domain.md section 3 (sources 002–004 and GK's notes).
/// VERIFY BEFORE DEPLOYMENT: every entry is marked unverified; names, coverage and numbers change and must be checked
/// with each organisation. Kinds: shelter, legal-aid, police, child-protection, dv-referral, mobile-unit, health, nrm, hotline.
/// </summary>
public static class ServicesDirectory
{
    public static readonly IReadOnlyList<ServiceEntry> All =
    [
        new("nrm-responsible-authority", "Responsible Authority (NRM registration), Ministry of Interior", "nrm", ["Tiranë"], true, "trafficking victims and potential victims; registers and assesses every case", "004"),
        new("child-protection-unit", "Child Protection Unit (PMF) of the municipality", "child-protection", [], true, "children; the worker manages the case and convenes the intersectoral group", "004"),
        new("crm-dv-coordinator", "Coordinated Referral Mechanism and local DV coordinator", "dv-referral", [], true, "domestic and digital violence; protection orders through the courts", "002, 003"),
        new("free-legal-aid", "State free legal aid", "legal-aid", [], true, "DV, sexual-abuse and trafficking victims, whatever their income", "004"),
        new("police-129", "Police 129 / emergency 112 (check 112 is live)", "police", [], true, "immediate danger; only with the person's consent, except a documented override for a child in imminent danger", "GK"),
        new("cybercrime-unit", "State Police Cybercrime Unit", "police", ["Tiranë"], true, "online child sexual abuse", "004"),
        new("child-line-116111", "ALO 116 111 child line", "hotline", [], true, "children and young people", "GK"),
        new("women-line-116117", "116 117 line for women and girls", "hotline", [], true, "women and girls", "GK"),
        new("qkpvt", "National Reception Centre for victims of trafficking (QKPVT), Linzë", "shelter", ["Tiranë"], true, "women and girls, trafficking", "004"),
        new("qkpvdhf", "National Centre for victims of domestic violence (QKPVDHF)", "shelter", ["Tiranë"], true, "DV victims and their children", "004, 003"),
        new("different-equal", "Different & Equal (shelter, mobile units, legal aid)", "shelter", ["Tiranë", "Shkodër", "Lezhë"], false, "trafficking, sexual violence, DV; mostly women and girls 18+", "003"),
        new("different-equal-mobile", "Different & Equal mobile units", "mobile-unit", ["Tiranë", "Shkodër", "Lezhë"], false, "outreach to potential victims", "003"),
        new("vatra", "Vatra Psycho-Social Centre (shelter, 24-hour line, legal clinic)", "shelter", ["Vlorë"], false, "women and girls; men at the legal clinic", "004"),
        new("vatra-mobile", "Vatra outreach teams", "mobile-unit", ["Vlorë", "Fier", "Sarandë", "Berat", "Durrës"], false, "outreach in five regions (which five: verify)", "004"),
        new("tjeter-vizion", "Tjetër Vizion (shelter for minors)", "shelter", ["Elbasan"], false, "children 6–18, boys and girls; the only shelter for minors", "004"),
        new("tjeter-vizion-mobile", "Tjetër Vizion mobile unit", "mobile-unit", ["Kukës", "Has", "Tropojë"], false, "remote villages and the border", "004"),
        new("arsis-house-of-colors", "NISMA ARSIS \"House of Colors\" emergency shelter", "shelter", ["Tiranë"], false, "children, mothers with children; 20 places a night", "004"),
        new("rozalba", "Rozalba Home (shelter, 72-hour emergency)", "shelter", ["Lezhë"], false, "girls; DV and trafficking", "004"),
        new("streha", "LGBTI shelter (Streha)", "shelter", ["Tiranë"], false, "LGBTI people thrown out of home", "004, 003"),
        new("lilium-qsut", "Lilium centre, QSUT hospital", "health", ["Tiranë"], false, "sexual violence and trafficking", "004"),
        new("one-stop-shkoder", "One-stop centre, children's hospital Shkodër", "health", ["Shkodër"], false, "child sexual-abuse victims", "003"),
    ];

    /// <summary>Services for a municipality: local ones first, then those that work everywhere.</summary>
    public static IReadOnlyList<ServiceEntry> For(string? municipality)
    {
        var place = Municipalities.Canonical(municipality);
        if (place is null) return All;
        return All.Where(s => s.Municipalities.Contains(place)).Concat(All.Where(s => s.Everywhere && !s.Municipalities.Contains(place))).ToList();
    }

    public static bool Exists(string id) => All.Any(s => s.Id == id);
}
