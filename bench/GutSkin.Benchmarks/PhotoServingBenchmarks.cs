using System.Net.Http.Headers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using GutSkin.Testing;

namespace GutSkin.Benchmarks;

/// <summary>
/// A thumbnail as a member's browser gets it: the whole app in memory (SQLite, the real middleware), one GET of
/// <c>/api/photos/{id}/thumb</c> with a bearer token (owner check, the sealed bytes read, opened with the member's key).
/// </summary>
[MemoryDiagnoser]
public class PhotoServingBenchmarks
{
    private PhotoHost _host = null!;
    private string _thumb = "";

    [GlobalSetup]
    public void Setup()
    {
        _host = PhotoHost.StartAsync().GetAwaiter().GetResult();
        _thumb = $"/api/photos/{_host.UploadAsync(PhotoSamples.Jpeg(4000, 3000), "2026-06-14").GetAwaiter().GetResult()}/thumb";
    }

    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    [Benchmark(Description = "GET /api/photos/{id}/thumb")]
    public async Task<int> Thumbnail() => (await _host.Client.GetByteArrayAsync(_thumb)).Length;
}

/// <summary>The app in memory with one signed-in member, for the photo benchmarks and the memory run.</summary>
public sealed class PhotoHost : IDisposable
{
    private readonly GutSkinFactory _factory;

    private PhotoHost(GutSkinFactory factory, HttpClient client) => (_factory, Client) = (factory, client);

    public HttpClient Client { get; }

    public static async Task<PhotoHost> StartAsync()
    {
        // The test projects' package sets the app's content root; here it is found from the benchmark's folder.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !Directory.Exists(Path.Combine(root.FullName, "src", "GutSkin.Web")))
        {
            root = root.Parent;
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GUTSKIN_WEB", Path.Combine(root?.FullName ?? ".", "src", "GutSkin.Web"));
        var factory = GutSkinFactory.Create(new GutSkinFactoryOptions { QuietLogs = true, BackgroundJobs = false, FastPasswordHashing = true });
        var client = await factory.CreateMemberAsync($"bench-{Guid.NewGuid():N}@example.test");
        return new PhotoHost(factory, client);
    }

    /// <summary>Uploads a photo; its id.</summary>
    public async Task<string> UploadAsync(byte[] jpeg, string date)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(jpeg);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "photo.jpg");
        form.Add(new StringContent(date), "date");
        using var response = await Client.PostAsync("/api/photos", form);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    public void Dispose()
    {
        Client.Dispose();
        _factory.Dispose();
    }
}
