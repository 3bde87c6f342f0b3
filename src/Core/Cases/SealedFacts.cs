namespace Hotline.Core.Cases;

/// <summary>One sealed <see cref="MessageFacts"/> value of a case, by entry (a sequence number, or <see cref="MessageFacts.Recorded"/>).</summary>
public sealed record SealedFacts(string Entry, string Sealed);
