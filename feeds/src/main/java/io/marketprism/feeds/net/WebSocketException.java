/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.net;

/**
 * A connection that did not open, with the reason and a sentence that names the cause.
 */
public final class WebSocketException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final CloseReason reason;

    /**
     * @param reason why.
     * @param detail the sentence.
     */
    public WebSocketException(final CloseReason reason, final String detail)
    {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    /**
     * @return why the connection did not open.
     */
    public CloseReason reason()
    {
        return reason;
    }
}
