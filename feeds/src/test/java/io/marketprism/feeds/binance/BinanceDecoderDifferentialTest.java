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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link BinanceDecoder} with its fast paths against the same decoder over a cursor without them, which takes only
 * the general paths (every key by the general member parse, every number by the general parse, every book level
 * element by element): on every recorded frame and on many adversarial variants of them (keys in other orders,
 * whitespace, escapes, exponents, leading zeros, long numbers, missing and duplicated fields, corrupted and truncated
 * bytes), both must commit the same messages byte for byte, malformed statuses included (same reason, same byte
 * offset).
 * <p>
 * Every frame is decoded inside a larger buffer followed by bytes that would change the result if the decoder read
 * past the frame's end (digits, quotes, separators, brackets). A changed frame comes right after its clean original,
 * whose shapes (a trade frame's, its book levels') the fast paths have then learnt and read the changed one against.
 */
final class BinanceDecoderDifferentialTest
{
    private static final long RECV_TS_NS = 1_723_161_254_087_896_568L;
    private static final String[][] CRYPTOFEED_FILES = {
        { "spot", "cryptofeed/BINANCE.ws.1.0.gz" },
        { "spot", "cryptofeed/BINANCE.http.0.0.gz" },
        { "usdm", "cryptofeed/BINANCE_FUTURES.ws.1.0.gz" },
        { "usdm", "cryptofeed/BINANCE_FUTURES.http.0.0.gz" },
        { "coinm", "cryptofeed/BINANCE_DELIVERY.ws.1.0.gz" },
        { "coinm", "cryptofeed/BINANCE_DELIVERY.http.0.0.gz" } };
    /** What may follow a frame in its buffer: each would change a result read past the end. */
    private static final String[] TAILS = {
        "99999999999999999999", "\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"", ",\"a\":\"1\",\"b\":[[\"1\",\"2\"]]}}}}",
        "]]]]]]]]}}}}}}}}", "                    ", "e5e5e5e5e5e5e5e5", ".5.5.5.5.5.5.5.5.5" };
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final String[] NUMBER_VARIANTS = {
        "", "0", "00", "-0", "0.0", "1e-8", "1E+2", "1e2", "6.183763e4", "061837.63", "61837.630000000000000000",
        "61837.63000000000000000000001", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "18446744073709551616", "123456789012345678", "1234567890123456789", "0.000000000000000001",
        "12345678.12345678", "1234567.1234567", "123456789.1", "1.123456789", "99999999", "999999999", "1.", ".5",
        "1..2", "1.2.3", "+1", "--1", "1e", "1e+", "0x10", "NaN", "1 ", " 1", "1\\u0030", "１", "true", "null",
        "12345678", "1234567", "0.00000000", "0.12345678", "12.12345678", "123.1234567" };
    private static final byte[] ALPHABET =
        "{}[]\":,.-+eE0123456789 \t\n\r\\/nutrfalsebBaAsSpPqQ\u0000\u0001".getBytes(StandardCharsets.ISO_8859_1);

    private final RecordingSink expectedSink = new RecordingSink(16 * 1024 * 1024, true);
    private final RecordingSink actualSink = new RecordingSink(16 * 1024 * 1024, true);
    private final Map<Venue, BinanceDecoder> references = new java.util.EnumMap<>(Venue.class);
    private final Map<Venue, BinanceDecoder> decoders = new java.util.EnumMap<>(Venue.class);
    private final Random random = new Random(20240808);

    @Test
    void everyRecordedFrameDecodesAsTheGeneralPathsDo()
    {
        for (final String[] file : Recordings.BINANCE_HFT_FILES)
        {
            for (final String line : Recordings.lines(file[1]))
            {
                check(Recordings.venue(file[0]), Recordings.hftPayload(line));
            }
        }
        for (final String[] file : CRYPTOFEED_FILES)
        {
            for (final String line : Recordings.lines(file[1]))
            {
                final String payload = Recordings.cryptofeedPayload(line);
                if (payload != null)
                {
                    check(Recordings.venue(file[0]), payload);
                }
            }
        }
    }

