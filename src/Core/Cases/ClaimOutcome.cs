namespace Hotline.Core.Cases;

public enum ClaimOutcome
{
    Claimed = 0,
    AlreadyHeld = 1,
    NotFound = 2,
    Closed = 3,
}
