namespace Hotline.Core.Transcripts;

/// <summary>
/// One data key of a conversation, as the process that made it holds it: its id (what an entry's "key" names), the
/// key itself (memory only, never stored), the team public key it is sealed to, and the sealed copy that readers open.
/// </summary>
public sealed record DataKey(string Id, byte[] Key, byte[] TeamPublicKey, string Sealed);