    @Test
    void corruptedFramesDecodeAsTheGeneralPathsDo()
    {
        for (final Recordings.Sample sample : samples(40))
        {
            for (int round = 0; round < 60; round++)
            {
                final byte[] frame = sample.text.getBytes(StandardCharsets.ISO_8859_1);
                final int mutations = 1 + random.nextInt(3);
                byte[] mutated = frame;
                for (int i = 0; i < mutations; i++)
                {
                    mutated = mutate(mutated);
                }
                // the clean frame first, so that the fast paths have learnt its shapes (trade frame, book levels)
                // and the changed one is read against them
                check(sample.venue, frame);
                check(sample.venue, mutated);
            }
        }
    }

    @Test
    void everyTruncationDecodesAsTheGeneralPathsDo()
    {
        for (final Recordings.Sample sample : samples(400))
        {
            final byte[] frame = sample.text.getBytes(StandardCharsets.ISO_8859_1);
            for (int length = 0; length <= frame.length; length++)
            {
                check(sample.venue, Arrays.copyOf(frame, length));
            }
        }
    }

    @Test
    void rewrittenNumbersDecodeAsTheGeneralPaths()
    {
        for (final Recordings.Sample sample : samples(40))
        {
            for (int round = 0; round < 40; round++)
            {
                check(sample.venue, rewriteNumbers(sample.text, 1 + random.nextInt(3)));
            }
            // every number of the frame in turn, by every variant, quoted or not
            final Matcher matcher = NUMBER.matcher(sample.text);
            int count = 0;
            while (matcher.find() && count++ < 12)
            {
                for (final String variant : NUMBER_VARIANTS)
                {
                    check(sample.venue, sample.text);
                    check(sample.venue, sample.text.substring(0, matcher.start()) + variant +
                        sample.text.substring(matcher.end()));
                }
            }
        }
    }

    @Test
    void reorderedSpacedAndEditedMembersDecodeAsTheGeneralPaths()
    {
        for (final Recordings.Sample sample : samples(40))
        {
            final boolean envelope = sample.text.startsWith("{\"stream\"");
            final String data = envelope ?
                sample.text.substring(sample.text.indexOf("\"data\":") + 7, sample.text.length() - 1) : sample.text;
            final Map<String, String> members;
            try
            {
                members = MiniJson.members(data);
            }
            catch (final RuntimeException ex)
            {
                continue;
            }
            for (int round = 0; round < 80; round++)
            {
                final List<String[]> list = new ArrayList<>();
                for (final Map.Entry<String, String> member : members.entrySet())
                {
                    list.add(new String[]{ member.getKey(), member.getValue() });
                }
                edit(list);
                final String object = object(list);
                final String text = !envelope || random.nextInt(4) == 0 ? object :
                    "{\"stream\":\"x@y\"," + space() + "\"data\"" + space() + ":" + space() + object + space() + "}";
                check(sample.venue, text);
            }
        }
    }

