/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.okx;

import io.marketprism.engine.book.BookSequenceRule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class OkxBookRuleTest
{
    private static final long NULL = Long.MIN_VALUE;
    private final OkxBookRule rule = new OkxBookRule();

    @Test
    void shouldApplyAnUpdateThatChainsOnTheBook()
    {
        assertEquals(BookSequenceRule.APPLY, rule.classify(123, true, NULL, 130, 123));
        assertEquals(BookSequenceRule.APPLY, rule.classify(130, false, NULL, 131, 130));
    }

    @Test
    void shouldApplyAHeartbeatAndASequenceReset()
    {
        assertEquals(BookSequenceRule.APPLY, rule.classify(130, false, NULL, 130, 130), "heartbeat: seqId = prevSeqId");
        assertEquals(BookSequenceRule.APPLY, rule.classify(130, false, NULL, 7, 130), "reset after maintenance");
    }

    @Test
    void shouldReportAGapWhenAnUpdateIsMissing()
    {
        assertEquals(BookSequenceRule.GAP, rule.classify(130, false, NULL, 140, 135));
        assertEquals(130, rule.expectedSeq(130, false));
        assertEquals(135, rule.receivedSeq(false, NULL, 140, 135));
    }

    @Test
    void shouldSkipAnUpdateTheSnapshotContains()
    {
        assertEquals(BookSequenceRule.SKIP, rule.classify(130, true, NULL, 128, 127));
        assertEquals(BookSequenceRule.SKIP, rule.classify(130, true, NULL, 130, 128));
        assertEquals(BookSequenceRule.GAP, rule.classify(130, true, NULL, 133, 131), "newer but not chained");
    }

    @Test
    void shouldTreatARepeatAsAGapBecauseAfterAResetItCouldBeAMessageAfterAMissedReset()
    {
        assertEquals(BookSequenceRule.GAP, rule.classify(130, false, NULL, 130, 125), "a repeat");
        assertEquals(BookSequenceRule.GAP, rule.classify(130, false, NULL, 8, 7), "after a missed reset to 7");
    }
}
