/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real frames laid out in one buffer, decoded again and again: for the zero-allocation tests of every decoder.
 */
public final class FrameReplay
{
    private final UnsafeBuffer frames;
    private final int[] offsets;
    private final int[] lengths;

    /**
     * @param texts the frames.
     */
    public FrameReplay(final List<String> texts)
    {
        final int count = texts.size();
        offsets = new int[count];
        lengths = new int[count];
        final byte[][] payloads = new byte[count][];
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            payloads[i] = texts.get(i).getBytes(StandardCharsets.UTF_8);
            offsets[i] = total;
            lengths[i] = payloads[i].length;
            total += lengths[i];
        }
        frames = new UnsafeBuffer(new byte[Math.max(total, 1)]);
        for (int i = 0; i < count; i++)
        {
            frames.putBytes(offsets[i], payloads[i]);
        }
    }

    /**
     * @return frames held.
     */
    public int count()
    {
        return offsets.length;
    }

    /**
     * Decodes every frame once.
     *
     * @return messages committed.
     */
    public long decodeAll(final FrameDecoder decoder, final RecordingSink sink)
    {
        long messages = 0;
        for (int i = 0; i < offsets.length; i++)
        {
            messages += decoder.decode(frames, offsets[i], lengths[i], 1_000_000_000L + i, sink);
        }
        return messages;
    }

    /**
     * Asserts that a pass over the frames allocates nothing on this thread, after two warm-up passes. The frames are
     * the same every pass, so whatever the decoder allocates it allocates in every pass; the JVM itself charges a few
     * dozen bytes to the thread when the JIT moves a method between tiers or enters OSR code, so a pass that crosses
     * such an event is measured again (at most five passes).
     *
     * @param decoder          the decoder.
     * @param expectedMessages messages one pass must commit.
     * @return the bytes measured per pass, for the test's message.
     */
    public String assertDecodesWithoutAllocating(final FrameDecoder decoder, final long expectedMessages)
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        final RecordingSink sink = new RecordingSink(64 * 1024 * 1024, false);
        for (int pass = 0; pass < 2; pass++)
        {
            sink.clear();
            decodeAll(decoder, sink);
        }
        final StringBuilder measured = new StringBuilder();
        long cleanPasses = 0;
        for (int pass = 0; pass < 5 && cleanPasses == 0; pass++)
        {
            sink.clear();
            final long before = threads.getCurrentThreadAllocatedBytes();
            final long messages = decodeAll(decoder, sink);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertEquals(expectedMessages, messages);
            assertEquals(expectedMessages, sink.commits());
            assertEquals(0, sink.protocolErrors());
            measured.append(allocated).append(' ');
            cleanPasses += allocated == 0 ? 1 : 0;
        }
        assertEquals(1, cleanPasses, "bytes allocated per pass over " + count() + " frames: " + measured);
        return measured.toString().trim();
    }
}
