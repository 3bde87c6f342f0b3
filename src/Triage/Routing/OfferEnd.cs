namespace Hotline.Triage.Routing;

/// <summary>Why an offer moved on to the next operator.</summary>
public enum OfferEnd
{
    /// <summary>The offer window passed without a claim.</summary>
    Lapsed = 0,

    /// <summary>The operator declined it in the console.</summary>
    Declined = 1,

    /// <summary>The operator went away or offline.</summary>
    Gone = 2,
}
