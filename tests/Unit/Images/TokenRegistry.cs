using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace InfraTests.Unit.Images;

/// <summary>
/// A registry with a token service, as Docker Hub and most hosted registries are, on 127.0.0.1 over plain HTTP: the
/// local registries of this machine ask for Basic auth only, so the Bearer dance is proved here. The API answers only to
/// <c>Bearer good-token</c>; the token service gives it for the right user and password, an anonymous token to nobody,
/// and refuses a wrong password in Docker Hub's words. Made with <c>isRegistry: false</c>, it is a web server and no registry.
/// </summary>
internal sealed class TokenRegistry : IDisposable
{
    public const string User = "operator";
    public const string Password = "p4ss:word";
    public static readonly byte[] Manifest = Encoding.UTF8.GetBytes("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}""");

    private readonly HttpListener listener = new();
    private readonly bool sendsDigest;
    private readonly bool isRegistry;

    public TokenRegistry(bool sendsDigest = true, bool isRegistry = true)
    {
        this.sendsDigest = sendsDigest;
        this.isRegistry = isRegistry;
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Authority => $"127.0.0.1:{Port}";

    /// <summary>Every request as <c>METHOD path?query Authorization</c>, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public void Dispose() => listener.Close();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var request = context.Request;
            var authorization = request.Headers["Authorization"] ?? "-";
            Requests.Enqueue($"{request.HttpMethod} {request.Url!.PathAndQuery} {authorization}");
            using var response = context.Response;
            if (!isRegistry)
            {
                Write(response, 404, "404 page not found");
            }
            else if (request.Url.AbsolutePath == "/token")
            {
                var basic = $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"))}";
                var (status, body) = authorization == basic ? (200, """{"token":"good-token"}""")
                    : authorization == "-" ? (200, """{"token":"anonymous-token"}""")
                    : (401, """{"details":"incorrect username or password"}""");
                Write(response, status, body);
            }
            else if (request.Url.AbsolutePath == "/v2/" && authorization == "Bearer good-token")
            {
                Write(response, 200, "{}");
            }
            else if (request.Url.AbsolutePath == "/v2/samples/rbldnsd/manifests/stable" && authorization == "Bearer good-token")
            {
                response.ContentType = "application/vnd.oci.image.manifest.v1+json";
                if (sendsDigest)
                {
                    response.Headers["Docker-Content-Digest"] = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Manifest));
                }

                response.StatusCode = 200;
                if (request.HttpMethod == "GET")
                {
                    response.OutputStream.Write(Manifest);
                }
            }
            else
            {
                response.Headers["WWW-Authenticate"] = $"Bearer realm=\"http://{Authority}/token\",service=\"token-registry\",scope=\"repository:samples/rbldnsd:pull\"";
                Write(response, 401, """{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]}""");
            }
        }
    }

    private static void Write(HttpListenerResponse response, int status, string body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.OutputStream.Write(Encoding.UTF8.GetBytes(body));
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
