/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.feeds.Allocations;
import io.marketprism.feeds.RecordingSink;
import io.marketprism.feeds.json.GeneralJsonCursor;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code trade} / {@code aggTrade} fast path ({@link BinanceTradeFastPath}) against the general path: the same
 * decoder over a cursor without fast paths, which never takes it. Every recorded trade and aggTrade frame (spot,
 * USD-M, COIN-M) must take the fast path and commit byte for byte what the general path commits; every mutated frame
 * (members reordered, a field inserted, removed or repeated, whitespace, a value malformed or of another shape,
 * truncated, trailing bytes) must commit the same message, or the same malformed status with the same reason and
 * offset, whichever path it takes. The counts of frames that took the fast path and frames that fell back are
 * asserted too, so that both paths are shown to run.
 */
final class BinanceTradeFastPathTest
{
    private static final long RECV_TS_NS = 1_723_161_254_087_896_568L;
    private static final String[][] HFT_FILES = {
        { "spot", "hftbacktest/spot/btcusdt_20240808.gz" },
        { "spot", "hftbacktest/spot/btcusdt_20240809.gz" },
        { "spot", "hftbacktest/spot/ethusdt_20240808.gz" },
        { "spot", "hftbacktest/spot/ethusdt_20240809.gz" },
        { "spot", "hftbacktest/spot/btcusdt_20230405.dat.gz" },
        { "coinm", "hftbacktest/cm/btcusd_perp_20240808.gz" },
        { "coinm", "hftbacktest/cm/btcusd_perp_20240809.gz" },
        { "usdm", "hftbacktest/usdm/btcusdt_20230404.dat.gz" },
        { "usdm", "hftbacktest/usdm/btcusdt_20230405.dat.gz" } };
    private static final String[][] CRYPTOFEED_FILES = {
        { "spot", "cryptofeed/BINANCE.ws.1.0.gz" },
        { "usdm", "cryptofeed/BINANCE_FUTURES.ws.1.0.gz" },
        { "coinm", "cryptofeed/BINANCE_DELIVERY.ws.1.0.gz" } };
    /** Values to put in place of a member's, each of a shape the fast path does not take or the general rejects. */
    private static final String[] ODD_VALUES = {
        "\"\"", "\"0\"", "\"0.00000000\"", "\"-1.5\"", "\"1e3\"", "\"1.\"", "\".5\"", "\"12345678901234567890\"",
        "\"1234567890123456789.5\"", "1.5", "15", "-1", "0", "\"15\"", "1e3", "1234567890123456", "9223372036854",
        "9223372036855", "922337203685477", "true", "false", "null", "tru", "[]", "{}", "\"BTC USDT\"",
        "\"BTC\\u0055SDT\"", "\"" + "A".repeat(32) + "\"", "\"" + "A".repeat(33) + "\"", "\"\u0001\"", "\"trade\"",
        "\"aggTrade\"", "\"x\"" };
    private static final String[] EXTRA_KEYS = { "e", "E", "T", "t", "a", "s", "p", "q", "m", "M", "X", "f", "l",
        "b", "u", "x", "stream", "data", "pu", "" };

    private final Random random = new Random(20241122);
    private final Map<Venue, BinanceDecoder> references = new EnumMap<>(Venue.class);
    private final Map<Venue, BinanceDecoder> decoders = new EnumMap<>(Venue.class);
    private final RecordingSink expectedSink = new RecordingSink(1 << 20, true);
    private final RecordingSink actualSink = new RecordingSink(1 << 20, true);
    private long fastFrames;
    private long fallbackFrames;

    @Test
    void shouldTakeTheFastPathForEveryRecordedTradeAndWriteWhatTheGeneralPathWrites()
    {
        long frames = 0;
        for (final Sample sample : recordedTrades())
        {
            final long before = decoder(sample.venue).fastTradeFrames();
            check(sample.venue, sample.text);
            assertEquals(before + 1, decoder(sample.venue).fastTradeFrames(), sample.text);
            frames++;
        }
        System.out.println("trade fast path: " + frames + " recorded trade/aggTrade frames, all took it");
        assertTrue(frames > 20_000, "recorded trade frames: " + frames);
    }

    @Test
    void shouldTakeTheFastPathForBareEventsInAnyMemberOrder()
    {
        for (final Sample sample : spread(200))
        {
            final List<String[]> members = members(MiniJson.event(sample.text));
            final String[] eventMember = members.remove(0);
            for (int round = 0; round < 5; round++)
            {
                Collections.shuffle(members, random);
                final List<String[]> reordered = new ArrayList<>(members);
                reordered.add(0, eventMember);
                final long before = decoder(sample.venue).fastTradeFrames();
                check(sample.venue, object(reordered));
                assertEquals(before + 1, decoder(sample.venue).fastTradeFrames(), object(reordered));
            }
        }
    }

