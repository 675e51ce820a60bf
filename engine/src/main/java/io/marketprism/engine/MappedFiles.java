/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the engine's mapped files (counters, error log) read-only from another process, refusing with a message that
 * names the file what is plainly not one of them.
 */
final class MappedFiles
{
    private MappedFiles()
    {
    }

    /**
     * @param path         the file.
     * @param headerLength the smallest size the file can have.
     * @param what         what the file should be, e.g. "counters file", for messages.
     * @return the whole file mapped read-only; the caller checks its header and unmaps it.
     * @throws IllegalArgumentException when the file is missing, shorter than a header or unreadable.
     */
    static MappedByteBuffer mapReadOnly(final Path path, final int headerLength, final String what)
    {
        if (!Files.isRegularFile(path))
        {
            throw new IllegalArgumentException("no " + what + " at " + path);
        }
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r");
            FileChannel channel = file.getChannel())
        {
            final long size = channel.size();
            if (size < headerLength)
            {
                throw new IllegalArgumentException(path + " is not a MarketPrism " + what + " (" + size +
                    " bytes, shorter than the " + headerLength + "-byte header)");
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read " + what + " " + path + ": " + ex.getMessage(), ex);
        }
    }
}
