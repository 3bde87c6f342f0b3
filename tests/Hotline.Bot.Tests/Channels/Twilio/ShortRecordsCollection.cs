namespace Hotline.Bot.Tests.Channels.Twilio;

[CollectionDefinition(Name)]
public sealed class ShortRecordsCollection : ICollectionFixture<ShortRecordsHotline>
{
    public const string Name = "twilio-short-records";
}
