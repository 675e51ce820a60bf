/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.feeds.Allocations;
import io.marketprism.feeds.RecordingSink;
import io.marketprism.feeds.json.GeneralJsonCursor;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast paths, {@code trade} / {@code aggTrade} ({@link BinanceTradeFastPath}) and {@code bookTicker}
 * ({@link BinanceBookTickerFastPath}), against the general path: the same decoder over a cursor without fast paths,
 * which never takes them. Every recorded frame of the kind (spot, USD-M, COIN-M) must take its fast path and commit
 * byte for byte what the general path commits; every mutated frame (members reordered, a field inserted, removed,
 * repeated or renamed, whitespace, a value malformed or of another shape, truncated, trailing bytes) must commit the
 * same message, or the same malformed status with the same reason and offset, whichever path it takes. The counts
 * of frames that took the fast path and frames that fell back are asserted too, so that both paths are shown to run.
 */
final class BinanceFastPathTest
{
    private static final long RECV_TS_NS = 1_723_161_254_087_896_568L;
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
        "\"aggTrade\"", "\"bookTicker\"", "\"bookTicke\"", "\"bookTickers\"", "\"x\"" };
    private static final String[] EXTRA_KEYS = { "e", "E", "T", "t", "a", "s", "p", "q", "m", "M", "X", "f", "l",
        "b", "u", "x", "stream", "data", "pu", "B", "A", "ps", "U", "", "\u0000b", " b", "\u0000", "p\u0000", "sp" };

    private static final String[] KEY_PREFIXES = { "\u0000", " ", "\u0001", "x", "p" };

    private final Random random = new Random(20241122);
    private final Map<Venue, BinanceDecoder> references = new EnumMap<>(Venue.class);
    private final Map<Venue, BinanceDecoder> decoders = new EnumMap<>(Venue.class);
    private final RecordingSink expectedSink = new RecordingSink(1 << 20, true);
    private final RecordingSink actualSink = new RecordingSink(1 << 20, true);
    private long fastFrames;
    private long fallbackFrames;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shouldTakeTheFastPathForEveryRecordedFrameAndWriteWhatTheGeneralPathWrites(final Kind kind)
    {
        long frames = 0;
        for (final Recordings.Sample sample : recorded(kind))
        {
            final long before = kind.taken(decoder(sample.venue));
            check(kind, sample.venue, sample.text);
            assertEquals(before + 1, kind.taken(decoder(sample.venue)), sample.text);
            frames++;
        }
        System.out.println(kind + " fast path: " + frames + " recorded frames, all took it");
        assertTrue(frames > 20_000, "recorded frames: " + frames);
        if (kind == Kind.TRADE)
        {
            // one connection's trades come in few shapes: most are read against the one learnt from a trade before
            long shaped = 0;
            for (final Venue venue : new Venue[]{ Venue.BINANCE_SPOT, Venue.BINANCE_USDM, Venue.BINANCE_COINM })
            {
                shaped += decoder(venue).shapedTradeFrames();
            }
            System.out.println(kind + " read against a learnt shape: " + shaped + " of " + frames);
            assertTrue(shaped > frames / 2, "shaped: " + shaped + " of " + frames);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shouldTakeTheFastPathForBareEventsInAnyMemberOrder(final Kind kind)
    {
        for (final Recordings.Sample sample : spread(kind, 200))
        {
            final List<String[]> members = members(MiniJson.event(sample.text));
            // a trade's event type must come first; a bookTicker's may sit anywhere
            final String[] eventMember = kind.eventTypeFirst ? members.remove(0) : null;
            for (int round = 0; round < 5; round++)
            {
                Collections.shuffle(members, random);
                final List<String[]> reordered = new ArrayList<>(members);
                if (eventMember != null)
                {
                    reordered.add(0, eventMember);
                }
                final long before = kind.taken(decoder(sample.venue));
                check(kind, sample.venue, object(reordered));
                assertEquals(before + 1, kind.taken(decoder(sample.venue)), object(reordered));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void mutatedFramesDecodeAsTheGeneralPathDoes(final Kind kind)
    {
        for (final Recordings.Sample sample : spread(kind, 100))
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
                check(kind, sample.venue, envelope && random.nextInt(4) != 0 ?
                    "{\"stream\":\"x@" + kind.stream + "\",\"data\":" + event + "}" : event);
            }
        }
        System.out.println("mutated " + kind + " frames: " + fastFrames + " took the fast path, " + fallbackFrames +
            " fell back");
        assertTrue(fastFrames > 1_000, "fast: " + fastFrames);
        assertTrue(fallbackFrames > 1_000, "fell back: " + fallbackFrames);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void truncatedAndExtendedFramesDecodeAsTheGeneralPathDoes(final Kind kind)
    {
        for (final Recordings.Sample sample : spread(kind, 400))
        {
            for (int length = 0; length < sample.text.length(); length++)
            {
                check(kind, sample.venue, sample.text.substring(0, length));
            }
            for (final String tail : new String[]{ " ", "\n", "}", ",", "x", "{}", "]" })
            {
                check(kind, sample.venue, sample.text + tail);
                check(kind, sample.venue, tail + sample.text);
            }
            // every byte changed in turn to one a frame is made of
            final byte[] alphabet = "\"{}[],:.-0 9eEtaf\\".getBytes(StandardCharsets.US_ASCII);
            final byte[] bytes = sample.text.getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < bytes.length; i++)
            {
                final byte[] changed = bytes.clone();
                changed[i] = alphabet[random.nextInt(alphabet.length)];
                check(kind, sample.venue, new String(changed, StandardCharsets.ISO_8859_1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shouldDecodeWithoutAllocating(final Kind kind)
    {
        final List<Recordings.Sample> samples = spread(kind, 20);
        final List<UnsafeBuffer> buffers = new ArrayList<>();
        for (final Recordings.Sample sample : samples)
        {
            buffers.add(new UnsafeBuffer(sample.text.getBytes(StandardCharsets.US_ASCII)));
        }
        final RecordingSink counting = new RecordingSink(1 << 20, false);
        final long fastBefore = takenByAll(kind);
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
        assertTrue(takenByAll(kind) - fastBefore >= 3L * samples.size());
        System.out.println(kind + " fast path over " + samples.size() + " frames, bytes allocated per pass: " +
            measured);
    }

    private long takenByAll(final Kind kind)
    {
        long sum = 0;
        for (final Venue venue : new Venue[]{ Venue.BINANCE_SPOT, Venue.BINANCE_USDM, Venue.BINANCE_COINM })
        {
            sum += kind.taken(decoder(venue));
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
        switch (random.nextInt(10))
        {
            case 8:
                // a key renamed by a byte before it: two-byte keys must never be taken for one-byte ones
                final String[] renamed = members.get(random.nextInt(members.size()));
                renamed[0] = KEY_PREFIXES[random.nextInt(KEY_PREFIXES.length)] + renamed[0];
                return false;
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

    private void check(final Kind kind, final Venue venue, final String text)
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
        final long fastBefore = kind.taken(decoder);
        final int expected = reference(venue).decode(buffer, offset, frame.length, RECV_TS_NS, expectedSink);
        final int actual = decoder.decode(buffer, offset, frame.length, RECV_TS_NS, actualSink);
        if (kind.taken(decoder) != fastBefore)
        {
            fastFrames++;
        }
        else
        {
            fallbackFrames++;
        }
        final String context = venue + " " + text;
        assertEquals(0, reference(venue).fastTradeFrames() + reference(venue).fastBookTickerFrames(),
            "the reference never takes a fast path");
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
     * Every recorded frame of the kind, as received.
     */
    private static List<Recordings.Sample> recorded(final Kind kind)
    {
        final List<Recordings.Sample> samples = new ArrayList<>();
        for (final String[] file : Recordings.BINANCE_HFT_FILES)
        {
            for (final String line : Recordings.lines(file[1]))
            {
                addIfOfKind(kind, samples, file[0], Recordings.hftPayload(line));
            }
        }
        for (final String[] file : CRYPTOFEED_FILES)
        {
            for (final String line : Recordings.lines(file[1]))
            {
                final String payload = Recordings.cryptofeedPayload(line);
                if (payload != null)
                {
                    addIfOfKind(kind, samples, file[0], payload);
                }
            }
        }
        return samples;
    }

    /**
     * Every n-th recorded frame of the kind, and the first of each file, so that every layout is among them.
     */
    private static List<Recordings.Sample> spread(final Kind kind, final int everyNth)
    {
        final List<Recordings.Sample> all = recorded(kind);
        final List<Recordings.Sample> samples = new ArrayList<>();
        String lastLayout = null;
        for (int i = 0; i < all.size(); i++)
        {
            final Recordings.Sample sample = all.get(i);
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

    private static void addIfOfKind(
        final Kind kind, final List<Recordings.Sample> samples, final String folder, final String payload)
    {
        if (kind.matches(payload))
        {
            samples.add(new Recordings.Sample(Recordings.venue(folder), payload));
        }
    }

    /**
     * A fast path: which recorded frames are its kind, how its frames are told apart, how often it was taken.
     */
    enum Kind
    {
        TRADE("trade", true, BinanceDecoder::fastTradeFrames, "\"e\":\"trade\"", "\"e\":\"aggTrade\""),
        BOOK_TICKER("bookTicker", false, BinanceDecoder::fastBookTickerFrames,
            "@bookTicker\"", "\"e\":\"bookTicker\"");

        final String stream;
        final boolean eventTypeFirst;
        private final ToLongFunction<BinanceDecoder> taken;
        private final String[] markers;

        Kind(
            final String stream,
            final boolean eventTypeFirst,
            final ToLongFunction<BinanceDecoder> taken,
            final String... markers)
        {
            this.stream = stream;
            this.eventTypeFirst = eventTypeFirst;
            this.taken = taken;
            this.markers = markers;
        }

        long taken(final BinanceDecoder decoder)
        {
            return taken.applyAsLong(decoder);
        }

        boolean matches(final String payload)
        {
            for (final String marker : markers)
            {
                if (payload.contains(marker))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
