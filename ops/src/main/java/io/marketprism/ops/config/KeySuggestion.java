/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops.config;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean": the known name closest to a misspelt one by edit distance (insertions, deletions, substitutions
 * and swaps of neighbours, case ignored), if it is close enough to be a plausible typo.
 */
final class KeySuggestion
{
    private KeySuggestion()
    {
    }

    /**
     * @param name     the unknown name.
     * @param known    the names it may have meant.
     * @param maxEdits the most edits a plausible typo makes.
     * @return the closest known name within {@code maxEdits}, or null.
     */
    static String closest(final String name, final Collection<String> known, final int maxEdits)
    {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final String candidate : known)
        {
            final int distance = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best != null && bestDistance <= maxEdits ? best : null;
    }

    /**
     * Optimal string alignment distance.
     */
    static int distance(final String a, final String b)
    {
        final int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++)
        {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++)
        {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            for (int j = 1; j <= b.length(); j++)
            {
                final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int value = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                {
                    value = Math.min(value, d[i - 2][j - 2] + 1);
                }
                d[i][j] = value;
            }
        }
        return d[a.length()][b.length()];
    }
}
