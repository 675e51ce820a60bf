/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench.peer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A combined-stream frame, {@code {"stream":"btcusdt@trade","data":{..}}}, bound by Jackson.
 *
 * @param <T> the event type of the stream.
 */
public final class BinanceStreamEnvelope<T>
{
    private final String stream;
    private final T data;

    /**
     * @param stream the stream name.
     * @param data   the event.
     */
    @JsonCreator
    public BinanceStreamEnvelope(@JsonProperty("stream") final String stream, @JsonProperty("data") final T data)
    {
        this.stream = stream;
        this.data = data;
    }

    /**
     * @return the stream name, e.g. {@code btcusdt@depth@100ms}.
     */
    public String stream()
    {
        return stream;
    }

    /**
     * @return the event.
     */
    public T data()
    {
        return data;
    }
}
