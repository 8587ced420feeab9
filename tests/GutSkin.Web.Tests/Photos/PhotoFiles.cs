using System.Buffers.Binary;
using System.Net.Http.Headers;
using System.Text;
using NetVips;

namespace GutSkin.Web.Tests.Photos;

/// <summary>Photos and non-photos made in the test: a JPEG with the metadata a phone writes, bombs and lies.</summary>
public static class PhotoFiles
{
    public const string Serial = "CAM-SERIAL-0042";

    /// <summary>A w×h JPEG, blue with a red top-left quarter, carrying no metadata.</summary>
    public static byte[] Plain(int width = 400, int height = 200)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var red = x < width / 2 && y < height / 2;
                pixels[((y * width) + x) * 3] = red ? (byte)230 : (byte)20;
                pixels[((y * width) + x) * 3 + 2] = red ? (byte)20 : (byte)230;
            }
        }

        using var image = Image.NewFromMemory(pixels, width, height, 3, Enums.BandFormat.Uchar);
        return image.JpegsaveBuffer(q: 95, keep: Enums.ForeignKeep.None);
    }

    /// <summary><see cref="Plain"/> with an EXIF block (orientation, camera serial, time taken, GPS position), an XMP and an IPTC block.</summary>
    public static byte[] FromAPhone(int orientation)
    {
        var jpeg = Plain();
        var segments = Segment(0xE1, [.. "Exif\0\0"u8, .. Exif(orientation)])
            .Concat(Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Encoding.UTF8.GetBytes(Xmp)]))
            .Concat(Segment(0xED, Iptc()));
        return [.. jpeg.Take(2), .. segments, .. jpeg.Skip(2)];
    }

    /// <summary>A PNG that says it is 20,000×20,000 (400 megapixels), with one tiny data chunk: decoding it would need 1.2 GB.</summary>
    public static byte[] PngBomb()
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, 20_000);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 20_000);
        header[8] = 8;
        header[9] = 2;
        return [0x89, .. "PNG\r\n\u001a\n"u8, .. Chunk("IHDR", header), .. Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]), .. Chunk("IEND", [])];
    }

    /// <summary>A real HEIC (HEVC in an ftypheic box, as an iPhone saves it) of <see cref="Plain"/>, made by heif-enc
    /// (Debian package libheif-examples, which test.sh installs).</summary>
    public static byte[] Heic()
    {
        var folder = Directory.CreateTempSubdirectory("gutskin-heic");
        try
        {
            var jpeg = Path.Combine(folder.FullName, "plain.jpg");
            var heic = Path.Combine(folder.FullName, "plain.heic");
            File.WriteAllBytes(jpeg, Plain());
            using var encoder = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("heif-enc", ["-q", "60", jpeg, "-o", heic]) { RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException("heif-enc did not start: install libheif-examples (test.sh does).");
            encoder.WaitForExit();
            Assert.True(encoder.ExitCode == 0, $"heif-enc failed: {encoder.StandardError.ReadToEnd()}");
            return File.ReadAllBytes(heic);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public static byte[] Truncated() => [.. Plain(1200, 900).Take(3000)];

    public static byte[] Html() => "<!doctype html><title>x</title><script>alert(1)</script>"u8.ToArray();

    public static byte[] Svg() => "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"u8.ToArray();

    /// <summary>The multipart body of an upload.</summary>
    public static MultipartFormDataContent Form(byte[] file, string fileName, string? date, string? area = null, string? caption = null)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(content, "file", fileName);
        foreach (var (name, value) in new[] { ("date", date), ("area", area), ("caption", caption) })
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), name);
            }
        }

        return form;
    }

    private const string Xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:CreateDate=\"2026-06-14T08:00:00\"/></rdf:RDF></x:xmpmeta>";

    private static byte[] Segment(byte marker, byte[] payload)
    {
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)(payload.Length + 2));
        return [0xFF, marker, .. length, .. payload];
    }

    /// <summary>A little-endian TIFF: IFD0 at 8 (orientation, pointers), the Exif IFD at 50 (time taken at 80, body serial at 100)
    /// and the GPS IFD at 120 (latitude reference, latitude at 150).</summary>
    private static byte[] Exif(int orientation)
    {
        var tiff = new byte[176];
        "II*\0"u8.CopyTo(tiff);
        Put32(tiff, 4, 8);
        Ifd(tiff, 8, (0x0112, 3, 1, (uint)orientation), (0x8769, 4, 1, 50), (0x8825, 4, 1, 120));
        Ifd(tiff, 50, (0x9003, 2, 20, 80), (0xA431, 2, (uint)Serial.Length + 1, 100));
        "2026:06:14 08:00:00\0"u8.CopyTo(tiff.AsSpan(80));
        Encoding.ASCII.GetBytes(Serial).CopyTo(tiff, 100);
        Ifd(tiff, 120, (0x0001, 2, 2, 'N'), (0x0002, 5, 3, 150));
        foreach (var (i, value) in new[] { (0, 52u), (1, 31u), (2, 0u) })
        {
            Put32(tiff, 150 + (i * 8), value);
            Put32(tiff, 154 + (i * 8), 1);
        }

        return tiff;
    }

    private static void Ifd(byte[] tiff, int at, params (ushort Tag, ushort Type, uint Count, uint Value)[] entries)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), (ushort)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var e = at + 2 + (i * 12);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(e), entries[i].Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(e + 2), entries[i].Type);
            Put32(tiff, e + 4, entries[i].Count);
            Put32(tiff, e + 8, entries[i].Value);
        }
    }

    private static void Put32(byte[] bytes, int at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);

    /// <summary>An APP13 Photoshop block with one IPTC caption record.</summary>
    private static byte[] Iptc()
    {
        byte[] record = [0x1C, 0x02, 0x78, 0x00, 0x07, .. "Caption"u8];
        var size = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(size, record.Length);
        return [.. "Photoshop 3.0\0"u8, .. "8BIM"u8, 0x04, 0x04, 0x00, 0x00, .. size, .. record, .. record.Length % 2 == 1 ? new byte[] { 0 } : []];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        var length = new byte[4];
        var crc = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        return [.. length, .. typed, .. crc];
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
