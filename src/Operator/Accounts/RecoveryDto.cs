using Hotline.Core.Crypto;

namespace Hotline.Operator.Accounts;

public sealed record RecoveryDto(string? AuthKey, WrappedKeyDto? WrappedPrivateKey);
