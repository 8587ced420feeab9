using System.Net;
using GutSkin.Web.Infrastructure;

namespace GutSkin.Web.Tests.Infrastructure;

public sealed class ClientIpTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("::1", "::/64")]
    public void PartitionKey_IsTheIPv4Address_OrTheIPv6Network(string address, string key) =>
        Assert.Equal(key, ClientIp.PartitionKey(IPAddress.Parse(address)));

    [Fact]
    public void PartitionKey_WithoutAnAddress_IsOneSharedPartition() =>
        Assert.Equal("unknown", ClientIp.PartitionKey((IPAddress?)null));
}
