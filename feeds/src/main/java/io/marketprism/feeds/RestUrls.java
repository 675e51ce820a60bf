/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

/**
 * The request URLs a caller passes to {@link FrameDecoder#contextUrl(String)}, read the one way every decoder needs.
 * Cold path.
 */
public final class RestUrls
{
    private RestUrls()
    {
    }

    /**
     * @param url an absolute URL ({@code https://api.kraken.com/0/public/Depth?pair=XBTUSD}) or a path, or null.
     * @return its path with the query ({@code /0/public/Depth?pair=XBTUSD}); {@code /} when an absolute URL has no
     * path; the text itself when it has no scheme; null for null.
     */
    public static String path(final String url)
    {
        if (url == null)
        {
            return null;
        }
        final int scheme = url.indexOf("://");
        if (scheme < 0)
        {
            return url;
        }
        final int path = url.indexOf('/', scheme + 3);
        return path < 0 ? "/" : url.substring(path);
    }
}
