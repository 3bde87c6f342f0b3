namespace Hotline.Core.Crypto;

/// <summary>
/// The team key record in Redis is not one this service may seal to: malformed, not signed through the pinned key, or
/// refused by the floor (<see cref="TeamKeyRollback"/>). Nothing is sealed or stored; services answer with ProblemDetails.
/// </summary>
public class TeamKeyUntrusted(string message, Exception? inner = null) : CryptoFailure(message, inner);
