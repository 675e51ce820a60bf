/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.feeds.json.JsonCursor;
import io.marketprism.sbe.StatusReason;

/**
 * The members of one JSON object a decoder reads, remembered by field id so that fields may come in any order: a
 * table of keys with the kind of each value, and slots for the values of the object being read. A decoder reads the
 * object's members with {@link #read()}, then checks and takes the values it needs. Failures go to the decoder's
 * {@link DecodeFailure}. Reused for every object: no allocation.
 * <p>
 * A member that appears twice is a {@code DUPLICATE_FIELD}; an unknown key is skipped; a {@code null} value (of any
 * kind: venues send it for a value they do not have) is remembered as null, present but without value, which
 * {@link #present(int)} treats as absent; so is an empty string where a number belongs when {@link #emptyIsNull()}
 * says so.
 */
public final class JsonFields
{
    /** Kind: a string; its offset and length are kept. */
    public static final byte STRING = 1;
    /** Kind: an integer number. */
    public static final byte LONG = 2;
    /** Kind: a decimal number, kept as mantissa and exponent. */
    public static final byte DECIMAL = 3;
    /** Kind: a value the decoder parses itself; {@link #read()} hands it back with the cursor at the value. */
    public static final byte CUSTOM = 4;

    /** {@link #read()}: the member was read (or skipped). */
    public static final int READ = -2;
    /** {@link #read()}: the member was malformed; the failure is recorded. */
    public static final int FAILED = -1;
    /** Field id of a key not in the table. */
    public static final int UNKNOWN = -1;

    private final byte[][] keys;
    private final byte[] kinds;
    private final JsonCursor cursor;
    private final DecodeFailure failure;

    private boolean emptyIsNull;
    private long seen;
    private long nulls;
    private final long[] longs;
    private final long[] mantissas;
    private final int[] exponents;
    private final int[] offsets;
    private final int[] lengths;

    /**
     * @param keys    the keys, by field id (at most 64).
     * @param kinds   the kind of each key's value.
     * @param cursor  the decoder's cursor.
     * @param failure the decoder's failure.
     */
    public JsonFields(final byte[][] keys, final byte[] kinds, final JsonCursor cursor, final DecodeFailure failure)
    {
        if (keys.length != kinds.length || keys.length > Long.SIZE)
        {
            throw new IllegalArgumentException("keys " + keys.length + ", kinds " + kinds.length);
        }
        this.keys = keys;
        this.kinds = kinds;
        this.cursor = cursor;
        this.failure = failure;
        longs = new long[keys.length];
        mantissas = new long[keys.length];
        exponents = new int[keys.length];
        offsets = new int[keys.length];
        lengths = new int[keys.length];
    }

    /**
     * Makes an empty string where a number belongs ({@code ""}, as OKX and Bybit send for a value they do not have)
     * null, instead of a {@code BAD_NUMBER}. Cold path.
     *
     * @return this.
     */
    public JsonFields emptyIsNull()
    {
        emptyIsNull = true;
        return this;
    }

    /**
     * Forgets the values; before each object.
     */
    public void clear()
    {
        seen = 0;
        nulls = 0;
    }

    /**
     * @return the field id of the key the cursor has just read, or {@link #UNKNOWN}.
     */
    public int key()
    {
        final int length = cursor.keyLength();
        for (int k = 0; k < keys.length; k++)
        {
            if (keys[k].length == length && cursor.keyEquals(keys[k]))
            {
                return k;
            }
        }
        return UNKNOWN;
    }

