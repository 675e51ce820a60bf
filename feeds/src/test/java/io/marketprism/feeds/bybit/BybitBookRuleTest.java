/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.bybit;

import io.marketprism.engine.book.BookSequenceRule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

final class BybitBookRuleTest
{
    private static final long NULL = Long.MIN_VALUE;
    private final BybitBookRule rule = new BybitBookRule();

    @Test
    void shouldApplyOnlyTheNextUpdateId()
    {
        assertEquals(BookSequenceRule.APPLY, rule.classify(20254869, true, NULL, 20254870, NULL));
        assertEquals(BookSequenceRule.APPLY, rule.classify(20254870, false, NULL, 20254871, NULL));
        assertEquals(BookSequenceRule.GAP, rule.classify(20254870, false, NULL, 20254872, NULL), "one missing");
        assertEquals(BookSequenceRule.GAP, rule.classify(20254870, false, NULL, 20254870, NULL), "a repeat");
        assertEquals(BookSequenceRule.GAP, rule.classify(20254870, false, NULL, 2, NULL),
            "a delta of a restarted service whose u = 1 snapshot was missed");
        assertEquals(20254871, rule.expectedSeq(20254870, false));
        assertEquals(20254873, rule.receivedSeq(false, NULL, 20254873, NULL));
    }

    @Test
    void shouldSkipRightAfterASnapshotTheDeltasItAlreadyContains()
    {
        assertEquals(BookSequenceRule.SKIP, rule.classify(500, true, NULL, 499, NULL));
        assertEquals(BookSequenceRule.SKIP, rule.classify(500, true, NULL, 500, NULL));
        assertEquals(BookSequenceRule.GAP, rule.classify(500, true, NULL, 502, NULL));
        assertEquals(BookSequenceRule.APPLY, rule.classify(1, true, NULL, 2, NULL), "after a restart snapshot");
    }

    @Test
    void shouldLetEverySnapshotReplaceTheBook()
    {
        assertFalse(rule.isSnapshotOutdated(20254918, 1), "u = 1: the service restarted");
        assertFalse(rule.isSnapshotOutdated(20254918, 20254918), "level 1's unchanged snapshot every 3 s");
        assertFalse(rule.isSnapshotOutdated(20254918, 20254900));
        assertFalse(rule.replaysPendingUpdates(), "what came before the snapshot is in it, or obsolete");
    }
}
