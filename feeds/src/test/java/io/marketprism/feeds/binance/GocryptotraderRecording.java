/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.feeds.json.JsonCursor;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * gocryptotrader's recorded Binance REST responses ({@code recordings/gocryptotrader/binance-http.json.gz}, a gzip
 * copy of {@code exchanges/binance/testdata/http.json}): {@code {"routes":{path:{method:[{"data":body,
 * "queryString":..},..]}}}}. Bodies are handed out as the exact text the file holds (sliced, not re-serialized).
 */
final class GocryptotraderRecording
{
    /**
     * One recorded GET response.
     *
     * @param route       the path, e.g. {@code /fapi/v1/premiumIndex}.
     * @param queryString the query string sent.
     * @param body        the response body as the file holds it.
     */
    record Response(String route, String queryString, String body)
    {
        /**
         * @return the request URL on the USD-M host (the path decides the endpoint, not the host).
         */
        String url()
        {
            return "https://fapi.binance.com" + route + (queryString.isEmpty() ? "" : "?" + queryString);
        }

        /**
         * @return the {@code symbol} query parameter, or null.
         */
        String symbolParameter()
        {
            for (final String parameter : queryString.split("&"))
            {
                if (parameter.startsWith("symbol="))
                {
                    return parameter.substring("symbol=".length());
                }
            }
            return null;
        }
    }

    private static byte[] bytes;

    private GocryptotraderRecording()
    {
    }

    /**
     * @param route a path.
     * @return its recorded GET responses with a body (the file records some requests without one, as null).
     */
    static synchronized List<Response> responses(final String route)
    {
        if (bytes == null)
        {
            try (InputStream in = new GZIPInputStream(
                Files.newInputStream(Recordings.file("gocryptotrader/binance-http.json.gz"))))
            {
                bytes = in.readAllBytes();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final JsonCursor cursor = new JsonCursor();
        cursor.wrap(buffer, 0, bytes.length);
        final List<Response> responses = new ArrayList<>();
        check(cursor.enterObject());
        check(cursor.nextField(true));
        require(cursor, buffer, "routes");
        check(cursor.enterObject());
        boolean firstRoute = true;
        while (cursor.nextField(firstRoute) == JsonCursor.OK)
        {
            firstRoute = false;
            if (!key(cursor, buffer).equals(route))
            {
                check(cursor.skipValue());
                continue;
            }
            check(cursor.enterObject());
            boolean firstMethod = true;
            while (cursor.nextField(firstMethod) == JsonCursor.OK)
            {
                firstMethod = false;
                if (!key(cursor, buffer).equals("GET"))
                {
                    check(cursor.skipValue());
                    continue;
                }
                check(cursor.enterArray());
                boolean firstEntry = true;
                while (cursor.nextElement(firstEntry) == JsonCursor.OK)
                {
                    firstEntry = false;
                    responses.add(entry(cursor, buffer, route));
                }
            }
        }
        return responses.stream().filter(response -> !response.body().equals("null")).toList();
    }

    private static Response entry(final JsonCursor cursor, final UnsafeBuffer buffer, final String route)
    {
        check(cursor.enterObject());
        String body = null;
        String query = null;
        boolean first = true;
        while (cursor.nextField(first) == JsonCursor.OK)
        {
            first = false;
            final String key = key(cursor, buffer);
            if (key.equals("data"))
            {
                final int start = cursor.position();
                check(cursor.skipValue());
                body = buffer.getStringWithoutLengthUtf8(start, cursor.position() - start).trim();
            }
            else if (key.equals("queryString"))
            {
                check(cursor.parseString());
                // the file writes '&' as a JSON unicode escape, the only escape its query strings hold
                query = buffer.getStringWithoutLengthUtf8(cursor.stringOffset(), cursor.stringLength())
                    .replace("\\u0026", "&");
            }
            else
            {
                check(cursor.skipValue());
            }
        }
        return new Response(route, query, body);
    }

    private static String key(final JsonCursor cursor, final UnsafeBuffer buffer)
    {
        return buffer.getStringWithoutLengthUtf8(cursor.keyOffset(), cursor.keyLength());
    }

    private static void require(final JsonCursor cursor, final UnsafeBuffer buffer, final String key)
    {
        if (!key(cursor, buffer).equals(key))
        {
            throw new IllegalStateException("expected " + key + ", found " + key(cursor, buffer));
        }
    }

    private static void check(final int status)
    {
        if (status != JsonCursor.OK)
        {
            throw new IllegalStateException("not the recording's shape: status " + status);
        }
    }

    /**
     * @param json a JSON object or array.
     * @return the object itself, or the array's elements, as the text holds them.
     */
    static List<String> elements(final String json)
    {
        final byte[] text = json.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(text);
        final JsonCursor cursor = new JsonCursor();
        cursor.wrap(buffer, 0, text.length);
        if (cursor.peek() != '[')
        {
            return List.of(json);
        }
        check(cursor.enterArray());
        final List<String> elements = new ArrayList<>();
        boolean first = true;
        while (cursor.nextElement(first) == JsonCursor.OK)
        {
            first = false;
            final int start = cursor.position();
            check(cursor.skipValue());
            elements.add(buffer.getStringWithoutLengthUtf8(start, cursor.position() - start).trim());
        }
        return elements;
    }
}
