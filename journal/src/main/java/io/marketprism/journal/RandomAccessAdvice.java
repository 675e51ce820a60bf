package io.marketprism.journal;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.posix.MAdviseFlag;
import net.openhft.posix.PosixAPI;

/**
 * Tells the kernel that a journal mapping is written at its tail, not read in sequence: {@code madvise(MADV_RANDOM)}
 * over the whole mapping.
 * <p>
 * Chronicle sizes a cycle file up front, so the pages ahead of the writer are holes of a sparse file. Without advice,
 * the first write into a page that is not in the page cache makes the kernel read ahead around it as for any mapped
 * read: on a disk set to read ahead 8 MB, 2,048 zero-filled pages in one page fault, about 20 ms of the writer's time
 * every 8 MB written (measured with {@code perf}: the journal stage in {@code filemap_fault} → {@code
 * page_cache_ra_order} → {@code ext4_mpage_readpages} zeroing, every half second at 100k messages a second). Advised
 * random, a fault maps one page, a few microseconds, and {@link JournalWriter#pretouch(int)} takes even those in
 * idle time. The advice is on this process's mapping only: readers map the file themselves and keep the kernel's
 * read-ahead.
 * <p>
 * Through OpenHFT's {@code posix} binding, which Chronicle itself uses for {@code msync}. Where it cannot advise (no
 * native binding, not Linux), nothing changes but the latency of those faults.
 */
final class RandomAccessAdvice
{
    private RandomAccessAdvice()
    {
    }

    /**
     * Advises a mapping of the journal as random access. Cold path: once a mapping.
     *
     * @param store the mapping Chronicle writes into.
     * @return true when the kernel took the advice; false for a store that is not a file mapping or a failed call.
     */
    static boolean advise(final BytesStore<?, ?> store)
    {
        if (!(store instanceof MappedBytesStore))
        {
            return false;
        }
        final MappedBytesStore mapped = (MappedBytesStore)store;
        final long length = mapped.capacity() - mapped.start();
        if (length <= 0)
        {
            return false;
        }
        try
        {
            return PosixAPI.posix().madvise(mapped.addressForRead(mapped.start()), length,
                MAdviseFlag.MADV_RANDOM) == 0;
        }
        catch (final RuntimeException | LinkageError ex)
        {
            return false;
        }
    }
}
