/**
 * The journal: normalized SBE messages appended to a Chronicle Queue on disk, one message per document, and read back
 * in order. Documents are raw SBE (header first), so the schema id in the header tells record kinds apart.
 */
package io.marketprism.journal;
