namespace Hotline.Testing;

/// <summary>One element of a key's value: a hash field or stream field with its value, or a bare value (Name null).</summary>
public sealed record RedisValuePart(byte[]? Name, byte[] Value);
