/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import org.agrona.DirectBuffer;

/**
 * The bytes venues use in instrument symbols: letters, digits and {@code - _ . / :}. Decoders accept a symbol only
 * when every byte is one of these, so a symbol can be printed and used as a key without escaping.
 */
public final class SymbolBytes
{
    private static final boolean[] SYMBOL_BYTES = new boolean[256];

    static
    {
        for (int b = 0; b < SYMBOL_BYTES.length; b++)
        {
            SYMBOL_BYTES[b] = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') ||
                b == '-' || b == '_' || b == '.' || b == '/' || b == ':';
        }
    }

    private SymbolBytes()
    {
    }

    /**
     * @param b a byte of a symbol.
     * @return true for a symbol byte.
     */
    public static boolean isSymbolByte(final byte b)
    {
        return SYMBOL_BYTES[b & 0xFF];
    }

    /**
     * @param bytes a symbol.
     * @return true when every byte is a symbol byte and there is at least one.
     */
    public static boolean isValidSymbol(final byte[] bytes)
    {
        if (bytes.length == 0)
        {
            return false;
        }
        for (final byte b : bytes)
        {
            if (!isSymbolByte(b))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param buffer holding a symbol.
     * @param offset its first byte.
     * @param length its length.
     * @return offset of the first byte that is not a symbol byte, or -1 when all are (an empty symbol has none).
     */
    public static int firstInvalid(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (!SYMBOL_BYTES[buffer.getByte(offset + i) & 0xFF])
            {
                return offset + i;
            }
        }
        return -1;
    }
}
