/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops.config;

import io.marketprism.sbe.Venue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code marketprism.venues} section, validated: one {@link VenueSettings} for every venue of the build.
 */
public final class VenuesConfiguration
{
    private final Map<Venue, VenueSettings> venues;

    /**
     * @param venues the settings of each venue.
     */
    public VenuesConfiguration(final Map<Venue, VenueSettings> venues)
    {
        this.venues = Collections.unmodifiableMap(new EnumMap<>(venues));
    }

    /**
     * @param venue a venue.
     * @return its settings.
     * @throws IllegalArgumentException when the configuration has none for it.
     */
    public VenueSettings venue(final Venue venue)
    {
        final VenueSettings settings = venues.get(venue);
        if (settings == null)
        {
            throw new IllegalArgumentException("no configuration for venue " + venue);
        }
        return settings;
    }

    /**
     * @return every venue's settings, in venue order.
     */
    public List<VenueSettings> all()
    {
        return new ArrayList<>(venues.values());
    }

    /**
     * @return the settings of the enabled venues, in venue order.
     */
    public List<VenueSettings> enabled()
    {
        final List<VenueSettings> enabled = new ArrayList<>();
        for (final VenueSettings settings : venues.values())
        {
            if (settings.enabled())
            {
                enabled.add(settings);
            }
        }
        return enabled;
    }
}