    @Test
    void handWrittenEdgeCasesDecodeAsTheGeneralPaths()
    {
        final String[] texts = {
            "", "{", "{}", "[]", "{\"data\":{}}", "{\"stream\":1,\"data\":{\"e\":\"trade\"}}",
            "{\"e\":\"trade\",\"E\":1,\"s\":\"A\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"m\":true}",
            "{\"e\":\"trade\",\"E\":1,\"s\":\"A\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"m\":true }",
            "{\"e\":\"trade\",\"E\":1,\"s\":\"A\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"m\":truex}",
            "{\"e\":\"trade\",\"E\":1,\"s\":\"A\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"m\":tru}",
            "{\"e\":\"trade\",\"E\":1,\"s\":\"A\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"m\":false}",
            "{\"e\":\"trade\",\"E\":1,\"s\":\"A\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"m\":fals}",
            "{\"e\":\"trade\",\"E\":1,\"s\":\"A\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"m\":null}",
            "{\"e\":\"tr\\u0061de\",\"E\":1,\"s\":\"A\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"m\":true}",
            "{\"\\u0065\":\"trade\",\"E\":1,\"s\":\"A\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"m\":true}",
            "{\"e\":\"trade\",\"E\":1,\"s\":\"A\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"m\":true,\"e\":\"trade\"}",
            "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"A\",\"U\":1,\"u\":2,\"b\":[],\"a\":[]}",
            "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"A\",\"U\":1,\"u\":2,\"b\":[ ],\"a\":[[\"1\",\"2\"] ]}",
            "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"A\",\"U\":1,\"u\":2,\"b\":[[\"1\",\"2\",\"3\"]],\"a\":[]}",
            "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"A\",\"U\":1,\"u\":2,\"b\":[[\"1\",\"2\"],],\"a\":[]}",
            "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"A\",\"U\":1,\"u\":2,\"b\":[[\"1\",\"2\"][\"1\",\"2\"]],\"a\":[]}",
            "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"A\",\"U\":1,\"u\":2,\"b\":[[\"1\",2]],\"a\":[[1,\"2\"]]}",
            "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"A\",\"U\":1,\"u\":2,\"b\":[[\"0\",\"2\"]],\"a\":[]}",
            "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"A\",\"U\":1,\"u\":2,\"b\":[[\"1\"]],\"a\":[]}",
            "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"A\",\"U\":1,\"u\":2,\"b\":[[]],\"a\":[]}",
            "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"A\",\"U\":1,\"u\":2,\"b\":{},\"a\":[]}",
            "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"A\",\"U\":1,\"u\":2,\"b\":\"1\",\"a\":[]}",
            "{\"u\":1,\"s\":\"A\",\"b\":\"1\",\"B\":\"1\",\"a\":\"2\",\"A\":\"1\"}",
            "{\"u\":1,\"s\":\"A\",\"b\":1,\"B\":1,\"a\":2,\"A\":1}",
            "{\"u\":\"1\",\"s\":\"A\",\"b\":\"1\",\"B\":\"1\",\"a\":\"2\",\"A\":\"1\"}",
            "{\"u\":\"\",\"s\":\"A\",\"b\":\"1\",\"B\":\"1\",\"a\":\"2\",\"A\":\"1\"}",
            "{\"u\":1,\"s\":\"A\",\"b\":\"1\",\"B\":\"1\",\"a\":\"2\",\"A\":\"1\",\"T\":\"\",\"E\":0}",
            "{\"u\":1,\"s\":\"A\",\"b\":\"1\",\"B\":\"1\",\"a\":\"2\",\"A\":\"1\",\"T\":-1}",
            "{\"u\":1,\"s\":\"A\",\"b\":\"1\",\"B\":\"1\",\"a\":\"2\",\"A\":\"1\",\"T\":9223372036854775807}",
            "{\"u\":1,\"s\":\"A\",\"b\":\"1\",\"B\":\"1\",\"a\":\"2\",\"A\":\"1\",\"T\":92233720368547}",
            "{\"u\":1,\"s\":\"A\",\"b\":\"1\",\"B\":\"1\",\"a\":\"2\",\"A\":\"1\",\"T\":9223372036854}",
            "{\"lastUpdateId\":1,\"bids\":[[\"1\",\"1\"]],\"asks\":[[\"2\",\"1\"]]}",
            "{\"lastUpdateId\":1,\"symbol\":\"BTCUSD_PERP\",\"bids\":[[\"1\",\"1\"]],\"asks\":[[\"2\",\"1\"]]}",
            "{\"lastUpdateId\":1,\"bids\":[[\"1\",\"1\"]],\"asks\":[[\"2\",\"1\"]],\"E\":1,\"T\":2}",
            "{\"e\":\"markPriceUpdate\",\"E\":1,\"s\":\"A\",\"p\":\"1\",\"i\":\"\",\"r\":\"\",\"T\":2}",
            "{\"e\":\"markPriceUpdate\",\"E\":1,\"s\":\"A\",\"p\":\"1\",\"i\":\"1\",\"r\":\"-0.0001\",\"T\":2}" };
        for (final String text : texts)
        {
            for (final Venue venue : new Venue[]{ Venue.BINANCE_SPOT, Venue.BINANCE_USDM, Venue.BINANCE_COINM })
            {
                check(venue, text);
                for (int length = 0; length < text.length(); length++)
                {
                    check(venue, text.substring(0, length));
                }
            }
        }
    }

