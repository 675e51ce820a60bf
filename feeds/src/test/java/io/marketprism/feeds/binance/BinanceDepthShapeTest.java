/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.feeds.RecordingSink;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Depth updates read with their head against the shape of one decoded before ({@link BinanceDepthShape}), checked
 * against the general path byte for byte: every recorded one (most read against a shape), and changes of the head,
 * of what lies between the bids and the asks and of what follows the asks, each right after the clean frame whose
 * shape the decoder has then learnt.
 */
class BinanceDepthShapeTest
{
    private static final long RECV_TS_NS = 1_723_161_254_087_896_568L;
    private static final byte[] REPLACEMENTS = "09.\",:[]{} -eaA\u0000".getBytes(StandardCharsets.ISO_8859_1);

    private final RecordingSink expectedSink = new RecordingSink(16 * 1024 * 1024, true);
    private final RecordingSink actualSink = new RecordingSink(16 * 1024 * 1024, true);
    private final java.util.Map<Venue, BinanceDecoder> references = new java.util.EnumMap<>(Venue.class);
    private final java.util.Map<Venue, BinanceDecoder> decoders = new java.util.EnumMap<>(Venue.class);

    @Test
    void recordedDepthUpdatesAreMostlyReadAgainstAShapeAndDecodeAsTheGeneralPathDoes()
    {
        long frames = 0;
        for (final String[] file : Recordings.BINANCE_HFT_FILES)
        {
            for (final String line : Recordings.lines(file[1]))
            {
                final String payload = Recordings.hftPayload(line);
                if (payload.contains("\"e\":\"depthUpdate\""))
                {
                    check(Recordings.venue(file[0]), payload.getBytes(StandardCharsets.ISO_8859_1));
                    frames++;
                }
            }
        }
        long shaped = 0;
        for (final BinanceDecoder decoder : decoders.values())
        {
            shaped += decoder.shapedDepthFrames();
        }
        System.out.println("depth updates read against a learnt head: " + shaped + " of " + frames);
        assertTrue(frames > 10_000, "recorded depth updates: " + frames);
        assertTrue(shaped > frames * 9 / 10, "shaped: " + shaped + " of " + frames);
    }

    @Test
    void everyChangeOfOneByteOutsideTheLevelsDecodesAsTheGeneralPathDoes()
    {
        for (final String text : samples())
        {
            final byte[] frame = text.getBytes(StandardCharsets.ISO_8859_1);
            final int bids = text.indexOf("\"b\":[") + 4;
            final int bidsEnd = text.indexOf("]],\"a\":[") + 2;
            final List<Integer> positions = new ArrayList<>();
            for (int at = 0; at < bids + 2; at++)
            {
                positions.add(at);
            }
            for (int at = bidsEnd - 2; at < bidsEnd + 7; at++)
            {
                positions.add(at);
            }
            for (int at = frame.length - 4; at < frame.length; at++)
            {
                positions.add(at);
            }
            for (final int at : positions)
            {
                for (final byte replacement : REPLACEMENTS)
                {
                    final byte[] changed = frame.clone();
                    changed[at] = replacement;
                    check(Venue.BINANCE_SPOT, frame);
                    check(Venue.BINANCE_SPOT, changed);
                }
            }
            // longer and shorter: a byte more or less at the end, members after the asks, whitespace
            check(Venue.BINANCE_SPOT, frame);
            check(Venue.BINANCE_SPOT, Arrays.copyOf(frame, frame.length - 1));
            check(Venue.BINANCE_SPOT, frame);
            check(Venue.BINANCE_SPOT, (text + "}").getBytes(StandardCharsets.ISO_8859_1));
            check(Venue.BINANCE_SPOT, frame);
            check(Venue.BINANCE_SPOT, text.replace("]]}}", "]],\"x\":1}}").getBytes(StandardCharsets.ISO_8859_1));
            check(Venue.BINANCE_SPOT, frame);
            check(Venue.BINANCE_SPOT, text.replace("]],\"a\":", "]] ,\"a\":").getBytes(StandardCharsets.ISO_8859_1));
            check(Venue.BINANCE_SPOT, frame);
            check(Venue.BINANCE_SPOT, text.replace("]],\"a\":", "]],\"a\": ").getBytes(StandardCharsets.ISO_8859_1));
            check(Venue.BINANCE_SPOT, frame);
            check(Venue.BINANCE_SPOT, text.replace("\"a\":[[", "\"a\":[ [").getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void theHeadsNumbersAreReadWhateverTheirDigits()
    {
        final String text = samples().get(0);
        final byte[] frame = text.getBytes(StandardCharsets.ISO_8859_1);
        final int time = text.indexOf("\"E\":") + 4;
        final int first = text.indexOf("\"U\":") + 4;
        final int last = text.indexOf("\"u\":") + 4;
        for (final int at : new int[]{ time, first, last })
        {
            for (final String digits : new String[]{ "0", "9", "5" })
            {
                final byte[] changed = frame.clone();
                for (int i = at; Character.isDigit(text.charAt(i)); i++)
                {
                    changed[i] = (byte)digits.charAt(0);
                }
                check(Venue.BINANCE_SPOT, frame);
                check(Venue.BINANCE_SPOT, changed);
            }
        }
        final long before = decoder(Venue.BINANCE_SPOT).shapedDepthFrames();
        check(Venue.BINANCE_SPOT, frame);
        assertEquals(before + 1, decoder(Venue.BINANCE_SPOT).shapedDepthFrames());
    }

    private static List<String> samples()
    {
        final List<String> samples = new ArrayList<>();
        int index = 0;
        for (final String line : Recordings.lines("hftbacktest/spot/btcusdt_20240808.gz"))
        {
            final String payload = Recordings.hftPayload(line);
            if (payload.contains("\"e\":\"depthUpdate\"") && payload.contains("]],\"a\":[[") && index++ % 500 == 0)
            {
                samples.add(payload);
                if (samples.size() == 6)
                {
                    break;
                }
            }
        }
        assertEquals(6, samples.size());
        return samples;
    }

    private BinanceDecoder decoder(final Venue venue)
    {
        return decoders.computeIfAbsent(venue, SameAsGeneralPath::fastDecoder);
    }

    private void check(final Venue venue, final byte[] frame)
    {
        final BinanceDecoder reference = references.computeIfAbsent(venue, SameAsGeneralPath::generalDecoder);
        final byte[] bytes = Arrays.copyOf(frame, frame.length + 16);
        Arrays.fill(bytes, frame.length, bytes.length, (byte)'}');
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        expectedSink.clear();
        actualSink.clear();
        final String context = JsonExpectations.abbreviate(new String(frame, StandardCharsets.ISO_8859_1));
        assertEquals(reference.decode(buffer, 0, frame.length, RECV_TS_NS, expectedSink),
            decoder(venue).decode(buffer, 0, frame.length, RECV_TS_NS, actualSink), context);
        SameAsGeneralPath.assertSameMessages(expectedSink, actualSink, context);
    }
}
