using System.Net;
using System.Net.Sockets;

namespace GutSkin.Web.Infrastructure;

public static class ClientIp
{
    /// <summary>
    /// The rate-limit partition of the client behind a request: its IPv4 address, or the /64 network of an IPv6
    /// address (one subscriber usually holds a whole /64, so single addresses would be free to rotate).
    /// Read after the forwarded-headers middleware, so behind a trusted proxy it is the real client's address.
    /// </summary>
    public static string PartitionKey(HttpContext http) => PartitionKey(http.Connection.RemoteIpAddress);

    public static string PartitionKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
