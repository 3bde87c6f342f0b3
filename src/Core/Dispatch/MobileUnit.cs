
namespace Hotline.Core.Dispatch;

/// <summary>A mobile unit's profile: the municipalities it covers and whether it is available now.</summary>
public sealed record MobileUnit(string Name, IReadOnlyList<string> Municipalities, bool Available);
