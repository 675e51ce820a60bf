/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.engine.MessageSink;
import org.agrona.DirectBuffer;

/**
 * Decodes one venue frame (a WebSocket message or a REST response body) into SBE messages on a {@link MessageSink}.
 * Bad input never throws: it becomes a {@code malformed} status message, counted downstream.
 * Implementations are single-threaded and do not allocate.
 */
public interface FrameDecoder
{
    /** Longest frame a decoder accepts by default; longer ones are reported as {@code FRAME_TOO_LARGE}. */
    int DEFAULT_MAX_FRAME_LENGTH = 8 * 1024 * 1024;

    /**
     * Decodes a frame.
     *
     * @param frame    buffer holding the frame.
     * @param offset   first byte.
     * @param length   bytes.
     * @param recvTsNs receive time, ns since epoch.
     * @param sink     where messages go.
     * @return messages committed (a malformed frame commits one status message).
     */
    int decode(DirectBuffer frame, int offset, int length, long recvTsNs, MessageSink sink);

    /**
     * Sets the symbol to attribute to frames that carry none, such as a Binance spot REST depth snapshot (the caller
     * knows which symbol it asked for). The symbol may come from recorded data, so one no message can carry clears it
     * (frames that need it are then reported) instead of throwing; see {@link ContextSymbol}. Cold path.
     *
     * @param venueSymbol the venue's symbol, or null to clear.
     */
    void contextSymbol(String venueSymbol);

    /**
     * Sets the URL of the REST request whose response the next frames are, or null for stream messages: a REST body
     * does not always say which endpoint it answers (Binance's long/short ratio endpoints answer alike), but the
     * caller knows, since it made the request. Decoders whose frames say what they are ignore it. Cold path.
     *
     * @param url the request URL as sent (scheme, host and query string may be included), or null.
     */
    default void contextUrl(final String url)
    {
    }
}