    /**
     * Reads the value of the member whose key the cursor has just read.
     *
     * @return {@link #READ}, {@link #FAILED} (recorded), or the field id of a {@link #CUSTOM} value, which the
     * caller parses from the cursor's position (the field is then present; its offset is the value's).
     */
    public int read()
    {
        final int key = key();
        int status;
        if (key == UNKNOWN)
        {
            status = cursor.skipValue();
            return status == JsonCursor.OK ? READ : cursorFailed(status);
        }
        final long bit = 1L << key;
        if ((seen & bit) != 0)
        {
            return failure.failed(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
        }
        seen |= bit;
        final byte kind = kinds[key];
        offsets[key] = cursor.position();
        if (cursor.peek() == 'n')
        {
            nulls |= bit;
            status = cursor.skipValue();
            return status == JsonCursor.OK ? READ : cursorFailed(status);
        }
        switch (kind)
        {
            case STRING:
                status = cursor.parseString();
                if (status == JsonCursor.OK)
                {
                    offsets[key] = cursor.stringOffset();
                    lengths[key] = cursor.stringLength();
                }
                break;
            case LONG:
                status = cursor.parseLong();
                longs[key] = cursor.longValue();
                break;
            case DECIMAL:
                status = cursor.parseDecimal();
                mantissas[key] = cursor.mantissa();
                exponents[key] = cursor.exponent();
                break;
            default:
                return key;
        }
        if (status == JsonCursor.EMPTY)
        {
            if (emptyIsNull)
            {
                nulls |= bit;
                return READ;
            }
            return failure.failed(StatusReason.BAD_NUMBER, offsets[key]);
        }
        return status == JsonCursor.OK ? READ : cursorFailed(status);
    }

    /**
     * @param key a field id.
     * @return whether the field was there and not null; no failure recorded.
     */
    public boolean has(final int key)
    {
        final long bit = 1L << key;
        return (seen & bit) != 0 && (nulls & bit) == 0;
    }

    /**
     * @param key a field id.
     * @return whether the field was there, null or not.
     */
    public boolean seen(final int key)
    {
        return (seen & (1L << key)) != 0;
    }

    /**
     * @param key a field id.
     * @return true when the field is there and not null; otherwise records {@code MISSING_FIELD} at the document's
     * end.
     */
    public boolean present(final int key)
    {
        return has(key) || failure.fail(StatusReason.MISSING_FIELD, cursor.limit());
    }

    /**
     * @param key a decimal field id.
     * @return true when present and above zero (else recorded).
     */
    public boolean positive(final int key)
    {
        return present(key) && (mantissas[key] > 0 || failure.fail(StatusReason.BAD_VALUE, offsets[key]));
    }

    /**
     * @param key a decimal field id.
     * @return true when present and zero or more (else recorded).
     */
    public boolean nonNegative(final int key)
    {
        return present(key) && (mantissas[key] >= 0 || failure.fail(StatusReason.BAD_VALUE, offsets[key]));
    }

    /**
     * @param key a decimal field id.
     * @return true when absent or null, or above zero (else recorded).
     */
    public boolean optionalPositive(final int key)
    {
        return !has(key) || positive(key);
    }

    /**
     * @param key a decimal field id.
     * @return true when absent or null, or zero or more (else recorded).
     */
    public boolean optionalNonNegative(final int key)
    {
        return !has(key) || nonNegative(key);
    }

    /**
     * @param key a decimal field id.
     * @return its mantissa, or {@link MessageWriter#NULL_MANTISSA} when absent or null.
     */
    public long mantissa(final int key)
    {
        return has(key) ? mantissas[key] : MessageWriter.NULL_MANTISSA;
    }

    /**
     * @param key a decimal field id.
     * @return its exponent (meaningful when {@link #has(int)}).
     */
    public int exponent(final int key)
    {
        return exponents[key];
    }

    /**
     * @param key an integer field id.
     * @return its value (meaningful when {@link #has(int)}).
     */
    public long longValue(final int key)
    {
        return longs[key];
    }

    /**
     * @param key an integer field id.
     * @return its value, or {@link MessageWriter#NULL_VALUE} when absent or null.
     */
    public long optionalLong(final int key)
    {
        return has(key) ? longs[key] : MessageWriter.NULL_VALUE;
    }

    /**
     * @param key a field id.
     * @return where its value starts in the buffer (a string's first character).
     */
    public int offset(final int key)
    {
        return offsets[key];
    }

    /**
     * @param key a string field id.
     * @return its length in bytes.
     */
    public int length(final int key)
    {
        return lengths[key];
    }

    /**
     * @param key   a string field id.
     * @param ascii bytes to compare with.
     * @return whether the string is exactly those bytes.
     */
    public boolean stringEquals(final int key, final byte[] ascii)
    {
        return bytesEqual(cursor, offsets[key], lengths[key], ascii);
    }

    /**
     * A millisecond time field in nanoseconds.
     *
     * @param key an integer field id.
     * @return ns since epoch; {@code Long.MAX_VALUE} when absent, negative or beyond the nanosecond range (recorded).
     */
    public long timeNs(final int key)
    {
        if (!present(key))
        {
            return Long.MAX_VALUE;
        }
        final long ms = longs[key];
        if (ms < 0 || ms > Long.MAX_VALUE / 1_000_000L)
        {
            failure.fail(StatusReason.BAD_VALUE, offsets[key]);
            return Long.MAX_VALUE;
        }
        return ms * 1_000_000L;
    }

    /**
     * A millisecond time field that may be absent, in nanoseconds.
     *
     * @param key an integer field id.
     * @return ns since epoch; {@link MessageWriter#NULL_VALUE} when absent, null or 0 (venues' "not set");
     * {@code Long.MAX_VALUE} when negative or beyond the nanosecond range (recorded).
     */
    public long optionalTimeNs(final int key)
    {
        if (!has(key) || longs[key] == 0)
        {
            return MessageWriter.NULL_VALUE;
        }
        return timeNs(key);
    }

    /**
     * Sets the writer's symbol to a string field after checking it (recorded when missing or not a symbol).
     *
     * @param key    a string field id.
     * @param writer the decoder's writer.
     * @return true when set.
     */
    public boolean symbol(final int key, final MessageWriter writer)
    {
        if (!present(key) || !failure.checkSymbol(cursor, offsets[key], lengths[key]))
        {
            return false;
        }
        writer.symbol(cursor.buffer(), offsets[key], lengths[key]);
        return true;
    }

    /**
     * @param cursor a cursor over the bytes.
     * @param offset first byte.
     * @param length bytes.
     * @param ascii  bytes to compare with.
     * @return whether the bytes are exactly {@code ascii}.
     */
    public static boolean bytesEqual(final JsonCursor cursor, final int offset, final int length, final byte[] ascii)
    {
        if (length != ascii.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if ((byte)cursor.byteAt(offset + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    private int cursorFailed(final int status)
    {
        failure.cursor(status, cursor);
        return FAILED;
    }
}
