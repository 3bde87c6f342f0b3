using System.Net;
using System.Net.Sockets;

namespace Hotline.Testing;

public static class FreePort
{
    /// <summary>A 127.0.0.1 port nobody listens on right now (the OS picks it; a caller that loses a race retries).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether something accepts TCP connections on 127.0.0.1 at this port.</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
