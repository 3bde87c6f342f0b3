namespace Hotline.Core.Notices;

/// <summary>
/// A notice to a member of staff (the on-call supervisor, a mobile unit) by SMS or WhatsApp. The recipient is a name
/// ("oncall-supervisor", a unit's account name), never a number: the sender resolves it from its own configuration.
/// The text carries no words of a person at risk: case ids, categories and urgency only, and an area only sealed. Critical: about a
/// critical case (counted apart when alerts are merged).
/// </summary>
/// <param name="SealedArea">
/// The area of a dispatch, sealed to the Bot's box key (<see cref="Dispatch.DispatchArea"/>): the Bot opens it and puts it
/// in place of <see cref="Dispatch.DispatchArea.Placeholder"/> in <paramref name="Text"/> when it sends, so no area is in
/// clear on the stream.
/// </param>
public sealed record OutboundNotice(string Recipient, string Purpose, string Text, string? CaseId = null, bool Critical = false, string? SealedArea = null);
