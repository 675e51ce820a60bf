/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The faults a {@link VenueSimulator} injects, parsed from {@code --fault SPEC} strings. A spec is a kind, then
 * options after a colon, comma separated: {@code KIND[:key=value,key=value]}.
 * <pre>
 *   frame faults (act on a recorded frame of the replay; N counts frames from 1, only frames containing TEXT when
 *   match=TEXT is given; at=N hits the N-th, every=N hits the N-th, 2N-th, ...):
 *     disconnect:at=N|every=N[,match=TEXT]   close the connection instead of sending the frame (no close frame)
 *     drop:at=N|every=N[,match=TEXT]         do not send the frame (a gap)
 *     duplicate:at=N|every=N[,match=TEXT]    send the frame twice
 *     reorder:at=N|every=N[,match=TEXT]      send the frame after the one that follows it
 *     malformed:at=N|every=N[,match=TEXT]    send the first half of the frame (truncated JSON)
 *     stall:at=N|every=N,for=T[,match=TEXT]  hold the frame (and everything after it) for T
 *   time faults:
 *     disconnect:period=T                    close each connection T after its replay started
 *   connection faults (K times, from the M-th WebSocket upgrade request, counting from 1; times=all for always):
 *     refuse[:times=K][,from=M]              close the connection instead of answering the upgrade
 *   REST faults (the same times/from, counting REST requests):
 *     rest:status=429[,retry-after=T]        answer 429 Too Many Requests with Retry-After (seconds, rounded up)
 *     rest:status=418|500|503                answer that status with the venue's error body
 *     rest:timeout                           never answer (the client's timeout fires)
 * </pre>
 * T is a duration with a unit: {@code 250ms}, {@code 2s}, {@code 1m}. Frame numbers are positions in the venue's
 * timeline (see {@link VenueSimulator.Context#live(boolean)}), so a fault hits one frame however the clients connect.
 * Invalid specs are refused by {@link #parse(List)} with a message that quotes the spec and says what is allowed.
 */
public final class FaultPlan
{
    /** Frame action: send it. */
    public static final byte SEND = 0;
    /** Frame action: drop it. */
    public static final byte DROP = 1;
    /** Frame action: close the connection instead. */
    public static final byte DISCONNECT = 2;
    /** Frame action: send it twice. */
    public static final byte DUPLICATE = 3;
    /** Frame action: send it after the next frame (see {@link #reorderReleases}). */
    public static final byte REORDER = 4;
    /** Frame action: send a truncated copy. */
    public static final byte MALFORMED = 5;
    /** Frame action: wait {@link #stallNs()} before sending it. */
    public static final byte STALL = 6;

    /** REST answer: the normal answer. */
    public static final int REST_OK = 0;
    /** REST answer: never answer. */
    public static final int REST_TIMEOUT = -1;

    /** No faults. */
    public static final FaultPlan NONE = new FaultPlan(List.of(), List.of());

    private static final String USAGE = "fault must be disconnect:at=N|every=N|period=T, drop|duplicate|reorder|" +
        "malformed:at=N|every=N[,match=TEXT], stall:at=N|every=N,for=T, refuse[:times=K,from=M], " +
        "rest:status=429[,retry-after=T]|status=418|500|503|timeout[,times=K,from=M]";

    private final List<String> specs;
    private final List<FrameFault> frameFaults;
    private final List<CountedFault> refusals = new ArrayList<>();
    private final List<CountedFault> restFaults = new ArrayList<>();
    private long disconnectPeriodNs;
    private long stallNs;

    private FaultPlan(final List<String> specs, final List<FrameFault> frameFaults)
    {
        this.specs = List.copyOf(specs);
        this.frameFaults = frameFaults;
    }

    /**
     * @param specs fault specs, e.g. {@code ["drop:at=200,match=@depth", "rest:status=429,retry-after=1s"]}.
     * @return the plan.
     * @throws IllegalArgumentException quoting a spec that is not valid and saying what is allowed.
     */
    public static FaultPlan parse(final List<String> specs)
    {
        final FaultPlan plan = new FaultPlan(specs, new ArrayList<>());
        for (final String spec : specs)
        {
            plan.add(spec);
        }
        return plan;
    }

    /**
     * @return the specs as given.
     */
    public List<String> specs()
    {
        return specs;
    }

    /**
     * @return true when there is no fault at all.
     */
    public boolean isEmpty()
    {
        return specs.isEmpty();
    }

    /**
     * Resolves the frame faults against a timeline: which frame gets which action.
     *
     * @param timeline the recorded frames.
     * @return one action per frame ({@link #SEND} ...).
     */
    public byte[] actions(final RecordedTimeline timeline)
    {
        final byte[] actions = new byte[timeline.size()];
        for (final FrameFault fault : frameFaults)
        {
            final byte[] match = fault.match == null ? null : fault.match.getBytes(StandardCharsets.UTF_8);
            long matching = 0;
            for (int i = 0; i < timeline.size(); i++)
            {
                if (match != null && !timeline.contains(i, match))
                {
                    continue;
                }
                matching++;
                final boolean hit = fault.every > 0 ? matching % fault.every == 0 : matching == fault.at;
                if (hit && actions[i] == SEND)
                {
                    actions[i] = fault.action;
                }
            }
        }
        return actions;
    }

    /**
     * Where each {@link #REORDER}ed frame is sent: after the next frame its fault matches (the next frame at all
     * without {@code match}), so that e.g. two depth updates of one book trade places.
     *
     * @param timeline the recorded frames.
     * @param actions  from {@link #actions(RecordedTimeline)}.
     * @return per frame, the index of a held frame to send right after it, or -1.
     */
    public int[] reorderReleases(final RecordedTimeline timeline, final byte[] actions)
    {
        final int[] releases = new int[timeline.size()];
        java.util.Arrays.fill(releases, -1);
        for (final FrameFault fault : frameFaults)
        {
            if (fault.action != REORDER)
            {
                continue;
            }
            final byte[] match = fault.match == null ? null : fault.match.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < actions.length; i++)
            {
                if (actions[i] != REORDER || match != null && !timeline.contains(i, match))
                {
                    continue;
                }
                int j = i + 1;
                while (j < actions.length && (actions[j] != SEND || match != null && !timeline.contains(j, match)))
                {
                    j++;
                }
                if (j < actions.length)
                {
                    releases[j] = i;
                }
            }
        }
        return releases;
    }

    /**
     * @return how long a {@link #STALL} holds its frame, ns.
     */
    public long stallNs()
    {
        return stallNs;
    }

    /**
     * @return after how long each connection is closed, ns; 0 for never.
     */
    public long disconnectPeriodNs()
    {
        return disconnectPeriodNs;
    }

    /**
     * @param upgradeNumber the WebSocket upgrade request's number, from 1.
     * @return true when it is to be refused.
     */
    public boolean refuses(final long upgradeNumber)
    {
        for (final CountedFault fault : refusals)
        {
            if (fault.applies(upgradeNumber))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param requestNumber the REST request's number, from 1.
     * @return {@link #REST_OK}, {@link #REST_TIMEOUT} or the HTTP status to answer.
     */
    public int restAnswer(final long requestNumber)
    {
        for (final CountedFault fault : restFaults)
        {
            if (fault.applies(requestNumber))
            {
                return fault.status;
            }
        }
        return REST_OK;
    }

    /**
     * @param requestNumber the REST request's number, from 1.
     * @return the Retry-After seconds for a 429/418 answer to it.
     */
    public long retryAfterSeconds(final long requestNumber)
    {
        for (final CountedFault fault : restFaults)
        {
            if (fault.applies(requestNumber))
            {
                return fault.retryAfterSeconds;
            }
        }
        return 0;
    }

    @Override
    public String toString()
    {
        return String.join(" ", specs);
    }

    private void add(final String spec)
    {
        if (spec == null || spec.isBlank())
        {
            throw new IllegalArgumentException("empty fault spec: " + USAGE);
        }
        final int colon = spec.indexOf(':');
        final String kind = (colon < 0 ? spec : spec.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        final Map<String, String> options = options(spec, colon < 0 ? "" : spec.substring(colon + 1));
        switch (kind)
        {
            case "disconnect":
                if (options.containsKey("period"))
                {
                    allow(spec, options, "period");
                    disconnectPeriodNs = duration(spec, options.get("period"));
                    if (disconnectPeriodNs <= 0)
                    {
                        throw bad(spec, "period must be above 0");
                    }
                    return;
                }
                frameFault(spec, options, DISCONNECT);
                return;
            case "drop":
                frameFault(spec, options, DROP);
                return;
            case "duplicate":
                frameFault(spec, options, DUPLICATE);
                return;
            case "reorder":
                frameFault(spec, options, REORDER);
                return;
            case "malformed":
                frameFault(spec, options, MALFORMED);
                return;
            case "stall":
                if (!options.containsKey("for"))
                {
                    throw bad(spec, "stall needs for=T");
                }
                stallNs = duration(spec, options.remove("for"));
                frameFault(spec, options, STALL);
                return;
            case "refuse":
                allow(spec, options, "times", "from");
                refusals.add(counted(spec, options, 0, 0));
                return;
            case "rest":
                restFault(spec, options);
                return;
            default:
                throw bad(spec, "unknown kind '" + kind + "'");
        }
    }

    private void frameFault(final String spec, final Map<String, String> options, final byte action)
    {
        allow(spec, options, "at", "every", "match");
        final boolean at = options.containsKey("at");
        final boolean every = options.containsKey("every");
        if (at == every)
        {
            throw bad(spec, "give exactly one of at=N and every=N");
        }
        final long n = positive(spec, at ? "at" : "every", options.get(at ? "at" : "every"));
        final String match = options.get("match");
        if (match != null && match.isEmpty())
        {
            throw bad(spec, "match must not be empty");
        }
        frameFaults.add(new FrameFault(action, at ? n : 0, every ? n : 0, match));
    }

    private void restFault(final String spec, final Map<String, String> options)
    {
        allow(spec, options, "status", "retry-after", "timeout", "times", "from");
        if (options.containsKey("timeout") == options.containsKey("status"))
        {
            throw bad(spec, "give exactly one of status=CODE and timeout");
        }
        if (options.containsKey("timeout"))
        {
            if (!options.get("timeout").isEmpty() || options.containsKey("retry-after"))
            {
                throw bad(spec, "timeout takes no value and no retry-after");
            }
            restFaults.add(counted(spec, options, REST_TIMEOUT, 0));
            return;
        }
        final int status = (int)positive(spec, "status", options.get("status"));
        if (status != 429 && status != 418 && status != 500 && status != 503)
        {
            throw bad(spec, "status must be 429, 418, 500 or 503");
        }
        long retryAfterSeconds = 0;
        if (options.containsKey("retry-after"))
        {
            if (status != 429 && status != 418)
            {
                throw bad(spec, "retry-after goes with status 429 or 418");
            }
            final long ns = duration(spec, options.get("retry-after"));
            retryAfterSeconds = Math.max(1, (ns + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
        }
        restFaults.add(counted(spec, options, status, retryAfterSeconds));
    }

    private static CountedFault counted(
        final String spec, final Map<String, String> options, final int status, final long retryAfterSeconds)
    {
        final String times = options.getOrDefault("times", "1");
        final long count = "all".equals(times) ? Long.MAX_VALUE : positive(spec, "times", times);
        final long from = options.containsKey("from") ? positive(spec, "from", options.get("from")) : 1;
        return new CountedFault(from, count, status, retryAfterSeconds);
    }

    private static Map<String, String> options(final String spec, final String text)
    {
        final Map<String, String> options = new HashMap<>();
        if (text.isBlank())
        {
            return options;
        }
        for (final String part : text.split(","))
        {
            final int equals = part.indexOf('=');
            final String key = (equals < 0 ? part : part.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
            final String value = equals < 0 ? "" : part.substring(equals + 1).trim();
            if (key.isEmpty() || options.put(key, value) != null)
            {
                throw bad(spec, "empty or repeated option '" + key + "'");
            }
        }
        return options;
    }

    private static void allow(final String spec, final Map<String, String> options, final String... keys)
    {
        for (final String key : options.keySet())
        {
            if (!List.of(keys).contains(key))
            {
                throw bad(spec, "unknown option '" + key + "' (allowed: " + String.join(", ", keys) + ")");
            }
        }
    }

    private static long positive(final String spec, final String key, final String value)
    {
        try
        {
            final long n = Long.parseLong(value);
            if (n >= 1)
            {
                return n;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw bad(spec, key + " must be a whole number from 1: '" + value + "'");
    }

    /**
     * @param spec  the spec, for the message.
     * @param value e.g. {@code 250ms}, {@code 2s}, {@code 1m}.
     * @return nanoseconds.
     */
    static long duration(final String spec, final String value)
    {
        final String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        final TimeUnit unit;
        final String number;
        if (text.endsWith("ms"))
        {
            unit = TimeUnit.MILLISECONDS;
            number = text.substring(0, text.length() - 2);
        }
        else if (text.endsWith("s"))
        {
            unit = TimeUnit.SECONDS;
            number = text.substring(0, text.length() - 1);
        }
        else if (text.endsWith("m"))
        {
            unit = TimeUnit.MINUTES;
            number = text.substring(0, text.length() - 1);
        }
        else
        {
            throw bad(spec, "duration needs a unit (ms, s, m): '" + value + "'");
        }
        try
        {
            final long n = Long.parseLong(number);
            if (n >= 0)
            {
                return unit.toNanos(n);
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw bad(spec, "bad duration '" + value + "'");
    }

    private static IllegalArgumentException bad(final String spec, final String why)
    {
        return new IllegalArgumentException("fault '" + spec + "': " + why + "; " + USAGE);
    }

    private static final class FrameFault
    {
        final byte action;
        final long at;
        final long every;
        final String match;

        FrameFault(final byte action, final long at, final long every, final String match)
        {
            this.action = action;
            this.at = at;
            this.every = every;
            this.match = match;
        }
    }

    private static final class CountedFault
    {
        final long from;
        final long times;
        final int status;
        final long retryAfterSeconds;

        CountedFault(final long from, final long times, final int status, final long retryAfterSeconds)
        {
            this.from = from;
            this.times = times;
            this.status = status;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        boolean applies(final long number)
        {
            return number >= from && number - from < times;
        }
    }
}
