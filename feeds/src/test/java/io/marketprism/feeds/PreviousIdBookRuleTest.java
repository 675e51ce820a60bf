/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.engine.book.BookSequenceRule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

final class PreviousIdBookRuleTest
{
    private static final long NULL = Long.MIN_VALUE;
    private final PreviousIdBookRule rule = new PreviousIdBookRule(false);

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
    void shouldChainDeribitChangeIdsThatAreNotConsecutive()
    {
        // BTC-24SEP21-8000-P in cryptofeed's DERIBIT.ws.1.0: snapshot 33195894164, then changes ...355 and ...358
        assertEquals(BookSequenceRule.APPLY, rule.classify(33195894164L, true, NULL, 33195894355L, 33195894164L));
        assertEquals(BookSequenceRule.APPLY, rule.classify(33195894355L, false, NULL, 33195894358L, 33195894355L));
        assertEquals(BookSequenceRule.GAP, rule.classify(33195894164L, false, NULL, 33195894358L, 33195894355L),
            "the change that came in between was dropped");
    }

    @Test
    void shouldTreatARepeatAsAGapBecauseAfterAResetItCouldBeAMessageAfterAMissedReset()
    {
        assertEquals(BookSequenceRule.GAP, rule.classify(130, false, NULL, 130, 125), "a repeat");
        assertEquals(BookSequenceRule.GAP, rule.classify(130, false, NULL, 8, 7), "after a missed reset to 7");
    }

    @Test
    void shouldApplyAnUpdateWithoutAPreviousIdOnlyWhenTheVenueSaysSo()
    {
        assertEquals(BookSequenceRule.GAP, rule.classify(130, false, NULL, NULL, NULL), "Deribit: always chained");
        assertEquals(BookSequenceRule.APPLY, new PreviousIdBookRule(true).classify(NULL, false, NULL, NULL, NULL),
            "OKX before seqId: the checksum decides");
        assertEquals(BookSequenceRule.GAP, new PreviousIdBookRule(true).classify(130, false, NULL, 140, 135),
            "OKX with seqId: still chained");
    }

    @Test
    void shouldLetEverySnapshotOnTheStreamReplaceTheBookAndReplayNothingOntoIt()
    {
        final PreviousIdBookRule rule = new PreviousIdBookRule(true);
        assertFalse(rule.isSnapshotOutdated(5000, 3), "OKX's ids reset after maintenance");
        assertFalse(rule.replaysPendingUpdates(), "what came before the snapshot is in it, or obsolete");
    }
}
