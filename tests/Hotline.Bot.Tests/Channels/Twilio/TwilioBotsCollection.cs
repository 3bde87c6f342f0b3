namespace Hotline.Bot.Tests.Channels.Twilio;

[CollectionDefinition(Name)]
public sealed class TwilioBotsCollection : ICollectionFixture<TwilioBotsHotline>
{
    public const string Name = "twilio-bots";
}
