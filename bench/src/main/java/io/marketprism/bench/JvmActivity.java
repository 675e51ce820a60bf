/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * What the JVM itself did, as its management beans count it: JIT compilation time, garbage collections and their
 * time. Taken before and after a measured interval, so that a latency run can say whether the JVM was busy inside it
 * and, from the uptime, where in a JVM log ({@code -Xlog:gc,safepoint:...:uptime}) the interval lies.
 */
final class JvmActivity
{
    final long compilationMs;
    final long collections;
    final long collectionMs;
    final long uptimeMs;

    JvmActivity(final long compilationMs, final long collections, final long collectionMs, final long uptimeMs)
    {
        this.compilationMs = compilationMs;
        this.collections = collections;
        this.collectionMs = collectionMs;
        this.uptimeMs = uptimeMs;
    }

    /**
     * @return the totals so far; a figure the JVM does not tell is 0.
     */
    static JvmActivity now()
    {
        final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        final long compilationMs =
            jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
        long collections = 0;
        long collectionMs = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            collections += Math.max(0, gc.getCollectionCount());
            collectionMs += Math.max(0, gc.getCollectionTime());
        }
        return new JvmActivity(compilationMs, collections, collectionMs,
            ManagementFactory.getRuntimeMXBean().getUptime());
    }

    /**
     * @param before totals taken earlier.
     * @return what happened from then to these totals; its uptime is the earlier one, where the interval starts.
     */
    JvmActivity since(final JvmActivity before)
    {
        return new JvmActivity(compilationMs - before.compilationMs, collections - before.collections,
            collectionMs - before.collectionMs, before.uptimeMs);
    }
}
