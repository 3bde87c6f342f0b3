namespace Hotline.Operator.Accounts;

public sealed record PreloginResponse(string Kdf, string Salt, long OpsLimit, long MemLimit);
