/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.codecs.VenueNames;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.engine.StageLatency;
import io.marketprism.engine.book.BookSynchronizer;
import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.engine.instrument.InstrumentRegistry;
import io.marketprism.sbe.BookUpdateDecoder;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;

/**
 * The parts {@code demo} and {@code run} share of the summary they print when they end: the books (how many are
 * valid, one line per book, what the audit saw after each book's initial sync, the book counters) and the stage
 * latency table.
 */
final class EndSummary
{
    private EndSummary()
    {
    }

    /**
     * @param out      where to print.
     * @param pipeline the stopped pipeline (its normalize stage holds the books).
     * @param counters its counters.
     * @param audit    what the audit stage saw.
     */
    static void books(
        final PrintStream out,
        final MarketDataPipeline pipeline,
        final EngineCounters counters,
        final BookHealthAudit audit)
    {
        final InstrumentRegistry registry = pipeline.normalize().registry();
        int books = 0;
        int valid = 0;
        final StringBuilder bookLines = new StringBuilder();
        for (int id = 1; id <= registry.count(); id++)
        {
            final BookSynchronizer book = pipeline.normalize().book(id);
            if (book == null)
            {
                continue;
            }
            books++;
            final InstrumentDefinition definition = registry.definition(id);
            if (book.isValid())
            {
                valid++;
            }
            // a venue that numbers no book message (Kraken) leaves the sequence null: printed as none
            bookLines.append(String.format("  %-14s %-16s %-9s seq %s, %d bids, %d asks%n",
                VenueNames.name(definition.venue()), definition.symbol(), book.isValid() ? "valid" : "NOT VALID",
                book.seq() == BookUpdateDecoder.seqNullValue() ? "none" : Long.toString(book.seq()),
                book.book().bidCount(), book.book().askCount()));
        }
        out.println();
        out.printf("books: %d of %d valid at the end%n", valid, books);
        out.print(bookLines);
        out.printf("book messages after each book's initial sync: %d, of which not valid: %d " +
            "(before the initial sync: %d)%n",
            audit.validAfterSync() + audit.notValidAfterSync(), audit.notValidAfterSync(), audit.beforeSync());
        out.printf("gaps %d, resyncs %d, malformed %d, skipped updates %d, crossed books %d, errors %d%n",
            counters.gaps.get(), counters.resyncs.get(), counters.malformed.get(), counters.skippedUpdates.get(),
            counters.crossedBooks.get(), counters.errors.get());
    }

    /**
     * The stage latency table, microseconds (the header line is the caller's).
     *
     * @param out      where to print.
     * @param pipeline the pipeline whose stage histograms to print.
     */
    static void stageLatency(final PrintStream out, final MarketDataPipeline pipeline)
    {
        out.printf("  %-12s %10s %10s %10s %10s %12s%n", "stage", "p50", "p99", "p99.9", "max", "count");
        for (int stage = 0; stage < StageLatency.STAGE_COUNT; stage++)
        {
            final Histogram histogram = pipeline.latency().cumulative(stage);
            out.printf("  %-12s %10.1f %10.1f %10.1f %10.1f %12d%n", StageLatency.name(stage),
                histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
                histogram.getValueAtPercentile(99.9) / 1e3, histogram.getMaxValue() / 1e3,
                histogram.getTotalCount());
        }
    }
}
