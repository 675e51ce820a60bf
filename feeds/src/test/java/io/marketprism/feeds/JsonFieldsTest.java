/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.feeds.json.JsonCursor;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonFieldsTest
{
    private static final int NAME = 0;
    private static final int TS = 1;
    private static final int PRICE = 2;
    private static final int LEVELS = 3;
    private static final byte[][] KEYS = { ascii("name"), ascii("ts"), ascii("price"), ascii("levels") };
    private static final byte[] KINDS = { JsonFields.STRING, JsonFields.LONG, JsonFields.DECIMAL, JsonFields.CUSTOM };

    private final JsonCursor cursor = new JsonCursor();
    private final DecodeFailure failure = new DecodeFailure();
    private final JsonFields fields = new JsonFields(KEYS, KINDS, cursor, failure);

    @Test
    void membersInAnyOrderAreRememberedByFieldAndUnknownOnesSkipped()
    {
        assertTrue(readObject(
            "{\"price\":\"65000.50\",\"other\":[1,{\"x\":2}],\"ts\":1700000000123,\"name\":\"BTC-USD\"}"));
        assertEquals(6_500_050L, fields.mantissa(PRICE));
        assertEquals(-2, fields.exponent(PRICE));
        assertEquals(1_700_000_000_123L, fields.longValue(TS));
        assertEquals(1_700_000_000_123_000_000L, fields.timeNs(TS));
        assertTrue(fields.stringEquals(NAME, ascii("BTC-USD")));
        assertFalse(fields.stringEquals(NAME, ascii("BTC-USDT")));
        assertFalse(fields.has(LEVELS));
        final MessageWriter writer = new MessageWriter(Venue.DERIBIT, 0);
        assertTrue(fields.symbol(NAME, writer));
    }

    @Test
    void aNullNumberIsSeenButNotPresentAndAnAbsentOneIsMissing()
    {
        assertTrue(readObject("{\"price\":null}"));
        assertTrue(fields.seen(PRICE));
        assertFalse(fields.has(PRICE));
        assertEquals(MessageWriter.NULL_MANTISSA, fields.mantissa(PRICE));
        assertEquals(MessageWriter.NULL_VALUE, fields.optionalLong(TS));
        assertFalse(fields.present(TS));
        assertEquals(StatusReason.MISSING_FIELD, failure.reason());
        assertEquals(Long.MAX_VALUE, fields.timeNs(TS));
    }

    @Test
    void anEmptyNumberIsNullWhenTheVenueMeansNoneByIt()
    {
        final JsonFields lenient = new JsonFields(KEYS, KINDS, cursor, failure).emptyIsNull();
        wrap("{\"price\":\"\",\"ts\":\"\"}");
        fields.clear();
        lenient.clear();
        cursor.enterObject();
        assertEquals(JsonCursor.OK, cursor.nextField(true));
        assertEquals(JsonFields.READ, lenient.read());
        assertEquals(JsonCursor.OK, cursor.nextField(false));
        assertEquals(JsonFields.READ, lenient.read());
        assertTrue(lenient.seen(PRICE));
        assertFalse(lenient.has(PRICE));
        assertTrue(lenient.optionalPositive(PRICE));
        assertTrue(lenient.optionalNonNegative(PRICE));
        assertEquals(MessageWriter.NULL_VALUE, lenient.optionalTimeNs(TS));
        assertFalse(failure.isSet());
    }

    @Test
    void optionalChecksPassWhenAbsentAndCheckWhenThere()
    {
        assertTrue(readObject("{\"ts\":0}"));
        assertTrue(fields.optionalPositive(PRICE));
        assertEquals(MessageWriter.NULL_VALUE, fields.optionalTimeNs(TS), "0: the venue's not set");
        assertTrue(readObject("{\"price\":0,\"ts\":1000}"));
        assertTrue(fields.optionalNonNegative(PRICE));
        assertFalse(fields.optionalPositive(PRICE));
        assertEquals(1_000_000_000L, fields.optionalTimeNs(TS));
        assertTrue(readObject("{\"ts\":-3}"));
        assertEquals(Long.MAX_VALUE, fields.optionalTimeNs(TS));
        assertEquals(StatusReason.BAD_VALUE, failure.reason());
    }

    @Test
    void aDuplicateMemberFailsAtItsKey()
    {
        final String json = "{\"ts\":1,\"ts\":2}";
        assertFalse(readObject(json));
        assertEquals(StatusReason.DUPLICATE_FIELD, failure.reason());
        assertEquals(json.lastIndexOf("ts\""), failure.position(), "the key's first character");
    }

    @Test
    void valuesOfTheWrongKindFailWithTheCursorsReason()
    {
        assertFalse(readObject("{\"ts\":\"soon\"}"));
        assertEquals(StatusReason.BAD_NUMBER, failure.reason());
        assertFalse(readObject("{\"price\":\"\"}"));
        assertEquals(StatusReason.BAD_NUMBER, failure.reason(), "an empty string is not a number");
        assertEquals(9, failure.position(), "where the value starts");
        assertFalse(readObject("{\"price\":1e999999999999999999999}"));
        assertTrue(failure.isSet());
    }

    @Test
    void checksRecordWhereTheValueStands()
    {
        final String json = "{\"price\":-1,\"ts\":-5}";
        assertTrue(readObject(json));
        assertFalse(fields.positive(PRICE));
        assertEquals(StatusReason.BAD_VALUE, failure.reason());
        assertEquals(json.indexOf("-1"), failure.position());
        assertFalse(fields.nonNegative(PRICE));
        assertEquals(Long.MAX_VALUE, fields.timeNs(TS), "a negative time");
        assertEquals(json.indexOf("-5"), failure.position());
    }

    @Test
    void aCustomValueIsHandedBackWithTheCursorAtIt()
    {
        final String json = "{\"levels\":[[1,2]],\"ts\":3}";
        wrap(json);
        fields.clear();
        cursor.enterObject();
        assertEquals(JsonCursor.OK, cursor.nextField(true));
        assertEquals(LEVELS, fields.read());
        assertEquals(json.indexOf('['), cursor.position());
        assertTrue(fields.has(LEVELS));
        assertEquals(JsonCursor.OK, cursor.skipValue());
        assertEquals(JsonCursor.OK, cursor.nextField(false));
        assertEquals(JsonFields.READ, fields.read());
        assertEquals(3L, fields.longValue(TS));
    }

    @Test
    void readingAllocatesNothing()
    {
        final String json = "{\"price\":\"65000.50\",\"ts\":1700000000123,\"name\":\"BTC-USD\",\"x\":[true,null]}";
        final UnsafeBuffer buffer = bufferOf(json);
        final long[] sum = new long[1];
        Allocations.assertNone(() ->
        {
            for (int i = 0; i < 10_000; i++)
            {
                cursor.wrap(buffer, 0, buffer.capacity());
                readWrapped();
                sum[0] += fields.mantissa(PRICE);
            }
        });
        assertTrue(sum[0] > 0 && sum[0] % 6_500_050L == 0);
    }

    @Test
    void moreKeysThanFieldBitsAreRefused()
    {
        final byte[][] keys = new byte[65][];
        final byte[] kinds = new byte[65];
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> new JsonFields(keys, kinds, cursor, failure));
    }

    private boolean readObject(final String json)
    {
        wrap(json);
        return readWrapped();
    }

    private boolean readWrapped()
    {
        failure.clear();
        fields.clear();
        int status = cursor.enterObject();
        boolean first = true;
        while (status == JsonCursor.OK && (status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final int read = fields.read();
            if (read == JsonFields.FAILED)
            {
                return false;
            }
            if (read != JsonFields.READ && (status = cursor.skipValue()) != JsonCursor.OK)
            {
                return failure.cursor(status, cursor);
            }
        }
        return status == JsonCursor.END || failure.cursor(status, cursor);
    }

    private UnsafeBuffer bufferOf(final String json)
    {
        return new UnsafeBuffer(json.getBytes(StandardCharsets.US_ASCII));
    }

    private void wrap(final String json)
    {
        final UnsafeBuffer buffer = bufferOf(json);
        cursor.wrap(buffer, 0, buffer.capacity());
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
