/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns the JSON lines of {@code JSONL.md} into CSV rows, one column set per type: the same values, in the same exact
 * text (decimals as the venue wrote them, timestamps as integer nanoseconds), absent fields left empty, the book's
 * {@code bids} and {@code asks} as their JSON arrays in a quoted cell. A field the type's header does not name is an
 * error, never dropped silently. Reuses its buffers: no allocation per row.
 */
final class CsvRows
{
    private static final String COMMON = "venue,symbol,venueSymbol,exchTs,recvTs,";
    /** Columns of each type, indexed like {@link ReplayFilter#TYPE_NAMES}. */
    static final String[] HEADERS = {
        null,
        COMMON + "price,qty,side,tradeId",
        COMMON + "snapshot,seq,prevSeq,firstSeq,health,bidPrice,bidQty,askPrice,askQty,bids,asks",
        COMMON + "seq,bidPrice,bidQty,askPrice,askQty",
        COMMON + "markPrice,indexPrice,fundingRate,nextFundingTs",
        COMMON + "event,reason",
        COMMON + "base,quote,kind,tickSize,lotSize,contractSize,expiryTs,strike,optionType",
        COMMON + "openInterest,openInterestValue",
        COMMON + "price,qty,side",
        COMMON + "kind,longShortRatio,longAccount,shortAccount",
        COMMON + "value,open,high,low,close",
    };

    private final byte[][][] columns = new byte[HEADERS.length][][];
    private final int[] cellStart = new int[32];
    private final int[] cellEnd = new int[32];
    private final boolean[] cellQuoted = new boolean[32];
    private byte[] line = new byte[64 * 1024];
    private byte[] row = new byte[128 * 1024];

    CsvRows()
    {
        for (int t = 1; t < HEADERS.length; t++)
        {
            final String[] names = HEADERS[t].split(",");
            columns[t] = new byte[names.length][];
            for (int c = 0; c < names.length; c++)
            {
                columns[t][c] = names[c].getBytes(StandardCharsets.US_ASCII);
            }
        }
    }

    /**
     * @param templateId a type.
     * @return its header row, newline included.
     */
    static byte[] header(final int templateId)
    {
        return (HEADERS[templateId] + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Writes one JSON line as a CSV row of its type.
     *
     * @param templateId the line's type.
     * @param json       buffer holding the line from index 0.
     * @param length     its length, newline included.
     * @param out        where the row goes.
     * @throws IOException when writing fails.
     */
    void write(final int templateId, final DirectBuffer json, final int length, final OutputStream out)
        throws IOException
    {
        if (line.length < length)
        {
            line = new byte[Math.max(length, line.length * 2)];
        }
        json.getBytes(0, line, 0, length);
        final byte[][] names = columns[templateId];
        for (int c = 0; c < names.length; c++)
        {
            cellStart[c] = -1;
        }
        int i = 1;
        while (i < length && line[i] == '"')
        {
            final int keyStart = i + 1;
            int keyEnd = keyStart;
            while (line[keyEnd] != '"')
            {
                keyEnd++;
            }
            int valueStart = keyEnd + 2;
            int valueEnd;
            boolean quoted = false;
            if (line[valueStart] == '"')
            {
                valueStart++;
                valueEnd = valueStart;
                while (line[valueEnd] != '"')
                {
                    valueEnd += line[valueEnd] == '\\' ? 2 : 1;
                }
                i = valueEnd + 1;
                quoted = hasSpecial(valueStart, valueEnd);
            }
            else if (line[valueStart] == '[')
            {
                int depth = 0;
                valueEnd = valueStart;
                do
                {
                    final byte b = line[valueEnd++];
                    depth += b == '[' ? 1 : b == ']' ? -1 : 0;
                }
                while (depth > 0);
                i = valueEnd;
                quoted = true;
            }
            else
            {
                valueEnd = valueStart;
                while (line[valueEnd] != ',' && line[valueEnd] != '}')
                {
                    valueEnd++;
                }
                i = valueEnd;
            }
            final int column = column(names, keyStart, keyEnd);
            if (column >= 0)
            {
                cellStart[column] = valueStart;
                cellEnd[column] = valueEnd;
                cellQuoted[column] = quoted;
            }
            else if (!isTypeKey(keyStart, keyEnd))
            {
                throw new IllegalStateException("CSV: a " + ReplayFilter.TYPE_NAMES[templateId] + " line has a field " +
                    new String(line, keyStart, keyEnd - keyStart, StandardCharsets.US_ASCII) + " its header lacks");
            }
            i++;
        }
        int at = 0;
        for (int c = 0; c < names.length; c++)
        {
            if (c > 0)
            {
                at = put(at, (byte)',');
            }
            if (cellStart[c] >= 0)
            {
                if (cellQuoted[c])
                {
                    at = put(at, (byte)'"');
                    for (int b = cellStart[c]; b < cellEnd[c]; b++)
                    {
                        if (line[b] == '"')
                        {
                            at = put(at, (byte)'"');
                        }
                        at = put(at, line[b]);
                    }
                    at = put(at, (byte)'"');
                }
                else
                {
                    for (int b = cellStart[c]; b < cellEnd[c]; b++)
                    {
                        at = put(at, line[b]);
                    }
                }
            }
        }
        at = put(at, (byte)'\n');
        out.write(row, 0, at);
    }

    private boolean hasSpecial(final int start, final int end)
    {
        for (int b = start; b < end; b++)
        {
            if (line[b] == ',' || line[b] == '"' || line[b] == '\\')
            {
                return true;
            }
        }
        return false;
    }

    private boolean isTypeKey(final int start, final int end)
    {
        return end - start == 4 && line[start] == 't' && line[start + 1] == 'y' && line[start + 2] == 'p' &&
            line[start + 3] == 'e';
    }

    private int column(final byte[][] names, final int start, final int end)
    {
        for (int c = 0; c < names.length; c++)
        {
            final byte[] name = names[c];
            if (name.length == end - start)
            {
                boolean same = true;
                for (int k = 0; k < name.length && same; k++)
                {
                    same = name[k] == line[start + k];
                }
                if (same)
                {
                    return c;
                }
            }
        }
        return -1;
    }

    private int put(final int at, final byte b)
    {
        if (at == row.length)
        {
            row = java.util.Arrays.copyOf(row, row.length * 2);
        }
        row[at] = b;
        return at + 1;
    }
}
