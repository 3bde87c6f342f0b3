using Hotline.Core.Dispatch;
using Hotline.Operator.Cases;

namespace Hotline.Operator.Team;

public sealed record Overview(IReadOnlyList<CaseView> Cases, IReadOnlyList<MemberView> Operators, IReadOnlyList<MobileUnit> Units, SurgeView Surge);
