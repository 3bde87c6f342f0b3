namespace Hotline.Operator.Accounts;

public enum Role
{
    Operator = 0,
    Supervisor = 1,
    MobileUnit = 2,
    Admin = 3,
}
