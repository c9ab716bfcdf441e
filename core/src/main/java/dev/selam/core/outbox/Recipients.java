package dev.selam.core.outbox;

import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.crypto.Pseudonymizer;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Chats the outbox can reach that are not a person's conversation, such as a group the bot tells
 * once that it works only in private chat. Stored like any contact: a pseudonym to find it, the
 * chat id encrypted to reach it.
 */
public final class Recipients {
  private final FieldCipher cipher;
  private final Pseudonymizer pseudonymizer;
  private final Clock clock;

  public Recipients(FieldCipher cipher, Pseudonymizer pseudonymizer, Clock clock) {
    this.cipher = cipher;
    this.pseudonymizer = pseudonymizer;
    this.clock = clock;
  }

  /**
   * Creates the contact for a chat unless it exists. Returns the new contact's id, or empty when
   * the chat was known already: "once per chat" holds across restarts and replicas.
   */
  public Future<Optional<String>> createIfAbsent(
      SqlConnection tx, String channel, String externalId, String chatType, String language) {
    String id = UUID.randomUUID().toString();
    return tx.preparedQuery(
            "INSERT INTO contact (id, channel, pseudonym, chat_ref, language, chat_type, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .execute(
            Tuple.from(
                new Object[] {
                  id,
                  channel,
                  pseudonymizer.pseudonym(channel, externalId),
                  cipher.encrypt(externalId, OutboxStore.CHAT_REF),
                  language,
                  chatType,
                  OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                }))
        .map(rows -> rows.rowCount() == 1 ? Optional.of(id) : Optional.<String>empty());
  }
}
