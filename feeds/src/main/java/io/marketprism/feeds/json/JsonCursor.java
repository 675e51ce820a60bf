/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.json;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

/**
 * Walks a JSON document in place. Every call starts at the cursor's {@link #position()}, advances it past what it
 * consumed, and returns a status: {@link #OK}, {@link #EMPTY}, {@link #END} or a negative error. On an error,
 * {@link #errorPosition()} is the byte where it was found. Nothing allocates and nothing throws on bad input.
 * <p>
 * Objects and arrays are iterated by the caller, which keeps the decoder in control of what it reads:
 * <pre>{@code
 *   if (cursor.enterObject() != OK) ...
 *   boolean first = true;
 *   int status;
 *   while ((status = cursor.nextField(first)) == OK) {   // cursor now at the value; key in keyOffset/keyLength
 *       first = false;
 *       ... cursor.parseDecimal() / cursor.skipValue() ...
 *   }
 *   if (status != END) ... error
 * }</pre>
 * Strings are not unescaped: a key with escapes simply matches no known key, and string values are handed out as the
 * raw bytes between the quotes after validating the escapes.
 */
public final class JsonCursor
{
    /** Success. */
    public static final int OK = 0;
    /** A number was expected and an empty string {@code ""} was found (some venues send it for "absent"). */
    public static final int EMPTY = 1;
    /** The object or array has no more members. */
    public static final int END = -1;
    /** The document ended inside a value. */
    public static final int TRUNCATED = -2;
    /** A character that is not valid JSON at this point. */
    public static final int UNEXPECTED_CHARACTER = -3;
    /** A number is malformed, or a string does not hold a number. */
    public static final int BAD_NUMBER = -4;
    /** A number does not fit 64 bits (or an 8-bit decimal exponent). */
    public static final int NUMBER_OVERFLOW = -5;
    /** Containers nested deeper than {@link #MAX_DEPTH}. */
    public static final int TOO_DEEP = -6;
    /** A value of the wrong JSON type. */
    public static final int BAD_VALUE = -7;

    /** Deepest nesting accepted while skipping values. */
    public static final int MAX_DEPTH = 32;

