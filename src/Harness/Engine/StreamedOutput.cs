using System.Text;

namespace InfraTests.Harness.Engine;

/// <summary>
/// The image's own words as they come: an exec or a one-shot container's log, read from the engine's multiplexed stream,
/// each complete line reported the moment it arrives, and the whole kept for the result.
/// </summary>
internal static class StreamedOutput
{
    /// <summary>For when nobody listens: the words are still kept for the result.</summary>
    public static readonly IProgress<string> Unheard = new Discard();

    /// <summary>
    /// Reads the engine's raw multiplexed stream (frames of an 8-byte header, stream 1 stdout or 2 stderr and a big-endian
    /// length, then the bytes) to its end, reporting each line; returns both streams.
    /// </summary>
    public static async Task<(string Stdout, string Stderr)> ReadFramesAsync(Stream raw, IProgress<string> lines, CancellationToken cancellationToken)
    {
        var stdout = new LineSplitter(lines);
        var stderr = new LineSplitter(lines);
        var header = new byte[8];
        var buffer = new byte[16 * 1024];
        while (await raw.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) == header.Length)
        {
            var target = header[0] == 2 ? stderr : stdout;
            for (var left = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)); left > 0;)
            {
                var read = await raw.ReadAsync(buffer.AsMemory(0, Math.Min(left, buffer.Length)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (stdout.Finish(), stderr.Finish());
                }

                target.Add(buffer.AsSpan(0, read));
                left -= read;
            }
        }

        return (stdout.Finish(), stderr.Finish());
    }

    /// <summary>Collects one stream's bytes and reports each line once its newline has arrived.</summary>
    private sealed class LineSplitter(IProgress<string> lines)
    {
        private readonly Decoder decoder = new UTF8Encoding(false).GetDecoder();
        private readonly StringBuilder all = new();
        private readonly StringBuilder pending = new();

        public void Add(ReadOnlySpan<byte> bytes)
        {
            var chars = new char[decoder.GetCharCount(bytes, flush: false)];
            decoder.GetChars(bytes, chars, flush: false);
            all.Append(chars);
            foreach (var c in chars)
            {
                if (c == '\n')
                {
                    lines.Report(pending.ToString().TrimEnd('\r'));
                    pending.Clear();
                }
                else
                {
                    pending.Append(c);
                }
            }
        }

        public string Finish()
        {
            if (pending.Length > 0)
            {
                lines.Report(pending.ToString());
                pending.Clear();
            }

            return all.ToString();
        }
    }

    private sealed class Discard : IProgress<string>
    {
        public void Report(string value)
        {
        }
    }
}
