namespace Hotline.Bot.Tests.Channels.Twilio;

[CollectionDefinition(Name)]
public sealed class TwilioCollection : ICollectionFixture<TwilioHotline>
{
    public const string Name = "twilio";
}
