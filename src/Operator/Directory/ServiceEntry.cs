namespace Hotline.Operator.Directory;

/// <summary>A service a case can be referred to. Towns only, never a shelter's address.</summary>
public sealed record ServiceEntry(string Id, string Name, string Kind, IReadOnlyList<string> Municipalities, bool Everywhere, string Serves, string Source, bool Verify = true);
