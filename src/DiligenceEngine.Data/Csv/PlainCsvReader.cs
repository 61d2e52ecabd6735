using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Unicode;
using System.Text;

namespace DiligenceEngine.Data.Csv;

/// <summary>
/// Reads a large CSV file that needs no quoting (no <c>"</c> anywhere, lines ending in LF or CRLF, valid UTF-8), as
/// machine-written extracts are: in blocks of whole lines, split into fields without allocating, on every core at
/// once. Such a file means the same to CsvHelper and to this reader (a record is a line, a field is the text between
/// commas), so a file that is not plain is refused as a whole — <see cref="TryRead{TChunk}"/> returns false — and its
/// caller reads it with <see cref="CsvFileReader"/>, which handles every case and reports every structural problem.
/// </summary>
internal static class PlainCsvReader
{
    /// <summary>Bytes a block holds at least (a block ends at a line end): large enough that a block's setup is noise.</summary>
    public const int DefaultBlockBytes = 4 << 20;

    /// <summary>The header of a plain file: its fields, its line and where the data begin.</summary>
    public sealed record Header(string[] Fields, int Line, long DataOffset);

    /// <summary>
    /// The header line (the first line that is not blank), or null when the file is missing, empty or not plain up to
    /// there; leaves every check and message about the header to the caller.
    /// </summary>
    public static Header? ReadHeader(string path)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return null;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[64 * 1024];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var offset = buffer.AsSpan(0, length).StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        for (var line = 1; offset < length; line++)
        {
            var end = buffer.AsSpan(offset, length - offset).IndexOf((byte)'\n');
            if (end < 0)
            {
                // A header longer than the buffer, or a file that is one line: either way not worth a fast path.
                return null;
            }

            var text = buffer.AsSpan(offset, end).TrimEnd((byte)'\r');
            var next = offset + end + 1;
            if (!IsPlain(text) || !Utf8.IsValid(text))
            {
                return null;
            }

            if (!IsBlank(text))
            {
                return new Header(Encoding.UTF8.GetString(text).Split(','), line, next);
            }

            offset = next;
        }

