namespace Hotline.Core.Cases;

public enum CaseStatus
{
    Open = 0,
    Claimed = 1,
    Closed = 2,
}
