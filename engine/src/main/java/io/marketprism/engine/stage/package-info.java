/**
 * The ring's consumers: {@link io.marketprism.engine.stage.NormalizeHandler} (instruments, books, health),
 * {@link io.marketprism.engine.stage.JournalHandler} (Chronicle Queue) and
 * {@link io.marketprism.engine.stage.PublishHandler} (Aeron), plus the Aeron transport they publish on.
 */
package io.marketprism.engine.stage;
