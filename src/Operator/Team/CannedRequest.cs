using Hotline.Operator.Cases;

namespace Hotline.Operator.Team;

public sealed record CannedRequest(IReadOnlyList<CannedAnswer>? Answers);
