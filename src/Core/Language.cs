namespace Hotline.Core;

/// <summary>The language a person writes in; anything but Albanian or English goes to a human.</summary>
public enum Language
{
    Other = 0,
    Sq = 1,
    En = 2,
}
