namespace Hotline.Core.Notices;

/// <summary>
/// A notice to a member of staff (the on-call supervisor, a mobile unit) by SMS or WhatsApp. The recipient is a name
/// ("oncall-supervisor", a unit's account name), never a number: the sender resolves it from its own configuration.
/// The text carries no words of a person at risk: case ids, areas, categories and urgency only. Critical: about a
/// critical case (counted apart when alerts are merged).
/// </summary>
public sealed record OutboundNotice(string Recipient, string Purpose, string Text, string? CaseId = null, bool Critical = false);
