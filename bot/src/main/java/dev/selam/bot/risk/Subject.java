package dev.selam.bot.risk;

/** Who a message speaks about: risk does not go down when the person in danger is someone else. */
public enum Subject {
  /** The writer: "me", "my passport". */
  SELF,
  /** A relative or friend: "my sister", "my cousin". */
  RELATIVE,
  /** A child: "a boy", "the neighbours' daughter", "I'm 14". */
  CHILD
}
