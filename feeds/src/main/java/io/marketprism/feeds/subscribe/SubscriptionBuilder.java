/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

import io.marketprism.codecs.VenueNames;
import io.marketprism.feeds.subscribe.SubscriptionRequest.Action;
import io.marketprism.sbe.Venue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link SubscriptionRequest} into one venue's request frames, split over connections by the venue's limits.
 * <p>
 * The plan is deterministic: the same request gives the same connections, frames and ids. Streams keep the order of
 * the request (instrument by instrument, data type by data type), a stream asked for twice is listed once, and the
 * streams are cut into connections in that order, a new connection starting where the next stream would break a
 * per-connection limit (streams per connection, length of the listed names). Within a connection, streams are cut
 * into frames by the per-request limits (names per request, length of the list). Ids count from 1 on every
 * connection, in send order. An unsubscribe request of the same instruments and types puts every stream on the
 * connection of the same index as the subscribe request did.
 * <p>
 * Cold path: a plan allocates its lists, strings and the frames' bytes once (a few hundred bytes per stream);
 * {@link RequestFrame#encode} then copies bytes and allocates nothing.
 */
public abstract class SubscriptionBuilder
{
    /** Streams per connection, names per request, or characters of a list, when the venue sets no limit. */
    protected static final int UNLIMITED = Integer.MAX_VALUE;

    private final Venue venue;
    private final String baseUrl;

    /**
     * @param venue   the venue.
     * @param baseUrl the base URL, scheme, host and port without a trailing slash (the production one, or a simulator
     *                such as {@code ws://127.0.0.1:9000}).
     */
    SubscriptionBuilder(final Venue venue, final String baseUrl)
    {
        if (baseUrl == null || baseUrl.isEmpty() || baseUrl.endsWith("/"))
        {
            throw new IllegalArgumentException("base URL must be scheme://host[:port] without a trailing slash: " +
                baseUrl);
        }
        this.venue = venue;
        this.baseUrl = baseUrl;
    }

    /**
     * @return the venue whose protocol this builder speaks.
     */
    public final Venue venue()
    {
        return venue;
    }

    /**
     * @return the base URL the connection URLs are made on.
     */
    public final String baseUrl()
    {
        return baseUrl;
    }

    /**
     * @return the shortest time between two request frames on one connection that the venue's documented message
     *         rate allows, ns; 0 where the venue documents none. Pacing is the session's job.
     */
    public abstract long minFrameIntervalNs();

    /**
     * @param request what to subscribe to or unsubscribe from.
     * @return the connections, each with its URL and frames.
     * @throws IllegalArgumentException for a data type the venue does not stream for an instrument, a book depth it
     *                                  does not offer, or an instrument of a shape it cannot take.
     */
    public final List<ConnectionPlan> plan(final SubscriptionRequest request)
    {
        final Map<String, List<Topic>> byConnectionClass = new LinkedHashMap<>();
        final Set<String> seen = new HashSet<>();
        for (final String instrument : request.instruments())
        {
            for (final DataType type : request.dataTypes())
            {
                final Topic topic = topic(instrument, type, request.bookDepth());
                if (seen.add(topic.connection() + '\n' + topic.key()))
                {
                    byConnectionClass.computeIfAbsent(topic.connection(), k -> new ArrayList<>()).add(topic);
                }
            }
        }

        final List<ConnectionPlan> connections = new ArrayList<>();
        for (final Map.Entry<String, List<Topic>> entry : byConnectionClass.entrySet())
        {
            final String connectionClass = entry.getKey();
            for (final List<Topic> topics : splitConnections(connectionClass, entry.getValue()))
            {
                connections.add(connection(request.action(), connectionClass, topics));
            }
        }
        return connections;
    }

    private List<List<Topic>> splitConnections(final String connectionClass, final List<Topic> topics)
    {
        final int maxTopics = maxStreamsPerConnection(connectionClass);
        final int maxChars = maxListCharsPerConnection(connectionClass);
        final List<List<Topic>> connections = new ArrayList<>();
        List<Topic> current = new ArrayList<>();
        int chars = 0;
        for (final Topic topic : topics)
        {
            final int added = topic.element().length() + (current.isEmpty() ? 2 : 1);
            if (!current.isEmpty() && (current.size() == maxTopics || (long)chars + added > maxChars))
            {
                connections.add(current);
                current = new ArrayList<>();
                chars = 0;
            }
            chars += topic.element().length() + (current.isEmpty() ? 2 : 1);
            current.add(topic);
        }
        connections.add(current);
        return connections;
    }

    private ConnectionPlan connection(final Action action, final String connectionClass, final List<Topic> topics)
    {
        final List<RequestFrame> frames = new ArrayList<>();
        long nextId = 1;
        final String preamble = action == Action.SUBSCRIBE ? preamble(nextId) : null;
        if (preamble != null)
        {
            frames.add(new RequestFrame(idOrNone(nextId), preambleStreams(), preamble));
            nextId++;
        }

        final Map<String, List<Topic>> byGroup = new LinkedHashMap<>();
        for (final Topic topic : topics)
        {
            byGroup.computeIfAbsent(topic.group(), k -> new ArrayList<>()).add(topic);
        }
        final int maxElements = maxStreamsPerRequest(connectionClass);
        final int maxChars = maxListCharsPerRequest(connectionClass);
        for (final List<Topic> group : byGroup.values())
        {
            List<Topic> chunk = new ArrayList<>();
            int chars = 0;
            for (final Topic topic : group)
            {
                final int added = topic.element().length() + (chunk.isEmpty() ? 2 : 1);
                if (!chunk.isEmpty() && (chunk.size() == maxElements || (long)chars + added > maxChars))
                {
                    frames.add(frame(action, chunk, nextId++));
                    chunk = new ArrayList<>();
                    chars = 0;
                }
                chars += topic.element().length() + (chunk.isEmpty() ? 2 : 1);
                chunk.add(topic);
            }
            frames.add(frame(action, chunk, nextId++));
        }
        return new ConnectionPlan(baseUrl + path(connectionClass), frames);
    }

    private RequestFrame frame(final Action action, final List<Topic> topics, final long id)
    {
        final List<String> streams = new ArrayList<>(topics.size());
        final StringBuilder list = new StringBuilder();
        for (final Topic topic : topics)
        {
            streams.add(topic.key());
            list.append(list.length() == 0 ? "[" : ",").append(topic.element());
        }
        list.append(']');
        return new RequestFrame(idOrNone(id), streams, json(action, topics.get(0), list.toString(), id));
    }

    private long idOrNone(final long id)
    {
        return hasRequestIds() ? id : RequestFrame.NO_ID;
    }

    /**
     * @param instrument a venue symbol.
     * @param type       a data type.
     * @param bookDepth  the requested book depth, {@link SubscriptionRequest#DEFAULT_DEPTH} for the default.
     * @return the venue's stream for it.
     * @throws IllegalArgumentException when the venue has none.
     */
    abstract Topic topic(String instrument, DataType type, int bookDepth);

    /**
     * @param action the action.
     * @param first  the first topic of the frame (its group's channel and depth are the frame's).
     * @param list   the JSON array of the topics' elements.
     * @param id     the request id, where the venue has ids.
     * @return the frame's JSON.
     */
    abstract String json(Action action, Topic first, String list, long id);

    /**
     * @param connectionClass a connection class.
     * @return the URL path after the base URL, starting with a slash (or empty).
     */
    abstract String path(String connectionClass);

    /**
     * @return true when the venue's requests carry an id.
     */
    abstract boolean hasRequestIds();

    /**
     * @param id the id of the first frame.
     * @return a frame sent first on every subscribing connection, or null for none.
     */
    String preamble(final long id)
    {
        return null;
    }

    /**
     * @return the streams the preamble names.
     */
    List<String> preambleStreams()
    {
        return List.of();
    }

    int maxStreamsPerConnection(final String connectionClass)
    {
        return UNLIMITED;
    }

    int maxListCharsPerConnection(final String connectionClass)
    {
        return UNLIMITED;
    }

    int maxStreamsPerRequest(final String connectionClass)
    {
        return UNLIMITED;
    }

    int maxListCharsPerRequest(final String connectionClass)
    {
        return UNLIMITED;
    }

    /**
     * @param instrument the instrument.
     * @param type       the data type.
     * @param why        why not, or null.
     * @return the exception refusing them.
     */
    final IllegalArgumentException unsupported(final String instrument, final DataType type, final String why)
    {
        return new IllegalArgumentException(VenueNames.name(venue) + " has no " + type + " stream for '" +
            instrument + "'" + (why == null ? "" : ": " + why));
    }

    /**
     * @param instrument the instrument.
     * @param depth      the refused depth.
     * @param offered    the depths offered.
     * @return the exception refusing the depth.
     */
    final IllegalArgumentException unsupportedDepth(final String instrument, final int depth, final String offered)
    {
        return new IllegalArgumentException(VenueNames.name(venue) + " offers no book depth " + depth + " for '" +
            instrument + "'; depths: " + offered);
    }
}
