/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.kraken;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Kraken spot REST pair names turned into the WebSocket (v1) names, so that a REST body and the stream name a pair
 * alike: same venue symbol, same instrument, same book. The REST responses key their {@code result} by the
 * AssetPairs key ({@code XXBTZUSD}, {@code XBTUSDT}), requests may also use the {@code altname} ({@code XBTUSD});
 * the stream uses the {@code wsname} ({@code XBT/USD}).
 * <pre>
 *   XXBTZUSD  XBT/USD    legacy form: two 4-byte asset codes, X (crypto) or Z (fiat) in front
 *   USDTZUSD  USDT/USD   a newer base with a legacy quote code
 *   XBTUSDT   XBT/USDT   altname form: base then one of the quote assets, longest match first
 *   XBTUSD    XBT/USD
 *   ETH2.SETH ETH2.S/ETH
 * </pre>
 * The legacy codes and the quote assets are those of the AssetPairs response of the recorded session
 * ({@code KRAKEN.0}, 293 pairs: every key and every altname gives its wsname, as a test checks). A name that fits no
 * form (another quote asset, a dark-pool {@code .d} pair) has no WebSocket name: callers keep it as it is. Kraken
 * could list a pair whose base ends with a known quote's letters in a way this reading splits wrongly; none of the
 * recorded ones does.
 */
final class KrakenRestPairs
{
    /** Longest WebSocket name written: the longest venue symbol a message carries. */
    static final int MAX_LENGTH = 32;

    /** The legacy 4-byte asset codes, each followed by its WebSocket name. */
    private static final byte[][] LEGACY = ascii(
        "XETC", "ETC", "XETH", "ETH", "XLTC", "LTC", "XMLN", "MLN", "XREP", "REP", "XXBT", "XBT", "XXDG", "XDG",
        "XXLM", "XLM", "XXMR", "XMR", "XXRP", "XRP", "XZEC", "ZEC", "ZAUD", "AUD", "ZCAD", "CAD", "ZEUR", "EUR",
        "ZGBP", "GBP", "ZJPY", "JPY", "ZUSD", "USD");

    /** The quote assets of the altname form, longest first so that {@code USDT} is tried before {@code USD}. */
    private static final byte[][] QUOTES = ascii(
        "USDC", "USDT", "AUD", "CAD", "CHF", "DAI", "DOT", "ETH", "EUR", "GBP", "JPY", "USD", "XBT");

    private static final int CODE_LENGTH = 4;

    private KrakenRestPairs()
    {
    }

    /**
     * Writes the WebSocket name of a REST pair name. Does not allocate.
     *
     * @param source holding the REST name (ASCII).
     * @param offset its first byte.
     * @param length its length.
     * @param target where the WebSocket name goes, at index 0 ({@link #MAX_LENGTH} bytes at least).
     * @return the length written, or -1 when the name fits no form (nothing useful written).
     */
    static int wsName(final DirectBuffer source, final int offset, final int length, final MutableDirectBuffer target)
    {
        if (length == 2 * CODE_LENGTH)
        {
            final int quote = legacy(source, offset + CODE_LENGTH, CODE_LENGTH);
            if (quote >= 0)
            {
                return write(source, offset, CODE_LENGTH, LEGACY[quote + 1], target);
            }
        }
        for (final byte[] quote : QUOTES)
        {
            if (length > quote.length && endsWith(source, offset, length, quote))
            {
                return write(source, offset, length - quote.length, quote, target);
            }
        }
        return -1;
    }

    /**
     * The cold-path form of {@link #wsName(DirectBuffer, int, int, MutableDirectBuffer)}.
     *
     * @param restName a REST pair name.
     * @return its WebSocket name, or null when it fits no form.
     */
    static String wsName(final String restName)
    {
        final byte[] bytes = restName.getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer target = new UnsafeBuffer(new byte[MAX_LENGTH]);
        final int length = wsName(new UnsafeBuffer(bytes), 0, bytes.length, target);
        return length < 0 ? null : target.getStringWithoutLengthAscii(0, length);
    }

    /**
     * Writes {@code base/quote}, a base that is a legacy code by its WebSocket name.
     */
    private static int write(
        final DirectBuffer source, final int baseOffset, final int baseLength, final byte[] quote,
        final MutableDirectBuffer target)
    {
        int length;
        final int legacyBase = baseLength == CODE_LENGTH ? legacy(source, baseOffset, baseLength) : -1;
        if (legacyBase >= 0)
        {
            final byte[] name = LEGACY[legacyBase + 1];
            target.putBytes(0, name);
            length = name.length;
        }
        else
        {
            if (baseLength + 1 + quote.length > MAX_LENGTH)
            {
                return -1;
            }
            target.putBytes(0, source, baseOffset, baseLength);
            length = baseLength;
        }
        target.putByte(length++, (byte)'/');
        target.putBytes(length, quote);
        return length + quote.length;
    }

    /**
     * @return the index in {@link #LEGACY} of the code there, or -1.
     */
    private static int legacy(final DirectBuffer source, final int offset, final int length)
    {
        for (int i = 0; i < LEGACY.length; i += 2)
        {
            if (equals(source, offset, length, LEGACY[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static boolean endsWith(final DirectBuffer source, final int offset, final int length, final byte[] tail)
    {
        return equals(source, offset + length - tail.length, tail.length, tail);
    }

    private static boolean equals(final DirectBuffer source, final int offset, final int length, final byte[] ascii)
    {
        if (length != ascii.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (source.getByte(offset + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    private static byte[][] ascii(final String... texts)
    {
        final byte[][] bytes = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++)
        {
            bytes[i] = texts[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
