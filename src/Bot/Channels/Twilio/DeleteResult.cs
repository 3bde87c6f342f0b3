namespace Hotline.Bot.Channels.Twilio;

internal enum DeleteResult
{
    Deleted = 0,
    NotFound = 1,
    TryLater = 2,
}
