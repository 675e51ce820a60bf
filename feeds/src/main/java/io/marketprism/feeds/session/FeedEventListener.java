/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

/**
 * Receives feed session events (cold path). Called on the feed's event-loop thread or the REST thread; must not block.
 */
@FunctionalInterface
public interface FeedEventListener
{
    /** Writes one line per event to the {@code io.marketprism.feeds.session} system logger (INFO; WARNING for
     *  failures). */
    FeedEventListener LOG = new FeedEventListener()
    {
        private final System.Logger logger = System.getLogger("io.marketprism.feeds.session");

        @Override
        public void onEvent(final String session, final FeedEvent event, final String detail)
        {
            final boolean failure = event == FeedEvent.DISCONNECTED || event == FeedEvent.CONNECT_FAILED ||
                event == FeedEvent.CIRCUIT_OPEN || event == FeedEvent.REST_RETRY || event == FeedEvent.STALE ||
                event == FeedEvent.ROTATION_FAILED;
            logger.log(failure ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                "feed " + session + " " + event.name().toLowerCase() + (detail.isEmpty() ? "" : ": " + detail));
        }
    };

    /**
     * @param session the session's name, e.g. {@code binance-spot#0}.
     * @param event   what happened.
     * @param detail  a sentence: the URL, the close reason, the backoff, the HTTP status; may be empty.
     */
    void onEvent(String session, FeedEvent event, String detail);
}
