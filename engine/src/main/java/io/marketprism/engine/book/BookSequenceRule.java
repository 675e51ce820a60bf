/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.book;

/**
 * A venue's documented rule for whether a book update follows the book: implemented per venue in {@code feeds},
 * used by {@link BookSynchronizer}. Pure functions of the sequence ids; no state, no allocation.
 */
public interface BookSequenceRule
{
    /**
     * The update follows the book: apply it.
     */
    int APPLY = 0;

    /**
     * The update is already contained in the book: do not apply it.
     */
    int SKIP = 1;

    /**
     * Updates are missing between the book and this one: the book must be resynchronised.
     */
    int GAP = 2;

    /**
     * Classifies an update against the book.
     *
     * @param bookSeq            the book's sequence: the snapshot's id right after a snapshot, else the last applied
     *                           update's {@code seq}.
     * @param firstAfterSnapshot true until an update has been applied on top of the last snapshot.
     * @param firstSeq           the update's first id (Binance {@code U}), or null value.
     * @param seq                the update's id (Binance {@code u}).
     * @param prevSeq            the update's previous id (Binance futures {@code pu}), or null value.
     * @return {@link #APPLY}, {@link #SKIP} or {@link #GAP}.
     */
    int classify(long bookSeq, boolean firstAfterSnapshot, long firstSeq, long seq, long prevSeq);

    /**
     * Whether updates received while there is no book are kept and replayed onto the next snapshot. They are for a
     * venue whose snapshot comes from elsewhere (a REST request) and is older than the stream, such as Binance. A
     * venue that sends its snapshot on the stream itself, with every later update after it and no sequence to tell
     * an update the snapshot contains from one it does not (Kraken), answers false: the snapshot already holds or
     * supersedes everything received before it, so those updates are dropped rather than applied twice.
     *
     * @return true (the default) to replay buffered updates; false to drop every update that finds no book.
     */
    default boolean replaysPendingUpdates()
    {
        return true;
    }

    /**
     * Levels per side the venue's book holds. A venue that streams a book to a subscribed depth and leaves levels
     * that fall below it unannounced (Kraken: "truncate to the subscribed depth after each update") is only matched
     * by a book cut to that depth after every update; a level kept below it could have been removed unseen.
     *
     * @return the levels per side the book is cut to after each update, or 0 (the default) for no limit.
     */
    default int maxLevels()
    {
        return 0;
    }

    /**
     * Whether a snapshot that arrives while the book is synchronised is older than the book, and so ignored. By default
     * a snapshot whose id is not above the book's is outdated: a REST snapshot that was overtaken by the stream.
     * Venues whose snapshots arrive in the stream itself, always the latest state, answer false: a snapshot always
     * replaces the book, even one whose id went back (Bybit restarts its {@code u} at 1).
     *
     * @param bookSeq     the synchronised book's sequence.
     * @param snapshotSeq the snapshot's id.
     * @return true to ignore the snapshot.
     */
    default boolean isSnapshotOutdated(long bookSeq, long snapshotSeq)
    {
        return snapshotSeq <= bookSeq;
    }

    /**
     * For reporting a gap: the id this rule expected. By default the book's own sequence, which a chained update's
     * previous id must equal (OKX {@code prevSeqId}, Binance futures {@code pu}, Deribit {@code prev_change_id}).
     *
     * @return the expected id, in the same terms as {@link #receivedSeq(boolean, long, long, long)}.
     */
    default long expectedSeq(long bookSeq, boolean firstAfterSnapshot)
    {
        return bookSeq;
    }

    /**
     * For reporting a gap: the id of the update that the rule compared. By default the update's previous id.
     *
     * @return the received id.
     */
    default long receivedSeq(boolean firstAfterSnapshot, long firstSeq, long seq, long prevSeq)
    {
        return prevSeq;
    }
}
