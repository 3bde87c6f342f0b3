using Hotline.Core.Identity;

namespace Hotline.Core.Tests.Identity;

public sealed class PseudonymizerTests
{
    [Fact]
    public void The_same_address_maps_to_the_same_pseudonym_which_does_not_contain_it()
    {
        var p = new Pseudonymizer(new byte[32]);
        var id = p.For(Channel.Sms, "+355691234567");
        Assert.Equal(id, p.For(Channel.Sms, "+355691234567"));
        Assert.DoesNotContain("691234567", id);
        Assert.NotEqual(id, p.For(Channel.WhatsApp, "+355691234567"));
    }

    [Fact]
    public void Another_secret_gives_another_pseudonym()
    {
        var a = new Pseudonymizer(new byte[32]).For(Channel.Sms, "+355691234567");
        var b = new Pseudonymizer(Enumerable.Repeat((byte)7, 32).ToArray()).For(Channel.Sms, "+355691234567");
        Assert.NotEqual(a, b);
    }
}
