/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.okx;

import io.marketprism.feeds.RecordedJson;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateEncoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.Decimal64Encoder;
import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.Venue;
import org.agrona.MutableDirectBuffer;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code books} messages of cryptofeed's recorded OKX v5 session {@code OKX.ws.1.0} (three instruments, 400
 * levels, 3 snapshots and 287 updates, each with a checksum), read with the project's capture reader and parsed with
 * regular expressions, independently of any decoder.
 */
final class OkxRecording
{
    static final Path RECORDING = Path.of("src/test/resources/recordings/cryptofeed/OKX.ws.1.0");
    private static final Pattern INST_ID = Pattern.compile("\"instId\":\"([^\"]+)\"");
    private static final Pattern ACTION = Pattern.compile("\"action\":\"([a-z]+)\"");
    private static final Pattern CHECKSUM = Pattern.compile("\"checksum\":(-?\\d+)");
    private static final Pattern LEVEL = Pattern.compile("\\[\"([^\"]*)\",\"([^\"]*)\",\"[^\"]*\",\"[^\"]*\"]");

    private OkxRecording()
    {
    }

    /**
     * One {@code books} message.
     *
     * @param text     the message as received.
     * @param instId   its instrument.
     * @param snapshot true for {@code action: snapshot}.
     * @param checksum the checksum it carries.
     * @param bids     its bid levels, price and size text.
     * @param asks     its ask levels.
     */
    record BooksMessage(
        String text, String instId, boolean snapshot, int checksum, List<String[]> bids, List<String[]> asks)
    {
        static BooksMessage parse(final String text)
        {
            final String action = group(ACTION, text);
            assertTrue("snapshot".equals(action) || "update".equals(action), action);
            return new BooksMessage(
                text,
                group(INST_ID, text),
                "snapshot".equals(action),
                Integer.parseInt(group(CHECKSUM, text)),
                RecordedJson.levels(array(text, "\"bids\":["), LEVEL),
                RecordedJson.levels(array(text, "\"asks\":["), LEVEL));
        }
    }

    static List<BooksMessage> booksMessages() throws Exception
    {
        final List<BooksMessage> messages = new ArrayList<>();
        for (final String text : RecordedJson.receivedMessages(RECORDING))
        {
            if (text.contains("\"channel\":\"books\"") && text.contains("\"action\""))
            {
                messages.add(BooksMessage.parse(text));
            }
        }
        return messages;
    }

    /**
     * Writes a message as the SBE {@code BookUpdate} an OKX decoder would commit: its levels, its checksum, and the
     * given sequence (the 2022 session predates {@code seqId}).
     *
     * @return bytes written, header included.
     */
    static int encode(
        final BooksMessage message, final long seq, final MutableDirectBuffer buffer, final int offset)
    {
        final BookUpdateEncoder encoder = new BookUpdateEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .instrumentId(1)
            .venue(Venue.OKX)
            .snapshot(message.snapshot() ? BooleanType.TRUE : BooleanType.FALSE)
            .health(BookHealth.UNKNOWN)
            .exchTsNs(BookUpdateEncoder.exchTsNsNullValue())
            .recvTsNs(BookUpdateEncoder.recvTsNsNullValue())
            .seq(seq)
            .prevSeq(message.snapshot() ? BookUpdateEncoder.prevSeqNullValue() : seq - 1)
            .firstSeq(BookUpdateEncoder.firstSeqNullValue())
            .checksum(message.checksum());
        encoder.bidPrice().mantissa(Long.MIN_VALUE).exponent((byte)0);
        encoder.bidQty().mantissa(Long.MIN_VALUE).exponent((byte)0);
        encoder.askPrice().mantissa(Long.MIN_VALUE).exponent((byte)0);
        encoder.askQty().mantissa(Long.MIN_VALUE).exponent((byte)0);
        final BookUpdateEncoder.BidsEncoder bids = encoder.bidsCount(message.bids().size());
        for (final String[] level : message.bids())
        {
            decimal(bids.next().price(), level[0]);
            decimal(bids.qty(), level[1]);
        }
        final BookUpdateEncoder.AsksEncoder asks = encoder.asksCount(message.asks().size());
        for (final String[] level : message.asks())
        {
            decimal(asks.next().price(), level[0]);
            decimal(asks.qty(), level[1]);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private static void decimal(final Decimal64Encoder encoder, final String text)
    {
        final BigDecimal value = new BigDecimal(text);
        encoder.mantissa(value.unscaledValue().longValueExact()).exponent((byte)-value.scale());
    }

    private static String group(final Pattern pattern, final String text)
    {
        final Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), pattern + " in " + text);
        return matcher.group(1);
    }

    private static String array(final String text, final String opening)
    {
        final int start = text.indexOf(opening);
        assertTrue(start >= 0, opening + " in " + text);
        return RecordedJson.array(text, start + opening.length() - 1);
    }
}
