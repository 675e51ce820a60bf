/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Measures what a repeated piece of work allocates on the calling thread.
 */
public final class Allocations
{
    private Allocations()
    {
    }

    /**
     * Asserts that a pass of the work allocates nothing, after two warm-up passes. The JVM charges a few dozen bytes
     * to the thread when the JIT moves a method between tiers or enters OSR code, so a pass that crosses such an event
     * is measured again (at most five passes); one clean pass proves the work itself allocates nothing, since it does
     * the same in every pass.
     *
     * @param pass the work of one pass.
     * @return the bytes measured per pass, for messages.
     */
    public static String assertNone(final Runnable pass)
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        pass.run();
        pass.run();
        final StringBuilder measured = new StringBuilder();
        boolean clean = false;
        for (int i = 0; i < 5 && !clean; i++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            pass.run();
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            measured.append(allocated).append(' ');
            clean = allocated == 0;
        }
        assertTrue(clean, "bytes allocated per pass: " + measured);
        return measured.toString().trim();
    }
}