    @Test
    void mutatedTradesDecodeAsTheGeneralPathDoes()
    {
        for (final Sample sample : spread(100))
        {
            final boolean envelope = sample.text.startsWith("{\"stream\"");
            final List<String[]> members = members(MiniJson.event(sample.text));
            for (int round = 0; round < 60; round++)
            {
                final List<String[]> edited = new ArrayList<>();
                for (final String[] member : members)
                {
                    edited.add(member.clone());
                }
                final boolean spaced = edit(edited);
                final String event = spaced ? spacedObject(edited) : object(edited);
                check(sample.venue, envelope && random.nextInt(4) != 0 ?
                    "{\"stream\":\"x@trade\",\"data\":" + event + "}" : event);
            }
        }
        System.out.println("mutated trades: " + fastFrames + " took the fast path, " + fallbackFrames +
            " fell back");
        assertTrue(fastFrames > 1_000, "fast: " + fastFrames);
        assertTrue(fallbackFrames > 1_000, "fell back: " + fallbackFrames);
    }

    @Test
    void truncatedAndExtendedTradesDecodeAsTheGeneralPathDoes()
    {
        for (final Sample sample : spread(400))
        {
            for (int length = 0; length < sample.text.length(); length++)
            {
                check(sample.venue, sample.text.substring(0, length));
            }
            for (final String tail : new String[]{ " ", "\n", "}", ",", "x", "{}", "]" })
            {
                check(sample.venue, sample.text + tail);
                check(sample.venue, tail + sample.text);
            }
            // every byte changed in turn to one a frame is made of
            final byte[] alphabet = "\"{}[],:.-0 9eEtaf\\".getBytes(StandardCharsets.US_ASCII);
            final byte[] bytes = sample.text.getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < bytes.length; i++)
            {
                final byte[] changed = bytes.clone();
                changed[i] = alphabet[random.nextInt(alphabet.length)];
                check(sample.venue, new String(changed, StandardCharsets.ISO_8859_1));
            }
        }
    }

    @Test
    void shouldDecodeTradesWithoutAllocating()
    {
        final List<Sample> samples = spread(20);
        final List<UnsafeBuffer> buffers = new ArrayList<>();
        for (final Sample sample : samples)
        {
            buffers.add(new UnsafeBuffer(sample.text.getBytes(StandardCharsets.US_ASCII)));
        }
        final RecordingSink counting = new RecordingSink(1 << 20, false);
        final long fastBefore = fastTradeFramesOfAll();
        final String measured = Allocations.assertNone(() ->
        {
            counting.clear();
            for (int i = 0; i < samples.size(); i++)
            {
                final UnsafeBuffer buffer = buffers.get(i);
                decoder(samples.get(i).venue).decode(buffer, 0, buffer.capacity(), RECV_TS_NS, counting);
            }
        });
        assertEquals(samples.size(), counting.commits());
        assertTrue(fastTradeFramesOfAll() - fastBefore >= 3L * samples.size());
        System.out.println("trade fast path over " + samples.size() + " frames, bytes allocated per pass: " + measured);
    }

    private long fastTradeFramesOfAll()
    {
        long sum = 0;
        for (final Venue venue : new Venue[]{ Venue.BINANCE_SPOT, Venue.BINANCE_USDM, Venue.BINANCE_COINM })
        {
            sum += decoder(venue).fastTradeFrames();
        }
        return sum;
    }

    /**
     * Edits the members of an event: reorders, inserts, removes, repeats or changes one.
     *
     * @return true when the object should be written with whitespace.
     */
    private boolean edit(final List<String[]> members)
    {
        switch (random.nextInt(9))
        {
            case 0:
                Collections.shuffle(members, random);
                return false;
            case 1:
                members.remove(random.nextInt(members.size()));
                return false;
            case 2:
                members.add(random.nextInt(members.size() + 1), members.get(random.nextInt(members.size())).clone());
                return false;
            case 3:
                members.add(random.nextInt(members.size() + 1), new String[]{
                    EXTRA_KEYS[random.nextInt(EXTRA_KEYS.length)], ODD_VALUES[random.nextInt(ODD_VALUES.length)] });
                return false;
            case 4:
            case 5:
                members.get(random.nextInt(members.size()))[1] = ODD_VALUES[random.nextInt(ODD_VALUES.length)];
                return false;
            case 6:
                return true;
            default:
                // unchanged apart from where the event type sits: fast path for the first, general otherwise
                if (random.nextBoolean())
                {
                    Collections.swap(members, 0, random.nextInt(members.size()));
                }
                return false;
        }
    }

    private void check(final Venue venue, final String text)
    {
        final byte[] frame = text.getBytes(StandardCharsets.ISO_8859_1);
        // the frame sits inside a larger buffer, between bytes that would change the result if read
        final int offset = random.nextInt(8);
        final byte[] bytes = new byte[offset + frame.length + 16];
        Arrays.fill(bytes, (byte)'9');
        System.arraycopy(frame, 0, bytes, offset, frame.length);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);

        expectedSink.clear();
        actualSink.clear();
        final BinanceDecoder decoder = decoder(venue);
        final long fastBefore = decoder.fastTradeFrames();
        final int expected = reference(venue).decode(buffer, offset, frame.length, RECV_TS_NS, expectedSink);
        final int actual = decoder.decode(buffer, offset, frame.length, RECV_TS_NS, actualSink);
        if (decoder.fastTradeFrames() != fastBefore)
        {
            fastFrames++;
        }
        else
        {
            fallbackFrames++;
        }
        final String context = venue + " " + text;
        assertEquals(0, reference(venue).fastTradeFrames(), "the reference never takes the fast path");
        assertEquals(expected, actual, context);
        assertEquals(expectedSink.messages().size(), actualSink.messages().size(), context);
        for (int i = 0; i < expectedSink.messages().size(); i++)
        {
            final RecordingSink.Message e = expectedSink.messages().get(i);
            final RecordingSink.Message a = actualSink.messages().get(i);
            assertArrayEquals(expectedSink.bytes(e), actualSink.bytes(a), context);
            assertEquals(e.symbol(), a.symbol(), context);
        }
        assertEquals(0, actualSink.protocolErrors(), context);
    }

    private BinanceDecoder reference(final Venue venue)
    {
        return references.computeIfAbsent(venue, v -> new BinanceDecoder(v, BinanceDecoder.DEFAULT_MAX_FRAME_LENGTH,
            BinanceDecoder.DEFAULT_SNAPSHOT_HEADROOM, GeneralJsonCursor.create()));
    }

    private BinanceDecoder decoder(final Venue venue)
    {
        return decoders.computeIfAbsent(venue, BinanceDecoder::new);
    }

    private static List<String[]> members(final String object)
    {
        final List<String[]> list = new ArrayList<>();
        for (final Map.Entry<String, String> member : MiniJson.members(object).entrySet())
        {
            list.add(new String[]{ member.getKey(), member.getValue() });
        }
        return list;
    }

    private static String object(final List<String[]> members)
    {
        final StringBuilder text = new StringBuilder("{");
        for (final String[] member : members)
        {
            text.append(text.length() > 1 ? "," : "").append('"').append(member[0]).append("\":").append(member[1]);
        }
        return text.append('}').toString();
    }

    private String spacedObject(final List<String[]> members)
    {
        final String[] spaces = { "", "", " ", "\n", "\t", "\r\n " };
        final StringBuilder text = new StringBuilder("{");
        for (final String[] member : members)
        {
            text.append(text.length() > 1 ? "," : "").append(spaces[random.nextInt(spaces.length)]).append('"')
                .append(member[0]).append('"').append(spaces[random.nextInt(spaces.length)]).append(':')
                .append(spaces[random.nextInt(spaces.length)]).append(member[1])
                .append(spaces[random.nextInt(spaces.length)]);
        }
        return text.append('}').toString();
    }

    /**
     * Every recorded trade and aggTrade frame, as received.
     */
    private static List<Sample> recordedTrades()
    {
        final List<Sample> samples = new ArrayList<>();
        for (final String[] file : HFT_FILES)
        {
            for (final String line : Recordings.lines(file[1]))
            {
                addIfTrade(samples, file[0], Recordings.hftPayload(line));
            }
        }
        for (final String[] file : CRYPTOFEED_FILES)
        {
            for (final String line : Recordings.lines(file[1]))
            {
                final String payload = Recordings.cryptofeedPayload(line);
                if (payload != null)
                {
                    addIfTrade(samples, file[0], payload);
                }
            }
        }
        return samples;
    }

    /**
     * Every n-th recorded trade frame, and the first of each file, so that every layout is among them.
     */
    private static List<Sample> spread(final int everyNth)
    {
        final List<Sample> all = recordedTrades();
        final List<Sample> samples = new ArrayList<>();
        String lastLayout = null;
        for (int i = 0; i < all.size(); i++)
        {
            final Sample sample = all.get(i);
            final String layout = sample.venue + layoutOf(sample.text);
            if (i % everyNth == 0 || !layout.equals(lastLayout))
            {
                samples.add(sample);
            }
            lastLayout = layout;
        }
        return samples;
    }

    private static String layoutOf(final String text)
    {
        return String.join(",", MiniJson.members(MiniJson.event(text)).keySet());
    }

    private static void addIfTrade(final List<Sample> samples, final String folder, final String payload)
    {
        if (payload.contains("\"e\":\"trade\"") || payload.contains("\"e\":\"aggTrade\""))
        {
            samples.add(new Sample(Recordings.venue(folder), payload));
        }
    }

    private static final class Sample
    {
        final Venue venue;
        final String text;

        Sample(final Venue venue, final String text)
        {
            this.venue = venue;
            this.text = text;
        }
    }
}
