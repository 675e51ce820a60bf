/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.net;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * The client's opening handshake (RFC 6455, section 4.1): the HTTP/1.1 upgrade request, and the check of the
 * server's response ({@code 101}, {@code Upgrade: websocket}, {@code Connection: Upgrade} and the
 * {@code Sec-WebSocket-Accept} that proves the server read our key). Cold path: once per connection, allocates.
 */
final class WebSocketHandshake
{
    /** Longest response header accepted, bytes. */
    static final int MAX_RESPONSE_HEADER_LENGTH = 16 * 1024;

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String key;

    WebSocketHandshake()
    {
        final byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        key = Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * @param hostHeader   the {@code Host} header value: host, and port when not the scheme's default.
     * @param pathAndQuery the request target, e.g. {@code /stream?streams=btcusdt@trade}.
     * @return the request's bytes.
     */
    byte[] request(final String hostHeader, final String pathAndQuery)
    {
        return ("GET " + pathAndQuery + " HTTP/1.1\r\n" +
            "Host: " + hostHeader + "\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            "Sec-WebSocket-Key: " + key + "\r\n" +
            "Sec-WebSocket-Version: 13\r\n" +
            "User-Agent: MarketPrism\r\n" +
            "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param bytes  what the server sent.
     * @param length how many of them.
     * @return the length of the response header including its blank line, or -1 when it is not complete yet.
     */
    static int headerLength(final byte[] bytes, final int length)
    {
        for (int i = 3; i < length; i++)
        {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r')
            {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * Checks the server's response header.
     *
     * @param header the header, up to and including its blank line.
     * @return null when the server accepted the upgrade, else why not (the status line, or the header that is wrong).
     */
    String check(final String header)
    {
        final String[] lines = header.split("\r\n");
        final String statusLine = lines[0];
        final String[] status = statusLine.split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !"101".equals(status[1]))
        {
            return "the server refused the upgrade: " + statusLine;
        }
        String upgrade = null;
        String connection = null;
        String accept = null;
        for (int i = 1; i < lines.length; i++)
        {
            final int colon = lines[i].indexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            final String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            final String value = lines[i].substring(colon + 1).trim();
            switch (name)
            {
                case "upgrade":
                    upgrade = value;
                    break;
                case "connection":
                    connection = value;
                    break;
                case "sec-websocket-accept":
                    accept = value;
                    break;
                default:
                    break;
            }
        }
        if (upgrade == null || !"websocket".equalsIgnoreCase(upgrade))
        {
            return "the server's 101 response has Upgrade: " + upgrade + " (expected websocket)";
        }
        if (connection == null || !hasToken(connection, "upgrade"))
        {
            return "the server's 101 response has Connection: " + connection + " (expected Upgrade)";
        }
        final String expected = expectedAccept();
        if (!expected.equals(accept))
        {
            return "the server's Sec-WebSocket-Accept is " + accept + ", expected " + expected;
        }
        return null;
    }

    private String expectedAccept()
    {
        try
        {
            final MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(
                sha1.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-1 is missing from this JDK", ex);
        }
    }

    private static boolean hasToken(final String value, final String token)
    {
        for (final String part : value.split(","))
        {
            if (part.trim().equalsIgnoreCase(token))
            {
                return true;
            }
        }
        return false;
    }
}
