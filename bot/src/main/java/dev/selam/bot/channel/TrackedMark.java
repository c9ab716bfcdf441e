package dev.selam.bot.channel;

import dev.selam.core.storage.WriteBatch;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * A channel's {@link HandledMark} that remembers whether the handler ran it: after a handler that
 * never did (one that stores nothing), the channel marks the message itself.
 */
public final class TrackedMark implements HandledMark {
  private final HandledMark mark;
  private volatile boolean used;

  public TrackedMark(HandledMark mark) {
    this.mark = mark;
  }

  @Override
  public Future<Boolean> mark(SqlConnection tx) {
    return mark.mark(tx).onSuccess(first -> used = true);
  }

  @Override
  public Future<Boolean> mark(SqlConnection tx, WriteBatch batch) {
    return mark.mark(tx, batch).onSuccess(first -> used = true);
  }

  /** True once the handler marked the message (first time or not) in a transaction of its own. */
  public boolean used() {
    return used;
  }
}
