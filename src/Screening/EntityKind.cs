namespace Hotline.Screening;

public enum EntityKind
{
    Age = 0,
    Place = 1,
    Time = 2,
    Phone = 3,
}
