namespace Hotline.Operator.Accounts;

/// <summary>Every Argon2id slot stayed taken for <see cref="AuthKeyHasher.MaxWait"/>: the caller answers 503.</summary>
public sealed class HasherBusyException() : Exception("The sign-in service is busy");
