using System.Text.Json;

namespace Hotline.Operator.Accounts;

/// <summary>
/// Sign-in: the authentication key, never the passphrase. A body with a "password" field is refused whatever it holds
/// (null, a number, an object): <see cref="Password"/> keeps the field as sent, Undefined only when it is absent.
/// </summary>
public sealed record LoginRequest(string? Username, string? AuthKey, JsonElement Password = default)
{
    public bool CarriesPassword => Password.ValueKind != JsonValueKind.Undefined;
}
