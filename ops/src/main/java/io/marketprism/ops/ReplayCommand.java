/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.codecs.JsonLinesEncoder;
import io.marketprism.journal.JournalReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code replay}: prints a journal as JSON lines.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Print a journal's normalized messages as JSON lines (JSONL.md) to --output or stdout.")
public final class ReplayCommand implements Callable<Integer>
{
    @ParentCommand
    private MarketPrism parent;

    @Option(names = "--journal", required = true, description = "journal directory")
    private Path journal;

    @Option(names = "--output", description = "file for the JSON lines (default: stdout)")
    private Path output;

    @Option(names = "--quiet", description = "no summary on stderr")
    private boolean quiet;

    @Override
    public Integer call() throws IOException
    {
        final long startNs = System.nanoTime();
        final JsonLinesEncoder encoder = new JsonLinesEncoder();
        final long[] counts = new long[2];
        try (JournalReader reader = new JournalReader(journal);
            OutputStream out = output == null ?
                new BufferedOutputStream(new DecodeCommand.NonClosingOutputStream(parent.stdout()), 1 << 20) :
                new BufferedOutputStream(Files.newOutputStream(output), 1 << 20))
        {
            final JournalReader.Handler handler = (buffer, offset, length, index) ->
            {
                counts[0]++;
                final int lineLength = encoder.encode(buffer, offset);
                if (lineLength == 0)
                {
                    return;
                }
                try
                {
                    encoder.writeTo(out, lineLength);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
                counts[1]++;
            };
            while (reader.poll(handler, 4096) > 0)
            {
                continue;
            }
        }
        if (!quiet)
        {
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            parent.stderr().printf("replay: %d messages -> %d JSON lines in %.2f s (%.0f msgs/s)%n",
                counts[0], counts[1], seconds, counts[0] / Math.max(seconds, 1e-9));
        }
        return 0;
    }
}
