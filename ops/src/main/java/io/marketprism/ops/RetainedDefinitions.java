/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.journal.JournalFormat;
import io.marketprism.journal.JournalReader;
import io.marketprism.sbe.InstrumentDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instrument definitions kept beside a journal's cycle files ({@link JournalReader#readDefinitions}), for the
 * messages whose definitions retention deleted with the cycle they were journaled in.
 * <p>
 * Only the definitions received up to the journal's first message are needed: any later one is still in the cycle
 * files, where the replay meets it in order (the engine journals a definition before the message that brought it).
 * And only those may be used: instrument ids are given in order of first sight, so an engine restarted on the same
 * journal may give an id to another instrument, and a definition from after the first message could name earlier
 * messages wrongly. For each id the latest definition up to the first message is
 * the one in force there. Cold: read once per replay.
 */
final class RetainedDefinitions
{
    private final List<byte[]> definitions = new ArrayList<>();

    /**
     * @param reader the journal's reader; it is not moved.
     */
    RetainedDefinitions(final JournalReader reader)
    {
        reader.readDefinitions((buffer, offset, length, index) ->
        {
            // a damaged copy is no definition: its messages then stay unnamed, as without the copy
            if (JournalFormat.kind(buffer, offset, length) == JournalFormat.NORMALIZED &&
                JournalFormat.templateId(buffer, offset) == InstrumentDecoder.TEMPLATE_ID)
            {
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                definitions.add(copy);
            }
        });
    }

    /**
     * Gives the output, for each instrument, the latest definition received at or before a time.
     *
     * @param firstRecvTsNs receive time of the journal's first message.
     * @param out           the replay's output.
     * @return definitions given.
     */
    int defineBefore(final long firstRecvTsNs, final ReplayOutput out)
    {
        final Map<Integer, UnsafeBuffer> inForce = new LinkedHashMap<>();
        for (final byte[] definition : definitions)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(definition);
            final long recvTsNs = JournalFormat.recvTsNs(buffer, 0);
            if (recvTsNs != Long.MIN_VALUE && recvTsNs <= firstRecvTsNs)
            {
                inForce.put(JournalFormat.instrumentId(buffer, 0), buffer);
            }
        }
        for (final UnsafeBuffer definition : inForce.values())
        {
            out.onDefinition(definition, 0);
        }
        return inForce.size();
    }
}