        return null;
    }

    /// <summary>
    /// Parses the data lines after <paramref name="header"/> in blocks, in parallel, and hands each block's chunk to
    /// <paramref name="consume"/> in file order as soon as it and the blocks before it are parsed, so a caller can keep a
    /// few chunks' memory in use rather than the whole file's. False as soon as any block shows the file is not plain:
    /// the caller then discards what it consumed and reads the file row by row.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="header">Its header, from <see cref="ReadHeader"/>.</param>
    /// <param name="parse">Parses one block (its lines through <see cref="Block.Lines"/>); runs on several threads at
    /// once, each call with its own block.</param>
    /// <param name="consume">Takes the chunks one at a time, in file order (on the parsing threads, never two at once).</param>
    /// <param name="blockBytes">Bytes a block holds at least (tests make it small to get many blocks).</param>
    public static bool TryRead<TChunk>(string path, Header header, Func<Block, TChunk> parse, Action<TChunk> consume, int blockBytes = DefaultBlockBytes)
    {
        using var blocks = new BlockingCollection<(int Index, byte[] Buffer, int Length, int FirstLine)>(Environment.ProcessorCount * 2);
        var parsed = new Dictionary<int, TChunk>();
        var nextToConsume = 0;
        var notPlain = 0;
        var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(() =>
        {
            foreach (var (index, buffer, length, firstLine) in blocks.GetConsumingEnumerable())
            {
                try
                {
                    var bytes = buffer.AsSpan(0, length);
                    if (Volatile.Read(ref notPlain) == 0 && IsPlainBlock(bytes))
                    {
                        var chunk = parse(new Block(buffer, length, firstLine));
                        lock (parsed)
                        {
                            parsed[index] = chunk;
                            while (Volatile.Read(ref notPlain) == 0 && parsed.Remove(nextToConsume, out var next))
                            {
                                consume(next);
                                nextToConsume++;
                            }
                        }
                    }
                    else
                    {
                        Volatile.Write(ref notPlain, 1);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        })).ToArray();

        try
        {
            Produce(path, header, blockBytes, blocks, () => Volatile.Read(ref notPlain) != 0);
        }
        finally
        {
            blocks.CompleteAdding();
            Task.WaitAll(workers);
        }

        return notPlain == 0;
    }

    /// <summary>Reads the file after the header into blocks that end at a line end, numbering each block's first line.</summary>
    private static void Produce(string path, Header header, int blockBytes, BlockingCollection<(int, byte[], int, int)> blocks, Func<bool> stop)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        stream.Position = header.DataOffset;
        var buffer = ArrayPool<byte>.Shared.Rent(blockBytes);
        var filled = 0;
        var line = header.Line + 1;
        var index = 0;
        while (!stop())
        {
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            var atEnd = read == 0;
            var cut = atEnd ? filled : buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
            if (cut == 0 && !atEnd)
            {
                // One line longer than the buffer: a bigger buffer, the same line.
                var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, filled).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = bigger;
                continue;
            }

            var next = ArrayPool<byte>.Shared.Rent(Math.Max(blockBytes, filled - cut));
            buffer.AsSpan(cut, filled - cut).CopyTo(next);
            if (cut > 0)
            {
                blocks.Add((index++, buffer, cut, line));
                line += buffer.AsSpan(0, cut).Count((byte)'\n');
            }
            else
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            (buffer, filled) = (next, filled - cut);
            if (atEnd)
            {
                break;
            }
        }

        ArrayPool<byte>.Shared.Return(buffer);
    }

    private static bool IsPlainBlock(ReadOnlySpan<byte> bytes) =>
        bytes.IndexOf((byte)'"') < 0 && (Ascii.IsValid(bytes) || Utf8.IsValid(bytes)) && !HasLoneCarriageReturn(bytes);

    private static bool HasLoneCarriageReturn(ReadOnlySpan<byte> bytes)
    {
        for (var at = bytes.IndexOf((byte)'\r'); at >= 0; at = bytes.IndexOf((byte)'\r'))
        {
            // A CR that ends the file ends its last line, as CsvHelper reads it.
            if (at < bytes.Length - 1 && bytes[at + 1] != (byte)'\n')
            {
                return true;
            }

            bytes = bytes[(at + 1)..];
        }

        return false;
    }

    private static bool IsPlain(ReadOnlySpan<byte> line) => line.IndexOfAny((byte)'"', (byte)'\r') < 0;

    /// <summary>Blank as <see cref="CsvFileReader"/> skips it: one field, white space at most (as string.Trim sees it).</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOf((byte)',') < 0 && Encoding.UTF8.GetString(line).Trim().Length == 0;

    /// <summary>A block of whole lines of a plain file.</summary>
    public readonly struct Block(byte[] buffer, int length, int firstLine)
    {
        public int FirstLine => firstLine;

        /// <summary>The bytes of the block (the caller must copy what it keeps: the buffer is reused).</summary>
        public ReadOnlySpan<byte> Bytes => buffer.AsSpan(0, length);

        /// <summary>The block's lines split into fields; <paramref name="fieldEnds"/> must hold one more than the fields a line should have.</summary>
        public LineFields Lines(Span<int> fieldEnds) => new(Bytes, firstLine, fieldEnds);
    }

    /// <summary>
    /// The lines of a block with their numbers and fields. Commas and line ends are found 32 bytes at a time (one vector
    /// compare each), so a field costs a bit scan rather than a search of its own.
    /// </summary>
    public ref struct LineFields(ReadOnlySpan<byte> bytes, int firstLine, Span<int> fieldEnds)
    {
        private const int Width = 32;
        private readonly ReadOnlySpan<byte> bytes = bytes;
        private readonly Span<int> ends = fieldEnds;
        private int next;
        private int chunk = -Width;
        private uint delimiters;
        private int lineStart;

        /// <summary>1-based line number of the current line.</summary>
        public int Line { get; private set; } = firstLine - 1;

        /// <summary>Fields of the current line; more than the span given can hold when the line has too many.</summary>
        public int FieldCount { get; private set; }

        /// <summary>The current line without its line end.</summary>
        public readonly ReadOnlySpan<byte> Text => bytes[lineStart..ends[Math.Min(FieldCount, ends.Length) - 1]];

        /// <summary>Field <paramref name="index"/> of the current line (below <see cref="FieldCount"/> and the span's size).</summary>
        public readonly ReadOnlySpan<byte> Field(int index) => bytes[(index == 0 ? lineStart : ends[index - 1] + 1)..ends[index]];

        // Runs once per row of a market file: optimised from the first call (docs/performance.md, tiering).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool MoveNext()
        {
            if (next >= bytes.Length)
            {
                return false;
            }

            Line++;
            lineStart = next;
            var fields = 0;
            while (true)
            {
                var at = NextDelimiter();
                if (fields < ends.Length)
                {
                    ends[fields] = at;
                }

                fields++;
                if (at == bytes.Length || bytes[at] == (byte)'\n')
                {
                    next = at + 1;
                    if (at > lineStart && bytes[at - 1] == (byte)'\r' && fields <= ends.Length)
                    {
                        ends[fields - 1] = Math.Max(at - 1, fields == 1 ? lineStart : ends[fields - 2] + 1);
                    }

                    FieldCount = fields;
                    return true;
                }
            }
        }

        // Runs once per row of a market file: optimised from the first call (docs/performance.md, tiering).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int NextDelimiter()
        {
            while (delimiters == 0)
            {
                chunk += Width;
                if (chunk >= bytes.Length)
                {
                    return bytes.Length;
                }

                if (chunk + Width <= bytes.Length)
                {
                    var v = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(bytes), (nuint)chunk);
                    delimiters = (Vector256.Equals(v, Vector256.Create((byte)',')) | Vector256.Equals(v, Vector256.Create((byte)'\n'))).ExtractMostSignificantBits();
                }
                else
                {
                    for (var i = chunk; i < bytes.Length; i++)
                    {
                        delimiters |= bytes[i] is (byte)',' or (byte)'\n' ? 1u << (i - chunk) : 0;
                    }
                }
            }

            var bit = BitOperations.TrailingZeroCount(delimiters);
            delimiters &= delimiters - 1;
            return chunk + bit;
        }
    }
}
