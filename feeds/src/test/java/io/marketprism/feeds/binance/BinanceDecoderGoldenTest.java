/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.engine.MessageSink;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The decoder's output, byte for byte, against digests recorded from the decoder as it was before its fast paths
 * (commit 29b4b14, no fast path for quoted decimals, levels parsed into separate arrays): every frame of one day of
 * each recorded Binance capture, and mutations of recorded frames (truncations, byte substitutions) that exercise the
 * malformed-frame reasons and offsets. A fast path that reads anything differently changes a digest.
 * <p>
 * Schema version 1 (BookUpdate gained {@code checksum}) changed every message's bytes: the digests were re-recorded
 * after checking that the decoder's output with the version set back to 0 and the new (null) field removed gives the
 * version-0 digests exactly. A schema change must be re-recorded the same way: prove the only difference is the
 * schema's, then regenerate.
 * <p>
 * {@link #main(String[])} prints the digests; run it against the reference decoder to regenerate the resource.
 */
class BinanceDecoderGoldenTest
{
    private static final String[][] CAPTURES = {
        { "BINANCE_SPOT", "hftbacktest/spot/btcusdt_20240808.gz", "BTCUSDT" },
        { "BINANCE_SPOT", "hftbacktest/spot/ethusdt_20240808.gz", "ETHUSDT" },
        { "BINANCE_COINM", "hftbacktest/cm/btcusd_perp_20240808.gz", "BTCUSD_PERP" },
        { "BINANCE_USDM", "hftbacktest/usdm/btcusdt_20230404.dat.gz", "BTCUSDT" },
    };
    private static final String[] KINDS = { "depthUpdate", "bookTicker", "trade", "markPriceUpdate", "lastUpdateId" };
    private static final byte[] MUTATION_BYTES =
        "0123456789.-+eE\"[],:{} \ttfnu\\x0".getBytes(StandardCharsets.US_ASCII);
    private static final int SAMPLES_PER_KIND = 100;
    private static final int MUTATIONS_PER_FRAME = 32;

    @Test
    void outputMatchesTheReferenceDecoder() throws IOException
    {
        final Map<String, Long> expected = new LinkedHashMap<>();
        try (InputStream in = BinanceDecoderGoldenTest.class.getResourceAsStream("binance-decoder-golden.txt");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                final String[] parts = line.split(" ");
                expected.put(parts[0], Long.parseLong(parts[1], 16));
            }
        }
        final Map<String, Long> actual = digests(recordings());
        assertEquals(expected.keySet(), actual.keySet());
        for (final Map.Entry<String, Long> entry : expected.entrySet())
        {
            assertEquals(Long.toHexString(entry.getValue()), Long.toHexString(actual.get(entry.getKey())),
                entry.getKey());
        }
    }

    /**
     * Prints the digests of the decoder on the class path.
     *
     * @param args {@code [recordings directory]}.
     * @throws IOException when a recording cannot be read.
     */
    public static void main(final String[] args) throws IOException
    {
        final Path recordings = args.length > 0 ? Path.of(args[0]) : recordings();
        for (final Map.Entry<String, Long> entry : digests(recordings).entrySet())
        {
            System.out.println(entry.getKey() + " " + Long.toHexString(entry.getValue()));
        }
    }

    private static Path recordings()
    {
        return Path.of("src/test/resources/recordings").toAbsolutePath();
    }

    static Map<String, Long> digests(final Path recordings) throws IOException
    {
        final Map<String, Long> digests = new LinkedHashMap<>();
        final Random random = new Random(20260101L);
        final DigestSink sink = new DigestSink();
        for (final String[] capture : CAPTURES)
        {
            final Venue venue = Venue.valueOf(capture[0]);
            final BinanceDecoder decoder = new BinanceDecoder(venue);
            decoder.contextSymbol(capture[2]);
            final List<byte[]> frames = frames(recordings.resolve(capture[1]));
            final String name = capture[1].substring(capture[1].lastIndexOf('/') + 1);

            sink.reset();
            for (final byte[] frame : frames)
            {
                sink.decode(decoder, frame, frame.length);
            }
            digests.put(name + ":all", sink.crc.getValue());

            for (final String kind : KINDS)
            {
                final List<byte[]> samples = new ArrayList<>();
                for (final byte[] frame : frames)
                {
                    final String text = new String(frame, StandardCharsets.US_ASCII);
                    if (samples.size() < SAMPLES_PER_KIND && text.contains(kind))
                    {
                        samples.add(frame);
                    }
                }
                if (samples.isEmpty())
                {
                    continue;
                }
                sink.reset();
                for (final byte[] frame : samples)
                {
                    for (int m = 0; m < MUTATIONS_PER_FRAME; m++)
                    {
                        final byte[] mutated = frame.clone();
                        int length = mutated.length;
                        if (m % 3 == 0)
                        {
                            length = random.nextInt(length + 1);
                        }
                        else
                        {
                            final int changes = 1 + (m % 3 == 2 ? random.nextInt(3) : 0);
                            for (int c = 0; c < changes; c++)
                            {
                                final byte replacement = MUTATION_BYTES[random.nextInt(MUTATION_BYTES.length)];
                                mutated[random.nextInt(length)] = replacement;
                            }
                        }
                        sink.decode(decoder, mutated, length);
                    }
                }
                digests.put(name + ":" + kind + ":mutations", sink.crc.getValue());
            }
        }
        return digests;
    }

    private static List<byte[]> frames(final Path file) throws IOException
    {
        final List<byte[]> frames = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                final int space = line.indexOf(' ');
                frames.add(line.substring(space + 1).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return frames;
    }

    /**
     * Digests every message committed: its bytes and its symbol.
     */
    private static final class DigestSink implements MessageSink
    {
        private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 20]);
        private final UnsafeBuffer frameBuffer = new UnsafeBuffer(new byte[0]);
        private final CRC32 crc = new CRC32();

        void reset()
        {
            crc.reset();
        }

        void decode(final BinanceDecoder decoder, final byte[] frame, final int length)
        {
            // the frame sits inside a larger buffer, as it does in a capture: nothing may be read past its end
            final byte[] padded = new byte[length + 16];
            System.arraycopy(frame, 0, padded, 8, length);
            java.util.Arrays.fill(padded, 0, 8, (byte)'9');
            java.util.Arrays.fill(padded, 8 + length, padded.length, (byte)'9');
            frameBuffer.wrap(padded);
            final int committed = decoder.decode(frameBuffer, 8, length, 1_700_000_000_000_000_000L, this);
            crc.update(committed);
        }

        @Override
        public MutableDirectBuffer buffer()
        {
            return buffer;
        }

        @Override
        public int claim(final int length)
        {
            return length <= buffer.capacity() ? 0 : TOO_LARGE;
        }

        @Override
        public void commit(final int length, final DirectBuffer symbol, final int symbolOffset, final int symbolLength)
        {
            crc.update(length);
            crc.update(buffer.byteArray(), 0, length);
            for (int i = 0; i < symbolLength; i++)
            {
                crc.update(symbol.getByte(symbolOffset + i));
            }
        }

        @Override
        public void abort()
        {
        }
    }
}
