using System.IO.MemoryMappedFiles;

namespace Connector.RealmFile;

/// <summary>The bytes of a Realm file: memory-mapped from disk, or held in memory (tests, fuzzing).</summary>
internal abstract class RealmFileSource : IDisposable
{
    public abstract long Length { get; }

    /// <summary><paramref name="length"/> bytes at <paramref name="offset"/>; the caller has bounds-checked both.</summary>
    public abstract ReadOnlyMemory<byte> Slice(long offset, int length);

    public abstract void Dispose();

    public static RealmFileSource FromMemory(ReadOnlyMemory<byte> bytes) => new MemorySource(bytes);

    public static RealmFileSource FromFile(string path)
    {
        var length = new FileInfo(path).Length;
        if (length == 0)
        {
            // A zero-length file cannot be mapped; the header check reports it as too small.
            return new MemorySource(ReadOnlyMemory<byte>.Empty);
        }

        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            return new MappedSource(file, file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read), length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private sealed class MemorySource(ReadOnlyMemory<byte> bytes) : RealmFileSource
    {
        public override long Length => bytes.Length;

        public override ReadOnlyMemory<byte> Slice(long offset, int length) => bytes.Slice((int)offset, length);

        public override void Dispose()
        {
        }
    }

    private sealed class MappedSource(MemoryMappedFile file, MemoryMappedViewAccessor view, long length)
        : RealmFileSource
    {
        public override long Length => length;

        public override ReadOnlyMemory<byte> Slice(long offset, int length)
        {
            var buffer = new byte[length];
            view.ReadArray(offset, buffer, 0, length);
            return buffer;
        }

        public override void Dispose()
        {
            view.Dispose();
            file.Dispose();
        }
    }
}
