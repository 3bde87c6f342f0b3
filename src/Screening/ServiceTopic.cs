namespace Hotline.Screening;

/// <summary>What a question about the hotline itself asks.</summary>
public enum ServiceTopic
{
    None = 0,

    /// <summary>When the hotline is open ("what are your hours", "a jeni hapur natën", "orari").</summary>
    Hours = 1,

    /// <summary>Whether it costs anything ("is it free", "a paguhet", "sa kushton").</summary>
    Cost = 2,

    /// <summary>Whether it is anonymous or confidential ("is this anonymous", "a e shihni numrin tim").</summary>
    Anonymity = 3,

    /// <summary>Who reads the conversation ("who reads this", "kush i lexon mesazhet", "who are you").</summary>
    WhoReads = 4,
}
