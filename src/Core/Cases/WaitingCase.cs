namespace Hotline.Core.Cases;

/// <summary>A waiting case as the bot's answer speaks of it (<see cref="CaseStore.WaitingAsync"/>).</summary>
public sealed record WaitingCase(Severity Severity, DateTimeOffset OpenedAt, bool SharedNetwork);
