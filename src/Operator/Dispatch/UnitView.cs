namespace Hotline.Operator.Dispatch;

public sealed record UnitView(string Name, IReadOnlyList<string> Municipalities, bool Available);