    private static final long MAX_BEFORE_MULTIPLY = Long.MAX_VALUE / 10;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long ASCII_ZEROS = 0x3030303030303030L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;
    /** Digits that always fit a long, whatever they are. */
    private static final int SAFE_DIGITS = 18;
    /** {@code "k":} as {@link #word(int)} reads it, the key byte zero. */
    private static final long FIRST_SHORT_KEY = '"' | '"' << 16 | (long)':' << 24;
    /** {@code ,"k":} as {@link #word(int)} reads it, the key byte zero. */
    private static final long NEXT_SHORT_KEY = ',' | '"' << 8 | (long)'"' << 24 | (long)':' << 32;
    /** {@code {"stream} as {@link #word(int)} reads it. */
    private static final long STREAM_HEAD = pack("{\"stream");
    /** {@code ,"data":} as {@link #word(int)} reads it. */
    private static final long DATA_MEMBER = pack(",\"data\":");
    private static final long TRUE_WORD = pack("true");
    private static final long FALSE_WORD = pack("false");
    private static final long NULL_WORD = pack("null");
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L };

    private final boolean fastPaths;
    private DirectBuffer buffer;
    private byte[] array;
    private long address;
    private int start;
    private int limit;
    private int position;
    private int errorPosition;
    private int keyOffset;
    private int keyLength;
    private int stringOffset;
    private int stringLength;
    private long mantissa;
    private int exponent;
    private long levelPriceMantissa;
    private int levelPriceExponent;
    private int levelQtyStart;
    private long longValue;
    private boolean booleanValue;

    /**
     * A cursor with its fast paths for the commonest number shapes.
     */
    public JsonCursor()
    {
        this(true);
    }

    /**
     * @param fastPaths false to take none of the fast paths (one-character keys, the commonest number shapes, book
     *                  levels, literals by the word): every member and value is parsed the general way, the reference
     *                  the fast paths are tested against.
     */
    JsonCursor(final boolean fastPaths)
    {
        this.fastPaths = fastPaths;
    }

    /**
     * Points the cursor at a document.
     *
     * @param buffer holding the document.
     * @param offset first byte.
     * @param length bytes.
     * @return this.
     */
    public JsonCursor wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        // one bounds check for the whole document: every read below stays within [offset, offset + length)
        buffer.boundsCheck(offset, length);
        // a decoder wraps frame after frame of the same buffer: references are stored (with the collector's write
        // barriers) only when they change
        if (this.buffer != buffer)
        {
            this.buffer = buffer;
        }
        final byte[] array = buffer.byteArray();
        if (this.array != array)
        {
            this.array = array;
        }
        this.address = buffer.addressOffset();
        this.position = offset;
        this.start = offset;
        this.limit = offset + length;
        this.errorPosition = -1;
        return this;
    }

    /**
     * @return current position (absolute index in the buffer).
     */
    public int position()
    {
        return position;
    }

    /**
     * @param position absolute index to continue from, e.g. a saved value start.
     */
    public void position(final int position)
    {
        this.position = position;
    }

    /**
     * @return end of the document (exclusive).
     */
    public int limit()
    {
        return limit;
    }

    /**
     * @return where the last error was found, -1 if none.
     */
    public int errorPosition()
    {
        return errorPosition;
    }

    /**
     * @return the buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the last key read by {@link #nextField(boolean)} (raw bytes between the quotes).
     */
    public int keyOffset()
    {
        return keyOffset;
    }

    /**
     * @return length of the last key.
     */
    public int keyLength()
    {
        return keyLength;
    }

    /**
     * @param index 0-based index within the key.
     * @return the key's byte.
     */
    public byte keyByte(final int index)
    {
        return at(keyOffset + index);
    }

    /**
     * @return offset of the last string read (raw bytes between the quotes).
     */
    public int stringOffset()
    {
        return stringOffset;
    }

    /**
     * @return length of the last string read.
     */
    public int stringLength()
    {
        return stringLength;
    }

    /**
     * @return mantissa of the last decimal parsed.
     */
    public long mantissa()
    {
        return mantissa;
    }

    /**
     * @return exponent of the last decimal parsed, -128 to 127.
     */
    public int exponent()
    {
        return exponent;
    }

    /**
     * @return the last integer parsed.
     */
    public long longValue()
    {
        return longValue;
    }

    /**
     * @return the last boolean parsed.
     */
    public boolean booleanValue()
    {
        return booleanValue;
    }

    /**
     * @return true when only whitespace remains.
     */
    public boolean atEnd()
    {
        return skipWhitespace() >= limit;
    }

    /**
     * Consumes {@code {}.
     *
     * @return {@link #OK}, {@link #TRUNCATED} or {@link #UNEXPECTED_CHARACTER}.
     */
    public int enterObject()
    {
        return expect('{');
    }

    /**
     * Consumes {@code [}.
     *
     * @return {@link #OK}, {@link #TRUNCATED} or {@link #UNEXPECTED_CHARACTER}.
     */
    public int enterArray()
    {
        return expect('[');
    }

    /**
     * @return the next non-whitespace byte without consuming it, or -1 at the end of the document.
     */
    public int peek()
    {
        final int pos = skipWhitespace();
        position = pos;
        return pos < limit ? at(pos) : -1;
    }

    /**
     * Moves to the next member of the current object: consumes the separator, the key and the colon. The key is then
     * in {@link #keyOffset()} / {@link #keyLength()} and the cursor at the value, which the caller must consume.
     *
     * @param first true for the first member of the object.
     * @return {@link #OK}, {@link #END} (the closing brace was consumed) or an error.
     */
    public int nextField(final boolean first)
    {
        int pos = skipWhitespace();
        if (pos >= limit)
        {
            return error(TRUNCATED, pos);
        }
        byte c = at(pos);
        if (c == '}')
        {
            position = pos + 1;
            return END;
        }
        if (!first)
        {
            if (c != ',')
            {
                return error(UNEXPECTED_CHARACTER, pos);
            }
            position = pos + 1;
            pos = skipWhitespace();
            if (pos >= limit)
            {
                return error(TRUNCATED, pos);
            }
            c = at(pos);
        }
        if (c != '"')
        {
            return error(UNEXPECTED_CHARACTER, pos);
        }
        position = pos;
        final int status = parseString();
        if (status != OK)
        {
            return status;
        }
        keyOffset = stringOffset;
        keyLength = stringLength;
        return expect(':');
    }

    /**
     * The fast path of {@link #nextField(boolean)} for the commonest member shape: the separator (unless first) and a
     * one-character key with no whitespace, {@code ,"u":}. On success the key is in {@link #keyOffset()} /
     * {@link #keyLength()} and the cursor at the value; when the member has any other shape (or there is none)
     * nothing is consumed and the caller goes the general way, which finds the same key or reports the error.
     *
     * @param first true for the first member of the object.
     * @return the key's byte (0 to 255), or -1 (always, on a cursor without fast paths).
     */
    public int tryNextShortKey(final boolean first)
    {
        if (!fastPaths)
        {
            return -1;
        }
        int pos = position;
        if (pos + Long.BYTES <= limit)
        {
            // the separator, the quotes and the colon checked in one word
            final long text = word(pos);
            final int key;
            if (first)
            {
                if ((text & 0xFFFF00FFL) != FIRST_SHORT_KEY)
                {
                    return -1;
                }
                key = (int)(text >>> 8) & 0xFF;
                pos += 1;
            }
            else
            {
                if ((text & 0xFFFF00FFFFL) != NEXT_SHORT_KEY)
                {
                    return -1;
                }
                key = (int)(text >>> 16) & 0xFF;
                pos += 2;
            }
            if (key == '"' || key == '\\' || key < 0x20)
            {
                return -1;
            }
            keyOffset = pos;
            keyLength = 1;
            position = pos + 3;
            return key;
        }
        if (!first)
        {
            if (pos >= limit || at(pos) != ',')
            {
                return -1;
            }
            pos++;
        }
        if (pos + 4 > limit || at(pos) != '"' || at(pos + 2) != '"' || at(pos + 3) != ':')
        {
            return -1;
        }
        final int key = at(pos + 1) & 0xFF;
        if (key == '"' || key == '\\' || key < 0x20)
        {
            return -1;
        }
        keyOffset = pos + 1;
        keyLength = 1;
        position = pos + 4;
        return key;
    }

    /**
     * The fast path for the head of a combined-stream envelope, {@code {"stream":"btcusdt@trade","data":{}, with no
     * whitespace and a stream name of plain bytes (no escape, no control character): consumes it all, leaving the
     * cursor inside the {@code data} object, before its first member. This is where {@link #enterObject()}, a
     * {@code stream} member read by {@link #nextField(boolean)} and {@link #skipValue()}, a {@code data} key and
     * {@link #enterObject()} again would leave it. For any other shape nothing is consumed.
     *
     * @return true when the head was consumed; always false on a cursor without fast paths.
     */
    public boolean tryEnterStreamData()
    {
        final int start = position;
        // {"stream":" is 11 bytes, the closing quote and ,"data":{ at least 10 more
        if (!fastPaths || start + 21 > limit || word(start) != STREAM_HEAD || at(start + 8) != '"' ||
            at(start + 9) != ':' || at(start + 10) != '"')
        {
            return false;
        }
        final int quote = skipPlainStringBytes(start + 11);
        if (quote + 10 > limit || at(quote) != '"' || word(quote + 1) != DATA_MEMBER || at(quote + 9) != '{')
        {
            return false;
        }
        position = quote + 10;
        return true;
    }

    /**
     * Moves to the next element of the current array: consumes the separator. The cursor is then at the element,
     * which the caller must consume.
     *
     * @param first true for the first element.
     * @return {@link #OK}, {@link #END} (the closing bracket was consumed) or an error.
     */
    public int nextElement(final boolean first)
    {
        final int pos = skipWhitespace();
        if (pos >= limit)
        {
            return error(TRUNCATED, pos);
        }
        final byte c = at(pos);
        if (c == ']')
        {
            position = pos + 1;
            return END;
        }
        if (first)
        {
            position = pos;
            return OK;
        }
        if (c != ',')
        {
            return error(UNEXPECTED_CHARACTER, pos);
        }
        position = pos + 1;
        return OK;
    }

    /**
     * Key comparison.
     *
     * @param ascii expected key.
     * @return true when the last key equals it byte for byte.
     */
    public boolean keyEquals(final byte[] ascii)
    {
        if (keyLength != ascii.length)
        {
            return false;
        }
        for (int i = 0; i < keyLength; i++)
        {
            if (at(keyOffset + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * String comparison.
     *
     * @param ascii expected content.
     * @return true when the last string read equals it byte for byte.
     */
    public boolean stringEquals(final byte[] ascii)
    {
        if (stringLength != ascii.length)
        {
            return false;
        }
        for (int i = 0; i < stringLength; i++)
        {
            if (at(stringOffset + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a string value; its raw content is then in {@link #stringOffset()} / {@link #stringLength()}.
     *
     * @return {@link #OK}, {@link #BAD_VALUE} (not a string) or an error.
     */
    public int parseString()
    {
        int pos = skipWhitespace();
        if (pos >= limit)
        {
            return error(TRUNCATED, pos);
        }
        if (at(pos) != '"')
        {
            return error(BAD_VALUE, pos);
        }
        pos++;
        final int start = pos;
        while (pos < limit)
        {
            pos = skipPlainStringBytes(pos);
            if (pos >= limit)
            {
                break;
            }
            final byte c = at(pos);
            if (c == '"')
            {
                stringOffset = start;
                stringLength = pos - start;
                position = pos + 1;
                return OK;
            }
            if (c == '\\')
            {
                if (pos + 1 >= limit)
                {
                    return error(TRUNCATED, pos);
                }
                final byte escaped = at(pos + 1);
                if (escaped == 'u')
                {
                    if (pos + 5 >= limit)
                    {
                        return error(TRUNCATED, pos);
                    }
                    for (int i = 2; i <= 5; i++)
                    {
                        if (!isHexDigit(at(pos + i)))
                        {
                            return error(UNEXPECTED_CHARACTER, pos + i);
                        }
                    }
                    pos += 6;
                    continue;
                }
                if (escaped != '"' && escaped != '\\' && escaped != '/' && escaped != 'b' && escaped != 'f' &&
                    escaped != 'n' && escaped != 'r' && escaped != 't')
                {
                    return error(UNEXPECTED_CHARACTER, pos + 1);
                }
                pos += 2;
                continue;
            }
            if ((c & 0xFF) < 0x20)
            {
                return error(UNEXPECTED_CHARACTER, pos);
            }
            pos++;
        }
        return error(TRUNCATED, pos);
    }

    /**
     * Reads an exact decimal from a JSON string ({@code "61837.63000000"}) or a JSON number ({@code 61837.63},
     * {@code 1e-8}). The result is in {@link #mantissa()} and {@link #exponent()}, keeping the scale as written.
     * Trailing zeros that do not fit 64 bits are dropped (exact); any other excess digit is an overflow.
     *
     * @return {@link #OK}, {@link #EMPTY} for {@code ""}, {@link #BAD_NUMBER}, {@link #NUMBER_OVERFLOW},
     * {@link #BAD_VALUE} (e.g. {@code true}) or {@link #TRUNCATED}.
     */
    public int parseDecimal()
    {
        int pos = skipWhitespace();
        if (pos >= limit)
        {
            return error(TRUNCATED, pos);
        }
        final boolean quoted = at(pos) == '"';
        if (quoted)
        {
            pos++;
            if (pos < limit && at(pos) == '"')
            {
                position = pos + 1;
                return EMPTY;
            }
            // the commonest shape, "61837.63000000", reads the same by the fast ways: two words, closing quote included
            final int after = fastPaths ? quotedDecimal(pos) : -1;
            if (after >= 0)
            {
                position = after;
                return OK;
            }
            final int end = fastPaths ? plainDecimal(pos) : -1;
            if (end >= 0 && end < limit && at(end) == '"')
            {
                position = end + 1;
                return OK;
            }
        }
        if (pos >= limit)
        {
            return error(TRUNCATED, pos);
        }

        byte c = at(pos);
        if (!quoted && c != '-' && !isDigit(c))
        {
            return error(BAD_VALUE, pos);
        }
        boolean negative = false;
        if (c == '-')
        {
            negative = true;
            pos++;
        }

        long m = 0;
        int exp = 0;
        int digits = 0;
        boolean dropping = false;
        while (pos + Long.BYTES <= limit && digits + Long.BYTES <= SAFE_DIGITS)
        {
            final long word = word(pos);
            final int chunk = leadingDigits(word);
            if (chunk > 0)
            {
                m = m * POWERS_OF_TEN[chunk] + digitsValue(word, chunk);
                digits += chunk;
                pos += chunk;
            }
            if (chunk < Long.BYTES)
            {
                break;
            }
        }
        while (pos < limit && isDigit(c = at(pos)))
        {
            final int d = c - '0';
            if (!dropping && (m < MAX_BEFORE_MULTIPLY || (m == MAX_BEFORE_MULTIPLY && d <= 7)))
            {
                m = m * 10 + d;
            }
            else if (d == 0)
            {
                dropping = true;
                exp++;
            }
            else
            {
                return error(NUMBER_OVERFLOW, pos);
            }
            digits++;
            pos++;
        }
        if (digits == 0)
        {
            return pos >= limit ? error(TRUNCATED, pos) : error(BAD_NUMBER, pos);
        }

        if (pos < limit && at(pos) == '.')
        {
            pos++;
            int fractionDigits = 0;
            while (!dropping && pos + Long.BYTES <= limit && digits + fractionDigits + Long.BYTES <= SAFE_DIGITS)
            {
                final long word = word(pos);
                final int chunk = leadingDigits(word);
                if (chunk > 0)
                {
                    m = m * POWERS_OF_TEN[chunk] + digitsValue(word, chunk);
                    exp -= chunk;
                    fractionDigits += chunk;
                    pos += chunk;
                }
                if (chunk < Long.BYTES)
                {
                    break;
                }
            }
            while (pos < limit && isDigit(c = at(pos)))
            {
                final int d = c - '0';
                if (!dropping && (m < MAX_BEFORE_MULTIPLY || (m == MAX_BEFORE_MULTIPLY && d <= 7)))
                {
                    m = m * 10 + d;
                    exp--;
                }
                else if (d == 0)
                {
                    dropping = true;
                }
                else
                {
                    return error(NUMBER_OVERFLOW, pos);
                }
                fractionDigits++;
                pos++;
            }
            if (fractionDigits == 0)
            {
                return pos >= limit ? error(TRUNCATED, pos) : error(BAD_NUMBER, pos);
            }
        }

        if (pos < limit && ((c = at(pos)) == 'e' || c == 'E'))
        {
            pos++;
            boolean negativeExponent = false;
            if (pos < limit && ((c = at(pos)) == '+' || c == '-'))
            {
                negativeExponent = c == '-';
                pos++;
            }
            int e = 0;
            int exponentDigits = 0;
            while (pos < limit && isDigit(c = at(pos)))
            {
                if (e > 10_000)
                {
                    return error(NUMBER_OVERFLOW, pos);
                }
                e = e * 10 + (c - '0');
                exponentDigits++;
                pos++;
            }
            if (exponentDigits == 0)
            {
                return pos >= limit ? error(TRUNCATED, pos) : error(BAD_NUMBER, pos);
            }
            exp += negativeExponent ? -e : e;
        }

        if (quoted)
        {
            if (pos >= limit)
            {
                return error(TRUNCATED, pos);
            }
            if (at(pos) != '"')
            {
                return error(BAD_NUMBER, pos);
            }
            pos++;
        }
        else if (pos < limit && !isDelimiter(at(pos)))
        {
            return error(BAD_NUMBER, pos);
        }

        while (exp < Byte.MIN_VALUE && m % 10 == 0 && m != 0)
        {
            m /= 10;
            exp++;
        }
        if (m == 0)
        {
            exp = Math.max(Byte.MIN_VALUE, Math.min(Byte.MAX_VALUE, exp));
        }
        if (exp < Byte.MIN_VALUE || exp > Byte.MAX_VALUE)
        {
            return error(NUMBER_OVERFLOW, pos);
        }

        mantissa = negative ? -m : m;
        exponent = exp;
        position = pos;
        return OK;
    }

    /**
     * The fast path for the commonest shape of a book level, {@code ["61837.63000000","0.02000000"]}: two quoted,
     * unsigned, plain decimals and nothing else. On success the price is in {@link #levelPriceMantissa()} /
     * {@link #levelPriceExponent()}, the quantity in {@link #mantissa()} / {@link #exponent()}, and the cursor is
     * after the closing bracket. When the element has any other shape (whitespace, a sign, an exponent, more
     * elements, too many digits, an error) nothing is consumed and the caller parses it the general way.
     *
     * @return true when the level was parsed.
     */
    public boolean tryParseQuotedLevel()
    {
        final int start = skipWhitespace();
        if (!fastPaths || start + 2 > limit || at(start) != '[' || at(start + 1) != '"')
        {
            return false;
        }
        int pos = plainDecimal(start + 2);
        if (pos < 0 || pos + 3 > limit || at(pos) != '"' || at(pos + 1) != ',' || at(pos + 2) != '"')
        {
            return false;
        }
        final long priceMantissa = mantissa;
        final int priceExponent = exponent;
        pos = plainDecimal(pos + 3);
        if (pos < 0 || pos + 2 > limit || at(pos) != '"' || at(pos + 1) != ']')
        {
            return false;
        }
        levelPriceMantissa = priceMantissa;
        levelPriceExponent = priceExponent;
        position = pos + 2;
        return true;
    }

    /**
     * @return where the quantity of the last level {@link #quotedLevelAt(int)} took starts (its first digit), for a
     * caller that learns the level's shape.
     */
    public int levelQtyStart()
    {
        return levelQtyStart;
    }

    /**
     * {@link #tryParseQuotedLevel()} for a level starting exactly at a position, for a caller that walks a level array
     * itself: neither whitespace nor the cursor's position is involved, nothing is consumed. Only the commonest number
     * shape, up to 7 integer and 8 fraction digits read a word at a time, is taken; every other shape answers -1 and
     * the caller parses that level the general way, which gives the same result or finds the error.
     *
     * @param pos where the level's {@code [} should be.
     * @return the position after its closing {@code ]}, or -1. On success the price is in
     * {@link #levelPriceMantissa()} / {@link #levelPriceExponent()} and the quantity in {@link #mantissa()} /
     * {@link #exponent()}.
     */
    public int quotedLevelAt(final int pos)
    {
        if (!fastPaths || pos + 2 > limit || at(pos) != '[' || at(pos + 1) != '"')
        {
            return -1;
        }
        int end = quotedDecimal(pos + 2);
        if (end < 0 || end + 2 > limit || at(end) != ',' || at(end + 1) != '"')
        {
            return -1;
        }
        final long priceMantissa = mantissa;
        final int priceExponent = exponent;
        levelQtyStart = end + 2;
        end = quotedDecimal(end + 2);
        if (end < 0 || end >= limit || at(end) != ']')
        {
            return -1;
        }
        levelPriceMantissa = priceMantissa;
        levelPriceExponent = priceExponent;
        return end + 1;
    }

    /**
     * @param pos absolute index.
     * @return the byte there (0 to 255), or -1 at or past the end of the document.
     */
    public int byteAt(final int pos)
    {
        return pos < limit ? at(pos) & 0xFF : -1;
    }

    /**
     * @return whether this cursor takes its fast paths; a decoder with fast paths of its own takes them only then,
     * so that a cursor without them makes the whole decoder the general reference.
     */
    public boolean hasFastPaths()
    {
        return fastPaths;
    }

    /**
     * The 8 bytes at a position as one little-endian word (the byte at {@code pos} lowest), for a caller matching
     * fixed text such as {@code ,"p":"} in one comparison. Nothing is consumed.
     *
     * @param pos absolute index.
     * @return the word, or 0 when fewer than 8 bytes of the document remain there (0 matches no text).
     */
    public long wordAt(final int pos)
    {
        return pos >= 0 && pos + Long.BYTES <= limit ? word(pos) : 0;
    }

    /**
     * The commonest shape of a quoted decimal at exactly a position, {@code "61837.63000000"}: the quotes and up to
     * 18 unsigned digits with an optional point, read as {@link #parseDecimal()} reads it. Neither whitespace nor the
     * cursor's position is involved and nothing is consumed; any other shape (empty, a sign, an exponent, more
     * digits) answers -1 and the caller parses it the general way, which gives the same result or finds the error.
     *
     * @param pos where the opening quote should be.
     * @return the position after the closing quote, or -1 (always, on a cursor without fast paths). On success the
     * value is in {@link #mantissa()} / {@link #exponent()}.
     */
    public int quotedDecimalAt(final int pos)
    {
        if (!fastPaths || pos < 0 || pos >= limit || at(pos) != '"')
        {
            return -1;
        }
        final int after = quotedDecimal(pos + 1);
        if (after >= 0)
        {
            return after;
        }
        final int end = plainDecimal(pos + 1);
        return end >= 0 && end < limit && at(end) == '"' ? end + 1 : -1;
    }

    /**
     * The commonest shape of an unquoted integer at exactly a position: 1 to 15 digits and then, within the
     * document, a delimiter, read as {@link #parseLong()} reads it. Nothing is consumed; any other shape answers -1.
     *
     * @param pos where the first digit should be.
     * @return the position after the digits, or -1 (always, on a cursor without fast paths). On success the value is
     * in {@link #longValue()}.
     */
    public int plainLongAt(final int pos)
    {
        if (!fastPaths || pos < 0)
        {
            return -1;
        }
        final int end = plainLong(pos);
        if (end >= 0 || pos + 2 * Long.BYTES <= limit)
        {
            return end;
        }
        // near the end of the document (the last member of a frame), where the second word cannot be read: by bytes
        long value = 0;
        int digitEnd = pos;
        while (digitEnd < limit && digitEnd - pos < 15 && isDigit(at(digitEnd)))
        {
            value = value * 10 + (at(digitEnd) - '0');
            digitEnd++;
        }
        if (digitEnd == pos || digitEnd >= limit || !isDelimiter(at(digitEnd)))
        {
            return -1;
        }
        longValue = value;
        return digitEnd;
    }

    /**
     * {@code true} or {@code false} at exactly a position, followed within the document by a delimiter, as
     * {@link #parseBoolean()} reads it. Nothing is consumed; any other text answers -1.
     *
     * @param pos where the literal should start.
     * @return the position after the literal, or -1 (always, on a cursor without fast paths). On success the value is
     * in {@link #booleanValue()}.
     */
    public int booleanAt(final int pos)
    {
        if (!fastPaths || pos < 0)
        {
            return -1;
        }
        final int available = limit - pos;
        long text = 0;
        if (available >= Long.BYTES)
        {
            text = word(pos);
        }
        else if (available > 0)
        {
            // near the end of the document (the last member of a frame): the bytes there, the rest zero
            text = tailWord(pos);
        }
        if ((text & 0xFFFFFFFFL) == TRUE_WORD && isDelimiter((byte)(text >>> 32)))
        {
            booleanValue = true;
            return pos + 4;
        }
        if ((text & 0xFFFFFFFFFFL) == FALSE_WORD && isDelimiter((byte)(text >>> 40)))
        {
            booleanValue = false;
            return pos + 5;
        }
        return -1;
    }

    /**
     * A string without escapes or control characters at exactly a position, {@code "MARKET"}. Nothing is consumed;
     * a string with an escape or a control character, or one the document ends in, answers -1 and the caller parses
     * it the general way.
     *
     * @param pos where the opening quote should be.
     * @return the position after the closing quote, or -1 (always, on a cursor without fast paths). On success the
     * content is in {@link #stringOffset()} / {@link #stringLength()}.
     */
    public int plainStringAt(final int pos)
    {
        if (!fastPaths || pos < 0 || pos >= limit || at(pos) != '"')
        {
            return -1;
        }
        int end = skipPlainStringBytes(pos + 1);
        while (end < limit)
        {
            final byte c = at(end);
            if (c == '"')
            {
                stringOffset = pos + 1;
                stringLength = end - pos - 1;
                return end + 1;
            }
            if (c == '\\' || (c & 0xFF) < 0x20)
            {
                return -1;
            }
            end++;
        }
        return -1;
    }

    /**
     * The commonest shape of a quoted decimal's content and closing quote, {@code 61837.63000000"}: 1 to 7 integer
     * digits, optionally a point and 1 to 8 fraction digits, then the quote; two word reads and no loop. The result is
     * the one {@link #plainDecimal(int)} gives (and the general parse), in {@link #mantissa} / {@link #exponent}.
     *
     * @param from the first byte after the opening quote.
     * @return the position after the closing quote, or -1 when the text has another shape (nothing is recorded).
     */
    private int quotedDecimal(final int from)
    {
        if (from + 2 * Long.BYTES > limit)
        {
            return quotedDecimalNearEnd(from);
        }
        // where the closing quote is comes from the quote bytes alone, not from the digits before it, so that the
        // next value's position does not wait on the digit arithmetic of this one
        final long low = word(from);
        final long lowQuotes = zeroBytes(low ^ QUOTES);
        final int length;
        if (lowQuotes != 0)
        {
            length = Long.numberOfTrailingZeros(lowQuotes) >>> 3;
        }
        else
        {
            final long highQuotes = zeroBytes(word(from + Long.BYTES) ^ QUOTES);
            if (highQuotes == 0)
            {
                return -1;
            }
            length = Long.BYTES + (Long.numberOfTrailingZeros(highQuotes) >>> 3);
        }
        final int integerDigits = leadingDigits(low);
        if (integerDigits == 0 || integerDigits == Long.BYTES)
        {
            return -1;
        }
        if (integerDigits == length)
        {
            mantissa = digitsValue(low, integerDigits);
            exponent = 0;
            return from + length + 1;
        }
        final int fractionDigits = length - integerDigits - 1;
        if (((low >>> (integerDigits << 3)) & 0xFF) != '.' || fractionDigits < 1 || fractionDigits > Long.BYTES)
        {
            return -1;
        }
        final long fraction = word(from + integerDigits + 1);
        if (leadingDigits(fraction) < fractionDigits)
        {
            return -1;
        }
        mantissa = digitsValue(low, integerDigits) * POWERS_OF_TEN[fractionDigits] +
            digitsValue(fraction, fractionDigits);
        exponent = -fractionDigits;
        return from + length + 1;
    }

    /**
     * {@link #quotedDecimal(int)} where fewer than 16 bytes of the document remain: the digits first, then the quote.
     */
    private int quotedDecimalNearEnd(final int from)
    {
        if (from + Long.BYTES > limit)
        {
            return -1;
        }
        final long integerWord = word(from);
        final int integerDigits = leadingDigits(integerWord);
        if (integerDigits == 0 || integerDigits == Long.BYTES)
        {
            return -1;
        }
        // the byte after the integer digits is in the word
        final long after = (integerWord >>> (integerDigits << 3)) & 0xFF;
        if (after == '"')
        {
            mantissa = digitsValue(integerWord, integerDigits);
            exponent = 0;
            return from + integerDigits + 1;
        }
        final int fraction = from + integerDigits + 1;
        if (after != '.' || fraction + Long.BYTES > limit)
        {
            return -1;
        }
        final long fractionWord = word(fraction);
        final int fractionDigits = leadingDigits(fractionWord);
        final int end;
        if (fractionDigits > 0 && fractionDigits < Long.BYTES &&
            ((fractionWord >>> (fractionDigits << 3)) & 0xFF) == '"')
        {
            end = fraction + fractionDigits + 1;
        }
        else if (fractionDigits == Long.BYTES && fraction + Long.BYTES < limit && at(fraction + Long.BYTES) == '"')
        {
            end = fraction + Long.BYTES + 1;
        }
        else
        {
            return -1;
        }
        mantissa = fractionDigits == Long.BYTES ?
            digitsValue(integerWord, integerDigits) * 100_000_000L + eightDigitsValue(fractionWord) :
            digitsValue(integerWord, integerDigits) * POWERS_OF_TEN[fractionDigits] +
            digitsValue(fractionWord, fractionDigits);
        exponent = -fractionDigits;
        return end;
    }

    /**
     * @return the price mantissa of the last {@link #tryParseQuotedLevel()}.
     */
    public long levelPriceMantissa()
    {
        return levelPriceMantissa;
    }

    /**
     * @return the price exponent of the last {@link #tryParseQuotedLevel()}.
     */
    public int levelPriceExponent()
    {
        return levelPriceExponent;
    }

    /**
     * Parses {@code digits[.digits]} of at most {@link #SAFE_DIGITS} digits. The common shape, up to 7 integer and 8
     * fraction digits, takes two word reads and no loop; anything else goes the 8-at-a-time way.
     *
     * @return the position after it, or -1 when the text has another shape (the caller falls back).
     */
    private int plainDecimal(final int from)
    {
        if (from + Long.BYTES <= limit)
        {
            final long integerWord = word(from);
            final int integerDigits = leadingDigits(integerWord);
            if (integerDigits > 0 && integerDigits < Long.BYTES)
            {
                // the byte after the integer digits is in the word
                final int end = from + integerDigits;
                if (((integerWord >>> (integerDigits << 3)) & 0xFF) != '.')
                {
                    mantissa = digitsValue(integerWord, integerDigits);
                    exponent = 0;
                    return end;
                }
                final int fraction = end + 1;
                if (fraction + Long.BYTES <= limit)
                {
                    final long fractionWord = word(fraction);
                    final int fractionDigits = leadingDigits(fractionWord);
                    // an 8-digit fraction must be followed by something else, which must then be in the document
                    if (fractionDigits > 0 && (fractionDigits < Long.BYTES ||
                        (fraction + Long.BYTES < limit && !isDigit(at(fraction + Long.BYTES)))))
                    {
                        mantissa = digitsValue(integerWord, integerDigits) * POWERS_OF_TEN[fractionDigits] +
                            digitsValue(fractionWord, fractionDigits);
                        exponent = -fractionDigits;
                        return fraction + fractionDigits;
                    }
                }
            }
        }
        return plainDecimalByWords(from);
    }

    /**
     * {@link #plainDecimal(int)} for any length up to {@link #SAFE_DIGITS} digits, 8 at a time where it can.
     */
    private int plainDecimalByWords(final int from)
    {
        int pos = from;
        long m = 0;
        int digits = 0;
        int exp = 0;
        boolean fraction = false;
        while (true)
        {
            int chunk;
            if (pos + Long.BYTES <= limit)
            {
                final long word = word(pos);
                chunk = leadingDigits(word);
                if (digits + chunk > SAFE_DIGITS)
                {
                    return -1;
                }
                if (chunk > 0)
                {
                    m = m * POWERS_OF_TEN[chunk] + digitsValue(word, chunk);
                }
            }
            else
            {
                chunk = 0;
                while (pos + chunk < limit && isDigit(at(pos + chunk)))
                {
                    if (digits + chunk >= SAFE_DIGITS)
                    {
                        return -1;
                    }
                    m = m * 10 + (at(pos + chunk) - '0');
                    chunk++;
                }
            }
            digits += chunk;
            pos += chunk;
            if (fraction)
            {
                exp -= chunk;
            }
            if (chunk == Long.BYTES)
            {
                continue;
            }
            if (pos >= limit)
            {
                return -1;
            }
            if (!fraction && at(pos) == '.' && digits > 0)
            {
                fraction = true;
                pos++;
                if (pos >= limit || !isDigit(at(pos)))
                {
                    return -1;
                }
                continue;
            }
            break;
        }
        if (digits == 0)
        {
            return -1;
        }
        mantissa = m;
        exponent = exp;
        return pos;
    }

    /**
     * Reads a 64-bit integer from a JSON number or a string holding one.
     *
     * @return {@link #OK}, {@link #EMPTY}, {@link #BAD_NUMBER}, {@link #NUMBER_OVERFLOW}, {@link #BAD_VALUE} or
     * {@link #TRUNCATED}.
     */
    public int parseLong()
    {
        int pos = skipWhitespace();
        if (pos >= limit)
        {
            return error(TRUNCATED, pos);
        }
        final boolean quoted = at(pos) == '"';
        if (quoted)
        {
            pos++;
            if (pos < limit && at(pos) == '"')
            {
                position = pos + 1;
                return EMPTY;
            }
        }
        if (pos >= limit)
        {
            return error(TRUNCATED, pos);
        }
        if (!quoted && fastPaths)
        {
            // the commonest shape, 1723161255342 then a delimiter, by words
            final int end = plainLong(pos);
            if (end >= 0)
            {
                position = end;
                return OK;
            }
        }
        byte c = at(pos);
        if (!quoted && c != '-' && !isDigit(c))
        {
            return error(BAD_VALUE, pos);
        }
        boolean negative = false;
        if (c == '-')
        {
            negative = true;
            pos++;
        }
        long positive = 0;
        int digits = 0;
        while (pos + Long.BYTES <= limit && digits + Long.BYTES <= SAFE_DIGITS)
        {
            final long word = word(pos);
            final int chunk = leadingDigits(word);
            if (chunk > 0)
            {
                positive = positive * POWERS_OF_TEN[chunk] + digitsValue(word, chunk);
                digits += chunk;
                pos += chunk;
            }
            if (chunk < Long.BYTES)
            {
                break;
            }
        }
        long value = -positive;
        while (pos < limit && isDigit(c = at(pos)))
        {
            // accumulate negatively so that Long.MIN_VALUE is representable
            final int d = c - '0';
            if (value < -MAX_BEFORE_MULTIPLY || (value == -MAX_BEFORE_MULTIPLY && d > (negative ? 8 : 7)))
            {
                return error(NUMBER_OVERFLOW, pos);
            }
            value = value * 10 - d;
            digits++;
            pos++;
        }
        if (digits == 0)
        {
            return pos >= limit ? error(TRUNCATED, pos) : error(BAD_NUMBER, pos);
        }
        if (quoted)
        {
            if (pos >= limit)
            {
                return error(TRUNCATED, pos);
            }
            if (at(pos) != '"')
            {
                return error(BAD_NUMBER, pos);
            }
            pos++;
        }
        else if (pos < limit && !isDelimiter(at(pos)))
        {
            return error(BAD_NUMBER, pos);
        }
        longValue = negative ? value : -value;
        position = pos;
        return OK;
    }

    /**
     * The commonest shape of an unquoted integer: 1 to 15 digits followed, within the document, by a delimiter; two
     * word reads and no loop. The value is the one the general parse gives, in {@link #longValue}.
     *
     * @param from the first digit.
     * @return the position after the digits, or -1 when the text has another shape (nothing is recorded).
     */
    private int plainLong(final int from)
    {
        if (from + Long.BYTES > limit)
        {
            return -1;
        }
        final long high = word(from);
        final int highDigits = leadingDigits(high);
        if (highDigits == 0)
        {
            return -1;
        }
        if (highDigits < Long.BYTES)
        {
            if (!isDelimiter((byte)(high >>> (highDigits << 3))))
            {
                return -1;
            }
            longValue = digitsValue(high, highDigits);
            return from + highDigits;
        }
        final int low = from + Long.BYTES;
        if (low + Long.BYTES > limit)
        {
            return -1;
        }
        final long lowWord = word(low);
        final int lowDigits = leadingDigits(lowWord);
        if (lowDigits == Long.BYTES || !isDelimiter((byte)(lowWord >>> (lowDigits << 3))))
        {
            return -1;
        }
        longValue = lowDigits == 0 ? eightDigitsValue(high) :
            eightDigitsValue(high) * POWERS_OF_TEN[lowDigits] + digitsValue(lowWord, lowDigits);
        return low + lowDigits;
    }

    /**
     * Reads {@code true} or {@code false}.
     *
     * @return {@link #OK}, {@link #BAD_VALUE} or {@link #TRUNCATED}.
     */
    public int parseBoolean()
    {
        final int pos = skipWhitespace();
        if (pos >= limit)
        {
            return error(TRUNCATED, pos);
        }
        final byte c = at(pos);
        if (c == 't')
        {
            final int status = literal(pos, "true", TRUE_WORD);
            booleanValue = true;
            return status == OK ? OK : status;
        }
        if (c == 'f')
        {
            final int status = literal(pos, "false", FALSE_WORD);
            booleanValue = false;
            return status;
        }
        return error(BAD_VALUE, pos);
    }

    /**
     * Consumes any value, checking that it is well-formed JSON.
     *
     * @return {@link #OK} or an error.
     */
    public int skipValue()
    {
        return skipValue(0);
    }

    private int skipValue(final int depth)
    {
        final int pos = skipWhitespace();
        if (pos >= limit)
        {
            return error(TRUNCATED, pos);
        }
        final byte c = at(pos);
        switch (c)
        {
            case '"':
                position = pos;
                return parseString();

            case '{':
            {
                if (depth >= MAX_DEPTH)
                {
                    return error(TOO_DEEP, pos);
                }
                position = pos + 1;
                boolean first = true;
                int status;
                while ((status = nextField(first)) == OK)
                {
                    first = false;
                    status = skipValue(depth + 1);
                    if (status != OK)
                    {
                        return status;
                    }
                }
                return status == END ? OK : status;
            }

            case '[':
            {
                if (depth >= MAX_DEPTH)
                {
                    return error(TOO_DEEP, pos);
                }
                position = pos + 1;
                boolean first = true;
                int status;
                while ((status = nextElement(first)) == OK)
                {
                    first = false;
                    status = skipValue(depth + 1);
                    if (status != OK)
                    {
                        return status;
                    }
                }
                return status == END ? OK : status;
            }

            case 't':
                return literal(pos, "true", TRUE_WORD);

            case 'f':
                return literal(pos, "false", FALSE_WORD);

            case 'n':
                return literal(pos, "null", NULL_WORD);

            default:
                if (c == '-' || isDigit(c))
                {
                    position = pos;
                    return skipNumber();
                }
                return error(UNEXPECTED_CHARACTER, pos);
        }
    }

    /**
     * Consumes an array, counting its elements.
     *
     * @return the number of elements (0 or more), or a negative error.
     */
    public int countElements()
    {
        int status = enterArray();
        if (status != OK)
        {
            return status == UNEXPECTED_CHARACTER ? error(BAD_VALUE, position) : status;
        }
        int count = 0;
        boolean first = true;
        while ((status = nextElement(first)) == OK)
        {
            first = false;
            status = skipValue(1);
            if (status != OK)
            {
                return status;
            }
            count++;
        }
        return status == END ? count : status;
    }

    private int skipNumber()
    {
        int pos = position;
        if (at(pos) == '-')
        {
            pos++;
        }
        final int start = pos;
        while (pos < limit)
        {
            final byte c = at(pos);
            if (isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')
            {
                pos++;
            }
            else if (isDelimiter(c))
            {
                break;
            }
            else
            {
                return error(BAD_NUMBER, pos);
            }
        }
        if (pos == start || pos >= limit)
        {
            return error(TRUNCATED, pos);
        }
        position = pos;
        return OK;
    }

    private int literal(final int pos, final String word, final long packedWord)
    {
        final int length = word.length();
        if (fastPaths && pos + Long.BYTES <= limit)
        {
            // the whole literal and the byte after it in one word: the common case, decided without the loop below
            final long text = word(pos);
            final long mask = (1L << (length << 3)) - 1;
            if ((text & mask) == packedWord && isDelimiter((byte)(text >>> (length << 3))))
            {
                position = pos + length;
                return OK;
            }
        }
        for (int i = 0; i < length; i++)
        {
            if (pos + i >= limit)
            {
                return error(TRUNCATED, pos + i);
            }
            if (at(pos + i) != word.charAt(i))
            {
                return error(UNEXPECTED_CHARACTER, pos + i);
            }
        }
        if (pos + length < limit && !isDelimiter(at(pos + length)))
        {
            return error(UNEXPECTED_CHARACTER, pos + length);
        }
        position = pos + length;
        return OK;
    }

    /**
     * For fast paths that match fixed text in one comparison with {@link #wordAt(int)}.
     *
     * @param literal up to 8 ASCII characters.
     * @return the literal's bytes as {@link #wordAt(int)} reads them, the first lowest.
     */
    public static long pack(final String literal)
    {
        if (literal.length() > Long.BYTES)
        {
            throw new IllegalArgumentException("more than 8 bytes: " + literal);
        }
        long packed = 0;
        for (int i = literal.length() - 1; i >= 0; i--)
        {
            packed = (packed << 8) | literal.charAt(i);
        }
        return packed;
    }

    private int expect(final char expected)
    {
        final int pos = skipWhitespace();
        if (pos >= limit)
        {
            return error(TRUNCATED, pos);
        }
        if (at(pos) != expected)
        {
            return error(UNEXPECTED_CHARACTER, pos);
        }
        position = pos + 1;
        return OK;
    }

    private int skipWhitespace()
    {
        int pos = position;
        if (pos < limit && at(pos) > ' ')
        {
            return pos;
        }
        while (pos < limit)
        {
            final byte c = at(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            {
                break;
            }
            pos++;
        }
        return pos;
    }

    /**
     * Reads a byte of the document without a bounds check: callers only pass positions below {@link #limit}, and
     * {@link #wrap(DirectBuffer, int, int)} checked the whole range once. The buffer field keeps the memory alive.
     */
    private byte at(final int pos)
    {
        return UnsafeApi.getByte(array, address + pos);
    }

    /**
     * Reads 8 bytes little-endian (first byte lowest); callers ensure {@code pos + 8 <= limit}.
     */
    private long word(final int pos)
    {
        final long word = UnsafeApi.getLong(array, address + pos);
        return java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN ? word : Long.reverseBytes(word);
    }

    /**
     * The bytes from a position to the end of the document, fewer than 8, as {@link #word(int)} would read them with
     * zeros past the end: one read of the document's last 8 bytes when it has that many, else byte by byte.
     *
     * @param pos absolute index, with {@code 0 < limit - pos < 8}.
     */
    private long tailWord(final int pos)
    {
        final int available = limit - pos;
        if (limit - Long.BYTES >= start)
        {
            return word(limit - Long.BYTES) >>> ((Long.BYTES - available) << 3);
        }
        long text = 0;
        for (int i = available - 1; i >= 0; i--)
        {
            text = (text << 8) | (at(pos + i) & 0xFF);
        }
        return text;
    }

    /**
     * Skips bytes that need no attention inside a string, 8 at a time: stops at the first quote, backslash or
     * control character (or where fewer than 8 bytes remain).
     */
    private int skipPlainStringBytes(final int from)
    {
        int pos = from;
        while (pos + Long.BYTES <= limit)
        {
            final long word = word(pos);
            final long special = zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES) |
                ((word - SPACES) & ~word & HIGH_BITS);
            if (special != 0)
            {
                return pos + (Long.numberOfTrailingZeros(special) >>> 3);
            }
            pos += Long.BYTES;
        }
        return pos;
    }

    /**
     * The high bit of each zero byte is set (bytes after the first zero may be flagged falsely; only the first is
     * used).
     */
    private static long zeroBytes(final long word)
    {
        return (word - LOW_BITS) & ~word & HIGH_BITS;
    }

    /**
     * @return how many of the word's bytes, from the first, are ASCII digits (0 to 8).
     */
    static int leadingDigits(final long word)
    {
        final long shifted = word - ASCII_ZEROS;
        final long nonDigits = (shifted | (shifted + 0x7676767676767676L)) & HIGH_BITS;
        return Long.numberOfTrailingZeros(nonDigits) >>> 3;
    }

    /**
     * Value of the word's 8 bytes as ASCII digits, which the caller has checked, combined in three multiplies.
     *
     * @param word 8 bytes, the first lowest.
     * @return their value.
     */
    public static long eightDigitsValue(final long word)
    {
        long value = ((word & 0x0F0F0F0F0F0F0F0FL) * 2561) >>> 8;
        value = ((value & 0x00FF00FF00FF00FFL) * 6553601) >>> 16;
        return ((value & 0x0000FFFF0000FFFFL) * 42949672960001L) >>> 32;
    }

    /**
     * Value of the first {@code count} (1 to 8) bytes of the word as ASCII digits, which the caller has checked.
     *
     * @param word  8 bytes, the first lowest.
     * @param count digits, 1 to 8.
     * @return their value.
     */
    public static long digitsValue(final long word, final int count)
    {
        long value = word << ((Long.BYTES - count) << 3);
        value = ((value & 0x0F0F0F0F0F0F0F0FL) * 2561) >>> 8;
        value = ((value & 0x00FF00FF00FF00FFL) * 6553601) >>> 16;
        return ((value & 0x0000FFFF0000FFFFL) * 42949672960001L) >>> 32;
    }

    private int error(final int status, final int pos)
    {
        errorPosition = pos;
        return status;
    }

    private static boolean isDigit(final byte c)
    {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(final byte c)
    {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isDelimiter(final byte c)
    {
        return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
