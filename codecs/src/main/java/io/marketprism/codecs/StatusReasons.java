/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.codecs;

import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusReason;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The printed {@code reason} of a status event: a lower-case token naming the {@link StatusReason}, then the numbers
 * that explain it, e.g. {@code sequence_gap: expected 1007 received 1012} or {@code truncated at byte 57}.
 */
public final class StatusReasons
{
    private static final byte[][] TOKENS = new byte[65536][];
    private static final byte[] UNKNOWN = "unknown".getBytes(StandardCharsets.US_ASCII);

    static
    {
        for (final StatusReason reason : StatusReason.values())
        {
            if (reason != StatusReason.NULL_VAL)
            {
                TOKENS[reason.value()] = reason.name().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            }
        }
    }

    private StatusReasons()
    {
    }

    /**
     * Writes the reason text.
     *
     * @return bytes written.
     */
    public static int describe(
        final MutableDirectBuffer dst,
        final int index,
        final int rawReason,
        final long expectedSeq,
        final long receivedSeq,
        final long detail)
    {
        int pos = index;
        final byte[] token = rawReason >= 0 && rawReason < TOKENS.length && TOKENS[rawReason] != null ?
            TOKENS[rawReason] : UNKNOWN;
        dst.putBytes(pos, token);
        pos += token.length;

        final boolean hasExpected = expectedSeq != StatusDecoder.expectedSeqNullValue();
        final boolean hasReceived = receivedSeq != StatusDecoder.receivedSeqNullValue();
        final boolean hasDetail = detail != StatusDecoder.detailNullValue();
        if (rawReason == StatusReason.SNAPSHOT_APPLIED.value())
        {
            // a venue without sequence ids (Kraken, OKX before seqId) has no numbers to name the snapshot by
            if (hasReceived)
            {
                pos += dst.putStringWithoutLengthAscii(pos, ": snapshot ");
                pos += Decimals.appendLong(dst, pos, receivedSeq);
                pos += dst.putStringWithoutLengthAscii(pos, ",");
            }
            else
            {
                pos += dst.putStringWithoutLengthAscii(pos, ":");
            }
            pos += dst.putStringWithoutLengthAscii(pos, " replayed ");
            pos += Decimals.appendLong(dst, pos, hasDetail ? detail : 0);
            pos += dst.putStringWithoutLengthAscii(pos, " buffered updates");
            if (hasExpected)
            {
                pos += dst.putStringWithoutLengthAscii(pos, ", book at ");
                pos += Decimals.appendLong(dst, pos, expectedSeq);
            }
            return pos - index;
        }

        if (rawReason == StatusReason.OUTDATED_UPDATE.value() && hasExpected && hasReceived)
        {
            pos += dst.putStringWithoutLengthAscii(pos, ": book at ");
            pos += Decimals.appendLong(dst, pos, expectedSeq);
            pos += dst.putStringWithoutLengthAscii(pos, ", update ends at ");
            pos += Decimals.appendLong(dst, pos, receivedSeq);
            return pos - index;
        }
        if (rawReason == StatusReason.CHECKSUM_MISMATCH.value() && hasDetail)
        {
            pos += dst.putStringWithoutLengthAscii(pos, ": the venue sent ");
            pos += Decimals.appendLong(dst, pos, detail);
            if (hasReceived)
            {
                pos += dst.putStringWithoutLengthAscii(pos, " with update ");
                pos += Decimals.appendLong(dst, pos, receivedSeq);
            }
            return pos - index;
        }
        if (rawReason == StatusReason.VENUE_ERROR.value())
        {
            if (hasDetail)
            {
                pos += dst.putStringWithoutLengthAscii(pos, ": code ");
                pos += Decimals.appendLong(dst, pos, detail);
            }
            return pos - index;
        }
        if ((rawReason == StatusReason.EXCH_TIME_BACKWARDS.value() || rawReason == StatusReason.CLOCK_SKEW.value()) &&
            hasDetail)
        {
            pos += dst.putStringWithoutLengthAscii(pos, rawReason == StatusReason.CLOCK_SKEW.value() ?
                ": received " : ": ");
            pos += Decimals.appendLong(dst, pos, detail);
            pos += dst.putStringWithoutLengthAscii(pos, rawReason == StatusReason.CLOCK_SKEW.value() ?
                " ns after the exchange time" : " ns before the previous message");
            return pos - index;
        }
        if (rawReason == StatusReason.DUPLICATE_TRADE_ID.value() && hasReceived)
        {
            pos += dst.putStringWithoutLengthAscii(pos, ": ");
            pos += Decimals.appendLong(dst, pos, receivedSeq);
            return pos - index;
        }
        if ((rawReason == StatusReason.NO_UPDATE.value() || rawReason == StatusReason.UPDATES_RESUMED.value()) &&
            hasDetail)
        {
            final boolean stale = rawReason == StatusReason.NO_UPDATE.value();
            pos += dst.putStringWithoutLengthAscii(pos, stale ? ": none for " : ": after ");
            pos += Decimals.appendLong(dst, pos, detail);
            pos += dst.putStringWithoutLengthAscii(pos, stale ? " ns" : " ns without one");
            if (hasReceived)
            {
                pos += dst.putStringWithoutLengthAscii(pos, stale ? ", book at " : ", update ");
                pos += Decimals.appendLong(dst, pos, receivedSeq);
            }
            return pos - index;
        }
        if (rawReason == StatusReason.FRAME_TOO_LARGE.value() && hasDetail)
        {
            pos += dst.putStringWithoutLengthAscii(pos, ": ");
            pos += Decimals.appendLong(dst, pos, detail);
            pos += dst.putStringWithoutLengthAscii(pos, " bytes");
            return pos - index;
        }

        if (hasExpected || hasReceived)
        {
            dst.putByte(pos++, (byte)':');
            if (hasExpected)
            {
                pos += dst.putStringWithoutLengthAscii(pos, " expected ");
                pos += Decimals.appendLong(dst, pos, expectedSeq);
            }
            if (hasReceived)
            {
                pos += dst.putStringWithoutLengthAscii(pos, " received ");
                pos += Decimals.appendLong(dst, pos, receivedSeq);
            }
        }
        if (hasDetail)
        {
            pos += dst.putStringWithoutLengthAscii(pos, " at byte ");
            pos += Decimals.appendLong(dst, pos, detail);
        }
        return pos - index;
    }
}
