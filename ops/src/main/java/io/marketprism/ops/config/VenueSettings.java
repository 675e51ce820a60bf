/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops.config;

import io.marketprism.codecs.VenueNames;
import io.marketprism.feeds.subscribe.DataType;
import io.marketprism.sbe.Venue;

import java.nio.file.Path;
import java.util.List;

/**
 * One venue's section of the configuration ({@code marketprism.venues.<venue>}), validated: what {@code run}
 * subscribes to and where.
 */
public final class VenueSettings
{
    private final Venue venue;
    private final boolean enabled;
    private final List<String> instruments;
    private final List<DataType> dataTypes;
    private final String websocketUrl;
    private final String restUrl;
    private final Path trustStore;
    private final String trustStorePassword;
    private final List<String> restPolls;
    private final long restPollIntervalMs;
    private final int restWeightPerMinute;

    /**
     * @param venue               the venue.
     * @param enabled             true to subscribe.
     * @param instruments         the venue's own symbols.
     * @param dataTypes           what to subscribe to for each instrument.
     * @param websocketUrl        WebSocket base URL, {@code scheme://host[:port]}.
     * @param restUrl             REST base URL.
     * @param trustStore          trust store replacing the JVM's default trust, or null.
     * @param trustStorePassword  its password, empty for none.
     * @param restPolls           REST endpoints polled for each instrument, by their configuration names.
     * @param restPollIntervalMs  time between two polls of one endpoint and instrument.
     * @param restWeightPerMinute the request weight the polls may use per minute.
     */
    public VenueSettings(
        final Venue venue,
        final boolean enabled,
        final List<String> instruments,
        final List<DataType> dataTypes,
        final String websocketUrl,
        final String restUrl,
        final Path trustStore,
        final String trustStorePassword,
        final List<String> restPolls,
        final long restPollIntervalMs,
        final int restWeightPerMinute)
    {
        this.restPolls = List.copyOf(restPolls);
        this.restPollIntervalMs = restPollIntervalMs;
        this.restWeightPerMinute = restWeightPerMinute;
        this.venue = venue;
        this.enabled = enabled;
        this.instruments = List.copyOf(instruments);
        this.dataTypes = List.copyOf(dataTypes);
        this.websocketUrl = websocketUrl;
        this.restUrl = restUrl;
        this.trustStore = trustStore;
        this.trustStorePassword = trustStorePassword;
    }

    /**
     * @return the venue.
     */
    public Venue venue()
    {
        return venue;
    }

    /**
     * @return its id, e.g. {@code binance-spot}.
     */
    public String name()
    {
        return VenueNames.name(venue);
    }

    /**
     * @return true when {@code run} subscribes to this venue.
     */
    public boolean enabled()
    {
        return enabled;
    }

    /**
     * @return the venue's own symbols, in the configured order.
     */
    public List<String> instruments()
    {
        return instruments;
    }

    /**
     * @return the data types subscribed for every instrument, in the configured order.
     */
    public List<DataType> dataTypes()
    {
        return dataTypes;
    }

    /**
     * @return the WebSocket base URL ({@code wss://host[:port]}, or a simulator's {@code ws://127.0.0.1:port}).
     */
    public String websocketUrl()
    {
        return websocketUrl;
    }

    /**
     * @return the REST base URL.
     */
    public String restUrl()
    {
        return restUrl;
    }

    /**
     * @return the trust store replacing the JVM's default trust for this venue, or null for the default.
     */
    public Path trustStore()
    {
        return trustStore;
    }

    /**
     * @return the trust store's password, empty for none.
     */
    public String trustStorePassword()
    {
        return trustStorePassword;
    }

    /**
     * @return REST endpoints polled for each instrument, by their configuration names (e.g. {@code open_interest}).
     */
    public List<String> restPolls()
    {
        return restPolls;
    }

    /**
     * @return time between two polls of one endpoint and instrument, ms.
     */
    public long restPollIntervalMs()
    {
        return restPollIntervalMs;
    }

    /**
     * @return the request weight the polls may use per minute.
     */
    public int restWeightPerMinute()
    {
        return restWeightPerMinute;
    }

    @Override
    public String toString()
    {
        return name() + "{enabled=" + enabled + ", instruments=" + instruments + ", dataTypes=" + dataTypes +
            ", websocketUrl=" + websocketUrl + ", restUrl=" + restUrl + ", trustStore=" + trustStore +
            ", restPolls=" + restPolls + "}";
    }
}
