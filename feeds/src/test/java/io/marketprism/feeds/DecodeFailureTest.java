/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.feeds.json.JsonCursor;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecodeFailureTest
{
    private final DecodeFailure failure = new DecodeFailure();

    @Test
    void aPreciseFailureIsKeptWhenTheCursorErrorItCausedFollows()
    {
        final JsonCursor cursor = cursorOver("{\"a\":12x}");
        cursor.enterObject();
        cursor.nextField(true);
        assertFalse(failure.fail(StatusReason.BAD_VALUE, 5));
        final int status = cursor.parseDecimal();
        assertEquals(-1, failure.cursorFailed(status, cursor));
        assertEquals(StatusReason.BAD_VALUE, failure.reason());
        assertEquals(5, failure.position());
    }

    @Test
    void aCursorErrorIsRecordedWhereTheCursorFoundIt()
    {
        final JsonCursor cursor = cursorOver("{\"a\":[1,2}");
        cursor.enterObject();
        cursor.nextField(true);
        final int status = cursor.skipValue();
        assertFalse(failure.cursor(status, cursor));
        assertEquals(StatusReason.UNEXPECTED_CHARACTER, failure.reason());
        assertEquals(cursor.errorPosition(), failure.position());
        assertTrue(failure.position() > 0);
    }

    @Test
    void failOverwritesAndClearForgets()
    {
        assertEquals(-1, failure.failed(StatusReason.MISSING_FIELD, 3));
        failure.fail(StatusReason.DUPLICATE_FIELD, 7);
        assertEquals(StatusReason.DUPLICATE_FIELD, failure.reason());
        assertEquals(7, failure.position());
        failure.clear();
        assertFalse(failure.isSet());
        assertEquals(StatusReason.BAD_VALUE, failure.reason(), "a step that failed without saying why");
    }

    @Test
    void symbolsAreCheckedForLengthAndCharacters()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer("xBTC-USD x\"y".getBytes(StandardCharsets.US_ASCII));
        assertTrue(failure.checkSymbol(buffer, 1, 7));
        assertFalse(failure.checkSymbol(buffer, 1, 0));
        assertEquals(StatusReason.BAD_VALUE, failure.reason());
        assertEquals(1, failure.position());
        assertFalse(failure.checkSymbol(buffer, 1, 9));
        assertEquals(StatusReason.BAD_VALUE, failure.reason());
        assertEquals(8, failure.position(), "the space");
        final UnsafeBuffer longSymbol = new UnsafeBuffer(new byte[200]);
        longSymbol.setMemory(0, 200, (byte)'A');
        assertFalse(failure.checkSymbol(longSymbol, 0, 200));
        assertEquals(StatusReason.SYMBOL_TOO_LONG, failure.reason());
    }

    @Test
    void theReportNamesTheReasonAndThePositionInTheFrame()
    {
        final RecordingSink sink = new RecordingSink(1024, true);
        failure.fail(StatusReason.MISSING_FIELD, 110);
        assertEquals(1, failure.report(new MessageWriter(Venue.DERIBIT, 0), sink, 100, 42L));
        final StatusDecoder status = new SbeView().status(sink.buffer(), sink.only());
        assertEquals(StatusReason.MISSING_FIELD, status.reason());
        assertEquals(10, status.detail());
        assertEquals(42L, status.recvTsNs());
    }

    private static JsonCursor cursorOver(final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
        return new JsonCursor().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
