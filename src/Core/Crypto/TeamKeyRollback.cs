namespace Hotline.Core.Crypto;

/// <summary>A team key record, signed by the pinned key, that is older than one accepted before (<see cref="TeamKeyFloor"/>).</summary>
public sealed class TeamKeyRollback(string message) : TeamKeyUntrusted(message);
