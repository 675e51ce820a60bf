/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.net;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebSocketFrameReaderTest
{
    private final List<String> messages = new ArrayList<>();
    private final List<String> controls = new ArrayList<>();
    private final WebSocketFrameReader.Sink sink = new WebSocketFrameReader.Sink()
    {
        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length, final boolean binary)
        {
            messages.add((binary ? "B:" : "T:") + buffer.getStringWithoutLengthUtf8(offset, length));
        }

        @Override
        public boolean onControl(final int opcode, final DirectBuffer buffer, final int offset, final int length)
        {
            controls.add(opcode + ":" + buffer.getStringWithoutLengthUtf8(offset, length));
            return opcode != WebSocketFrameReader.OPCODE_CLOSE;
        }
    };

    @Test
    void shouldReadFramesOfEveryLengthClassSplitAtEveryByte()
    {
        final String small = "{\"a\":1}";
        final String medium = "m".repeat(300);
        final String large = "L".repeat(70_000);
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        write(stream, true, WebSocketFrameReader.OPCODE_TEXT, small);
        write(stream, true, WebSocketFrameReader.OPCODE_PING, "p");
        write(stream, true, WebSocketFrameReader.OPCODE_TEXT, medium);
        write(stream, true, WebSocketFrameReader.OPCODE_BINARY, large);
        write(stream, true, WebSocketFrameReader.OPCODE_TEXT, "");
        final byte[] bytes = stream.toByteArray();
        final List<String> expected = List.of("T:" + small, "T:" + medium, "B:" + large, "T:");

        for (final int split : new int[]{ 1, 2, 3, 4, 5, 9, 10, 11, 13, 300, 315, 70_000, bytes.length })
        {
            messages.clear();
            controls.clear();
            final WebSocketFrameReader reader = new WebSocketFrameReader(sink, 100_000);
            feed(reader, bytes, split);
            assertEquals(expected, messages, "split " + split);
            assertEquals(List.of("9:p"), controls, "split " + split);
        }
    }

    @Test
    void shouldJoinFragmentsWithControlFramesBetweenThem()
    {
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        write(stream, false, WebSocketFrameReader.OPCODE_TEXT, "{\"stream\":");
        write(stream, true, WebSocketFrameReader.OPCODE_PING, "");
        write(stream, false, WebSocketFrameReader.OPCODE_CONTINUATION, "\"btcusdt@trade\"");
        write(stream, true, WebSocketFrameReader.OPCODE_CONTINUATION, "}");
        write(stream, true, WebSocketFrameReader.OPCODE_TEXT, "next");
        final byte[] bytes = stream.toByteArray();
        for (int split = 1; split <= bytes.length; split++)
        {
            messages.clear();
            controls.clear();
            final WebSocketFrameReader reader = new WebSocketFrameReader(sink, 1000);
            assertEquals(WebSocketFrameReader.OK, feed(reader, bytes, split));
            assertEquals(List.of("T:{\"stream\":\"btcusdt@trade\"}", "T:next"), messages, "split " + split);
            assertEquals(List.of("9:"), controls);
        }
    }

    @Test
    void shouldStopAtAFrameLongerThanTheMaximumFromItsHeaderAlone()
    {
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        write(stream, true, WebSocketFrameReader.OPCODE_TEXT, "ok");
        write(stream, true, WebSocketFrameReader.OPCODE_TEXT, "x".repeat(201));
        write(stream, true, WebSocketFrameReader.OPCODE_TEXT, "never");
        final byte[] bytes = stream.toByteArray();
        final WebSocketFrameReader reader = new WebSocketFrameReader(sink, 200);
        // only the header of the long frame: the limit is known before its payload arrives
        assertEquals(WebSocketFrameReader.FRAME_TOO_LARGE, reader.onBytes(new UnsafeBuffer(bytes), 0, 4 + 4));
        assertEquals(201, reader.errorDetail());
        assertEquals(List.of("T:ok"), messages);
        assertEquals(WebSocketFrameReader.FRAME_TOO_LARGE, reader.onBytes(new UnsafeBuffer(bytes), 8, 10));
        assertEquals(List.of("T:ok"), messages);
    }

    @Test
    void shouldCountAFragmentedMessageWholeAgainstTheMaximum()
    {
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        write(stream, false, WebSocketFrameReader.OPCODE_TEXT, "a".repeat(150));
        write(stream, true, WebSocketFrameReader.OPCODE_CONTINUATION, "b".repeat(100));
        final WebSocketFrameReader reader = new WebSocketFrameReader(sink, 200);
        final byte[] bytes = stream.toByteArray();
        assertEquals(WebSocketFrameReader.FRAME_TOO_LARGE, reader.onBytes(new UnsafeBuffer(bytes), 0, bytes.length));
        assertEquals(250, reader.errorDetail());
        assertTrue(messages.isEmpty());
    }

    @Test
    void shouldRefuseMaskedReservedAndInterleavedFrames()
    {
        final byte[][] bad = {
            { (byte)0x81, (byte)0x81, 1, 2, 3, 4, 'x' },                 // masked by the server
            { (byte)0xC1, 0x01, 'x' },                                    // RSV1 without an extension
            { (byte)0x83, 0x00 },                                         // reserved opcode
            { (byte)0x80, 0x01, 'x' },                                    // continuation of nothing
            { 0x01, 0x01, 'a', (byte)0x81, 0x01, 'b' },                   // new message inside a fragmented one
            { 0x09, 0x00 },                                               // fragmented ping
        };
        for (final byte[] frame : bad)
        {
            messages.clear();
            final WebSocketFrameReader reader = new WebSocketFrameReader(sink, 1000);
            assertEquals(WebSocketFrameReader.PROTOCOL_ERROR, reader.onBytes(new UnsafeBuffer(frame), 0, frame.length),
                Arrays.toString(frame));
            assertTrue(messages.isEmpty(), Arrays.toString(frame));
        }
    }

    @Test
    void shouldStopAfterACloseFrame()
    {
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        write(stream, true, WebSocketFrameReader.OPCODE_CLOSE, "\u0003\u00e9bye");
        write(stream, true, WebSocketFrameReader.OPCODE_TEXT, "after");
        final byte[] bytes = stream.toByteArray();
        final WebSocketFrameReader reader = new WebSocketFrameReader(sink, 1000);
        assertEquals(WebSocketFrameReader.STOPPED, reader.onBytes(new UnsafeBuffer(bytes), 0, bytes.length));
        assertEquals(1, controls.size());
        assertTrue(messages.isEmpty());
    }

    private static int feed(final WebSocketFrameReader reader, final byte[] bytes, final int split)
    {
        int status = WebSocketFrameReader.OK;
        for (int offset = 0; offset < bytes.length; offset += split)
        {
            // each piece in a buffer of its own, as separate socket reads would be
            final byte[] piece = Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + split));
            status = reader.onBytes(new UnsafeBuffer(piece), 0, piece.length);
        }
        return status;
    }

    private static void write(final ByteArrayOutputStream out, final boolean fin, final int opcode, final String text)
    {
        final byte[] payload = text.getBytes(StandardCharsets.ISO_8859_1);
        out.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126)
        {
            out.write(payload.length);
        }
        else if (payload.length < 65536)
        {
            out.write(126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        }
        else
        {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8)
            {
                out.write((int)(((long)payload.length >>> shift) & 0xFF));
            }
        }
        out.write(payload, 0, payload.length);
    }
}
