namespace Hotline.Bot.Tests.Channels.Twilio;

[CollectionDefinition(Name)]
public sealed class StaffNoticesCollection : ICollectionFixture<StaffHotline>
{
    public const string Name = "staff-notices";
}