    private void check(final Venue venue, final String text)
    {
        check(venue, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void check(final Venue venue, final byte[] frame)
    {
        final BinanceDecoder reference = references.computeIfAbsent(venue, SameAsGeneralPath::generalDecoder);
        final BinanceDecoder decoder = decoders.computeIfAbsent(venue, SameAsGeneralPath::fastDecoder);
        final byte[] tail = TAILS[random.nextInt(TAILS.length)].getBytes(StandardCharsets.ISO_8859_1);
        final int offset = random.nextInt(16);
        final byte[] bytes = new byte[offset + frame.length + tail.length];
        Arrays.fill(bytes, 0, offset, (byte)'"');
        System.arraycopy(frame, 0, bytes, offset, frame.length);
        System.arraycopy(tail, 0, bytes, offset + frame.length, tail.length);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);

        expectedSink.clear();
        actualSink.clear();
        final int expected = reference.decode(buffer, offset, frame.length, RECV_TS_NS, expectedSink);
        final int actual = decoder.decode(buffer, offset, frame.length, RECV_TS_NS, actualSink);
        final String context = venue + " " + JsonExpectations.abbreviate(
            new String(frame, StandardCharsets.ISO_8859_1));
        assertEquals(expected, actual, context);
        assertEquals(expectedSink.commits(), actualSink.commits(), context);
        assertEquals(expectedSink.aborts(), actualSink.aborts(), context);
        assertEquals(0, actualSink.protocolErrors(), context);
        SameAsGeneralPath.assertSameMessages(expectedSink, actualSink, context);
    }

    private byte[] mutate(final byte[] frame)
    {
        if (frame.length == 0)
        {
            return frame;
        }
        final int at = random.nextInt(frame.length);
        switch (random.nextInt(6))
        {
            case 0:
            {
                final byte[] copy = frame.clone();
                copy[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                return copy;
            }
            case 1:
            {
                final byte[] copy = frame.clone();
                copy[at] = (byte)random.nextInt(256);
                return copy;
            }
            case 2:
            {
                final byte[] copy = new byte[frame.length + 1];
                System.arraycopy(frame, 0, copy, 0, at);
                copy[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                System.arraycopy(frame, at, copy, at + 1, frame.length - at);
                return copy;
            }
            case 3:
            {
                final byte[] copy = new byte[frame.length - 1];
                System.arraycopy(frame, 0, copy, 0, at);
                System.arraycopy(frame, at + 1, copy, at, frame.length - at - 1);
                return copy;
            }
            case 4:
            {
                // whitespace somewhere: harmless between tokens, fatal inside a number or keyword
                final byte[] space = { (byte)" \t\n\r".charAt(random.nextInt(4)) };
                final byte[] copy = new byte[frame.length + 1];
                System.arraycopy(frame, 0, copy, 0, at);
                copy[at] = space[0];
                System.arraycopy(frame, at, copy, at + 1, frame.length - at);
                return copy;
            }
            default:
                return Arrays.copyOf(frame, at);
        }
    }

    private String rewriteNumbers(final String text, final int count)
    {
        final List<int[]> spans = new ArrayList<>();
        final Matcher matcher = NUMBER.matcher(text);
        while (matcher.find())
        {
            spans.add(new int[]{ matcher.start(), matcher.end() });
        }
        if (spans.isEmpty())
        {
            return text;
        }
        String result = text;
        for (int i = 0; i < count; i++)
        {
            final int[] span = spans.get(random.nextInt(spans.size()));
            if (span[1] > result.length())
            {
                continue;
            }
            result = result.substring(0, span[0]) + randomNumber() + result.substring(span[1]);
            break;
        }
        return result;
    }

    private String randomNumber()
    {
        if (random.nextInt(3) == 0)
        {
            return NUMBER_VARIANTS[random.nextInt(NUMBER_VARIANTS.length)];
        }
        final StringBuilder builder = new StringBuilder();
        if (random.nextInt(8) == 0)
        {
            builder.append('-');
        }
        final int integerDigits = random.nextInt(6) == 0 ? random.nextInt(22) : 1 + random.nextInt(8);
        for (int i = 0; i < integerDigits; i++)
        {
            builder.append((char)('0' + random.nextInt(10)));
        }
        if (random.nextInt(3) != 0)
        {
            builder.append('.');
            final int fractionDigits = random.nextInt(6) == 0 ? random.nextInt(22) : random.nextInt(10);
            for (int i = 0; i < fractionDigits; i++)
            {
                builder.append((char)('0' + random.nextInt(10)));
            }
        }
        if (random.nextInt(10) == 0)
        {
            builder.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : "")
                .append(random.nextInt(200));
        }
        return builder.toString();
    }

    private void edit(final List<String[]> members)
    {
        switch (random.nextInt(8))
        {
            case 0:
                Collections.shuffle(members, random);
                break;
            case 1:
                if (!members.isEmpty())
                {
                    members.remove(random.nextInt(members.size()));
                }
                break;
            case 2:
                if (!members.isEmpty())
                {
                    members.add(random.nextInt(members.size() + 1), members.get(random.nextInt(members.size())));
                }
                break;
            case 3:
            {
                final String[] unknown = {
                    "{\"x\":[1,2,{\"y\":null}],\"z\":\"\\\"\"}", "[]", "{}", "-1.5e3", "\"a\\\\b\\u00e9\"", "true",
                    "false", "null", "[[\"1\",\"2\"]]", "\"" + "long".repeat(20) + "\"" };
                final String[] keys = { "M", "ps", "P", "x", "stream", "data", "bids", "lastUpdateId", "symbol",
                    "\\u0073", "sss", "" };
                members.add(random.nextInt(members.size() + 1), new String[]{
                    keys[random.nextInt(keys.length)], unknown[random.nextInt(unknown.length)] });
                break;
            }
            case 4:
                if (!members.isEmpty())
                {
                    final String[] member = members.get(random.nextInt(members.size()));
                    member[1] = member[1].startsWith("\"") && member[1].length() > 1 ?
                        member[1].substring(1, member[1].length() - 1) : "\"" + member[1] + "\"";
                }
                break;
            case 5:
                if (!members.isEmpty())
                {
                    final String[] member = members.get(random.nextInt(members.size()));
                    member[1] = member[1].replace("\",\"", "\" , \"").replace("],[", "] ,[").replace("[[", "[ [");
                }
                break;
            default:
                break;
        }
    }

    private String object(final List<String[]> members)
    {
        final StringBuilder builder = new StringBuilder("{");
        for (int i = 0; i < members.size(); i++)
        {
            builder.append(i == 0 ? space() : "," + space()).append('"').append(members.get(i)[0]).append('"')
                .append(space()).append(':').append(space()).append(members.get(i)[1]).append(space());
        }
        return builder.append('}').toString();
    }

    private String space()
    {
        final int draw = random.nextInt(12);
        return draw == 0 ? " " : draw == 1 ? "\n\t " : draw == 2 ? "\r\n" : "";
    }

    /**
     * Frames of every kind, from every recording: the first few of each kind, then a spread.
     */
    private List<Recordings.Sample> samples(final int everyNth)
    {
        final List<Recordings.Sample> samples = new ArrayList<>();
        for (final String[] file : Recordings.BINANCE_HFT_FILES)
        {
            final List<String> lines = Recordings.lines(file[1]);
            final java.util.Set<String> kinds = new java.util.HashSet<>();
            for (int i = 0; i < lines.size(); i++)
            {
                final String payload = Recordings.hftPayload(lines.get(i));
                final String kind = kind(payload);
                if ((kinds.add(kind) || i % (everyNth * 10) == 0) && payload.length() < 4000)
                {
                    samples.add(new Recordings.Sample(Recordings.venue(file[0]), payload));
                }
            }
        }
        for (final String[] file : CRYPTOFEED_FILES)
        {
            final List<String> lines = Recordings.lines(file[1]);
            for (int i = 0; i < lines.size(); i += everyNth)
            {
                final String payload = Recordings.cryptofeedPayload(lines.get(i));
                if (payload != null && payload.length() < 4000)
                {
                    samples.add(new Recordings.Sample(Recordings.venue(file[0]), payload));
                }
            }
        }
        if (samples.size() < 20)
        {
            fail("too few samples: " + samples.size());
        }
        return samples;
    }

    private static String kind(final String payload)
    {
        final int e = payload.indexOf("\"e\":\"");
        if (e >= 0)
        {
            return payload.substring(e + 5, payload.indexOf('"', e + 5));
        }
        return payload.contains("lastUpdateId") ? "snapshot" : "bookTicker";
    }
}
