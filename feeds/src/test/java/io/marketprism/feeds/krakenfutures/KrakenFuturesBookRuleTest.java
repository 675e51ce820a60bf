/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.krakenfutures;

import io.marketprism.engine.book.BookSequenceRule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

final class KrakenFuturesBookRuleTest
{
    private static final long NULL = Long.MIN_VALUE;
    private final KrakenFuturesBookRule rule = new KrakenFuturesBookRule();

    @Test
    void shouldApplyTheNextSeqOfTheProduct()
    {
        // PI_LTCUSD in KRAKEN_FUTURES.ws.1.0: deltas 3423036, 3423037
        assertEquals(BookSequenceRule.APPLY, rule.classify(3423035, true, NULL, 3423036, NULL));
        assertEquals(BookSequenceRule.APPLY, rule.classify(3423036, false, NULL, 3423037, NULL));
    }

    @Test
    void shouldSkipWhatTheSnapshotContainsAndReportEverythingElseAsAGap()
    {
        assertEquals(BookSequenceRule.SKIP, rule.classify(3423035, true, NULL, 3423035, NULL));
        assertEquals(BookSequenceRule.SKIP, rule.classify(3423035, true, NULL, 3423001, NULL));
        assertEquals(BookSequenceRule.GAP, rule.classify(3423035, true, NULL, 3423037, NULL), "one missing");
        assertEquals(BookSequenceRule.GAP, rule.classify(3423036, false, NULL, 3423036, NULL), "a repeat");
        assertEquals(BookSequenceRule.GAP, rule.classify(3423036, false, NULL, 3423038, NULL));
        assertEquals(3423037, rule.expectedSeq(3423036, false));
        assertEquals(3423038, rule.receivedSeq(false, NULL, 3423038, NULL));
    }

    @Test
    void shouldLetEverySnapshotOnTheStreamReplaceTheBookAndReplayNothingOntoIt()
    {
        assertFalse(rule.isSnapshotOutdated(3423036, 1), "the venue's ids reset");
        assertFalse(rule.replaysPendingUpdates(), "what came before the snapshot is in it, or obsolete");
    }
}
