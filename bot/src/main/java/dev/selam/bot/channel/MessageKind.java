package dev.selam.bot.channel;

/** What a person sent, as far as the dialogue cares. */
public enum MessageKind {
  TEXT,
  COMMAND,
  CALLBACK,
  PHOTO,
  VOICE,
  DOCUMENT,
  STICKER,
  LOCATION,
  VIDEO,
  AUDIO,
  /** Anything else: a contact card, a poll, a game, a payment, ... */
  OTHER
}
