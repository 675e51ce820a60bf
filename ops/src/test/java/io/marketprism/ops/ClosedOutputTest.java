/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the JSON lines cannot be written (`replay | head`, a full disk), the tools stop with exit code 1 and say so;
 * they never report lines as written that were not.
 */
final class ClosedOutputTest
{
    private static final String CAPTURE = "cryptofeed/BINANCE.ws.1.0.gz";

    @Test
    void replayShouldStopWhenItsReaderClosesThePipe(@TempDir final Path tmp)
    {
        final Path journal = tmp.resolve("journal");
        final Cli decode = Cli.run("decode", "--venue", "binance-spot", "--format", "cryptofeed", "--input",
            TestRecordings.file(CAPTURE).toString(), "--output", tmp.resolve("all.jsonl").toString(),
            "--journal", journal.toString());
        assertEquals(0, decode.exitCode, decode::toString);

        final ClosingStream out = new ClosingStream(4096, "Broken pipe");
        final Run replay = run(out, "replay", "--journal", journal.toString());

        assertEquals(MarketPrism.EXIT_FAILURE, replay.exitCode, replay.stderr);
        assertTrue(replay.stderr.contains("replay stopped: its output was closed (broken pipe)"), replay.stderr);
        assertFalse(replay.stderr.contains("JSON lines in"), "no summary claiming lines were written: " +
            replay.stderr);
        assertTrue(out.failedWrites <= 2, "stopped at the first failed write (closing the output tries once more): " +
            out.failedWrites);
    }

    @Test
    void decodeShouldFailWhenItsOutputFails(@TempDir final Path tmp)
    {
        final ClosingStream out = new ClosingStream(10_000, "No space left on device");
        final Run decode = run(out, "decode", "--venue", "binance-spot", "--format", "cryptofeed", "--input",
            TestRecordings.file(CAPTURE).toString());

        assertEquals(MarketPrism.EXIT_FAILURE, decode.exitCode, decode.stderr);
        assertTrue(decode.stderr.contains("writing JSON lines failed after"), decode.stderr);
        assertTrue(decode.stderr.contains("No space left on device"), decode.stderr);
        assertTrue(out.failedWrites <= 2, "nothing written after the first failure (closing the output tries once " +
            "more): " + out.failedWrites);
    }

    private static Run run(final OutputStream out, final String... args)
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exitCode;
        try (PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8))
        {
            exitCode = MarketPrism.execute(args, out, errStream);
        }
        return new Run(exitCode, err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String stderr)
    {
    }

    /**
     * Accepts a number of bytes, then fails every write as a closed pipe or a full disk does.
     */
    private static final class ClosingStream extends OutputStream
    {
        private final int capacity;
        private final String message;
        private int written;
        private int failedWrites;

        ClosingStream(final int capacity, final String message)
        {
            this.capacity = capacity;
            this.message = message;
        }

        @Override
        public void write(final int b) throws IOException
        {
            write(new byte[]{ (byte)b }, 0, 1);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException
        {
            if (written + len > capacity)
            {
                failedWrites++;
                throw new IOException(message);
            }
            written += len;
        }
    }
}
