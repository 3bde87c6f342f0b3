namespace Hotline.Screening;

internal enum ActorRole : byte
{
    None,
    /// <summary>The writer's own partner or ex (my husband, burri, ish i dashuri).</summary>
    Partner,
    /// <summary>A family member or someone else's partner (babai, my sister's husband, mum's boyfriend).</summary>
    Family,
    /// <summary>Strangers, acquaintances, a landlord, a coach.</summary>
    Stranger,
    /// <summary>A boss, a recruiter, "the man who brought me here".</summary>
    Employer,
}
